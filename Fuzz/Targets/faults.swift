// Fuzz target: the simulator's fault-script loader (YAML through Yams, durations, shares, fault parameters).
//
// Any text: a FaultScript whose windows hold parameters in their documented ranges, or a FaultScriptError with a
// message and, when it names a line, one inside the text. Each accepted script is asked for its active faults.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFaults(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let script = try FaultScriptLoader.parse(yaml: text, path: "faults.yaml")
        for window in script.windows {
            if window.start < .zero { fatalError("a negative start accepted") }
            if let duration = window.duration, duration < .zero { fatalError("a negative length accepted") }
            switch window.fault {
            case .latency(_, let multiply, let share):
                check(share); if multiply <= 0 { fatalError("multiply \(multiply)") }
            case .errors(let share, let status):
                check(share); if let status, !(400...599).contains(status) { fatalError("status \(status)") }
            case .rateLimit(let share, _): check(share)
            case .stall(let share, let after), .reset(let share, let after):
                check(share); if after < 0 { fatalError("after \(after)") }
            case .malformed(let share): check(share)
            case .accuracyDrop(_, let points): if !(0...100).contains(points) { fatalError("points \(points)") }
            default: break
            }
            _ = script.activeFaults(at: window.start, model: window.model ?? "m")
        }
    } catch let error as FaultScriptError {
        if error.message.isEmpty { fatalError("an error without a message") }
        let lines = yamlLines(text)
        if let line = error.line, line < 0 || line > lines + 2 { fatalError("a line outside the text: \(error)") }
    } catch {
        fatalError("not a FaultScriptError, so no place in the file: \(error)")
    }
    return 0
}

func check(_ share: Double) {
    if !(0...1).contains(share) { fatalError("share \(share) accepted") }
}
