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

/// Lines as libyaml counts them: LF, CR, CRLF, NEL, LS and PS each end one. (An error at the end of the input
/// can name the line after the last: hence the checks allow two past the count.)
func yamlLines(_ text: String) -> Int {
    // Over scalars, not Characters: grapheme clusters can hide a break that libyaml counts (a fuzzed suite's
    // 201 breaks read as 198).
    var lines = 1
    var afterCR = false
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\r": lines += 1
        case "\n": if !afterCR { lines += 1 }
        case "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        default: break
        }
        afterCR = scalar == "\r"
    }
    return lines
}
