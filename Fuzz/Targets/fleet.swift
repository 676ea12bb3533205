// Fuzz target: the fleet file loader (YAML through Yams, then every check of the fleet file).
//
// Any text: a FleetConfig or a ConfigError whose issues each carry a message and a place inside the text, and
// never the value of an `api_key_env` variable (secrets stay out of error messages). Suite paths resolve in a
// folder that does not exist, so a relative one fails to read instead of reaching into the file system.

let secret = "fuzz-secret-5b1e"
let environment = ["FUZZ_API_KEY": secret, "OPENAI_API_KEY": secret]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFleet(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let path = "/nonexistent-quantwatch-fuzz/fleet.yaml"
    do {
        let config = try FleetConfigLoader.parse(yaml: text, path: path, environment: environment)
        if config.targets.isEmpty { fatalError("a fleet without targets was accepted") }
        if Set(config.targets.map(\.id)).count != config.targets.count { fatalError("duplicate target ids accepted") }
        if config.concurrency < 1 { fatalError("concurrency below 1 accepted") }
        for target in config.targets where target.interval <= .zero { fatalError("a non-positive interval accepted") }
    } catch {
        checkIssues(error.issues, text: text, path: path)
    }
    return 0
}

func checkIssues(_ issues: [ConfigIssue], text: String, path: String) {
    if issues.isEmpty { fatalError("a ConfigError without issues") }
    let lines = yamlLines(text)
    for issue in issues {
        if issue.message.isEmpty { fatalError("an issue without a message") }
        if issue.message.contains(secret) || issue.description.contains(secret) { fatalError("a secret in an error") }
        if issue.line < 0 || issue.column < 0 { fatalError("a negative place: \(issue)") }
        if issue.file == path && issue.line > lines + 2 {
            fatalError("an issue past the end: \(issue), \(lines) lines")
        }
    }
}
