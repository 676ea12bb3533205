// Fuzz target: the canary suite loader (YAML through Yams, canaries, scorers and their regexes).
//
// Any text: a CanarySuite whose canaries have distinct, non-empty ids and a prompt, or a ConfigError whose issues
// each carry a message and a place inside the text. Each accepted canary's scorer is run on a few answers, so a
// regex or JSON path the loader accepted cannot trap when it is used.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSuite(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let path = "/nonexistent-quantwatch-fuzz/suite.yaml"
    do {
        let suite = try CanarySuiteLoader.parse(yaml: text, path: path)
        if Set(suite.canaries.map(\.id)).count != suite.canaries.count { fatalError("duplicate canary ids accepted") }
        for canary in suite.canaries {
            if canary.id.isEmpty { fatalError("a canary without an id accepted") }
            if canary.messages.isEmpty { fatalError("a canary without a prompt accepted") }
            for answer in [
                "4", "", "The answer is B.", "{\"a\": [1, 2]}", "x\u{0}y", String(repeating: "9", count: 400),
            ] {
                _ = canary.scorer.accepts(answer)
            }
        }
    } catch {
        if error.issues.isEmpty { fatalError("a ConfigError without issues") }
        let lines = yamlLines(text)
        for issue in error.issues {
            if issue.message.isEmpty { fatalError("an issue without a message") }
            if issue.line < 0 || issue.column < 0 || issue.line > lines + 2 { fatalError("a place outside: \(issue)") }
        }
    }
    return 0
}
