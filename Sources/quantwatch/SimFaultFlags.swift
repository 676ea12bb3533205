import ArgumentParser
import QuantWatchSimulator

/// `quantwatch sim` flags that inject one fault from the start, as a fault script would.
struct SimFaultFlags: ParsableArguments {
    @Option(help: "Apply the one-off faults to this model id only.")
    var faultModel: String?

    @Option(help: "Add this to every time to first token (e.g. 200ms).")
    var latencyAdd: String?

    @Option(help: "Multiply every delay by this factor.")
    var latencyMultiply: Double?

    @Option(help: "Share of requests (0-1) the latency fault hits.")
    var latencyShare = 1.0

    @Option(help: "Share of requests (0-1) answered with an HTTP error.")
    var errorShare: Double?

    @Option(help: "Status of those errors (default 500; Anthropic 529).")
    var errorStatus: Int?

    @Option(help: "Share of requests (0-1) answered 429 with Retry-After.")
    var rateLimitShare: Double?

    @Option(help: "Retry-After of those 429s (e.g. 1s).")
    var retryAfter = "1s"

    @Option(help: "Share of streams (0-1) that stall.")
    var stallShare: Double?

    @Option(help: "Tokens sent before a stall.")
    var stallAfterTokens = 3

    @Option(help: "Share of responses (0-1) with a malformed chunk.")
    var malformedShare: Double?

    @Option(help: "Share of streams (0-1) reset mid-body.")
    var resetShare: Double?

    @Option(help: "Tokens sent before a reset.")
    var resetAfterTokens = 2

    @Flag(help: "Refuse connections: close the listener (ECONNREFUSED) while the fault lasts.")
    var refuse = false

    @Option(help: "Lower accuracy: CATEGORY:POINTS, or POINTS for every category (repeatable).")
    var accuracyDrop: [String] = []

    /// The flags as a fault script active from time zero.
    func script() throws -> FaultScript {
        var faults: [Fault] = []
        if latencyAdd != nil || latencyMultiply != nil {
            guard let add = SimDurationParser.parse(latencyAdd ?? "0") else {
                throw ValidationError("--latency-add must be a duration like 200ms")
            }
            faults.append(.latency(add: add, multiply: latencyMultiply ?? 1, share: try share(latencyShare, "latency")))
        }
        if let errorShare {
            faults.append(.errors(share: try share(errorShare, "error"), status: errorStatus))
        }
        if let rateLimitShare {
            guard let retry = SimDurationParser.parse(retryAfter) else {
                throw ValidationError("--retry-after must be a duration like 1s")
            }
            faults.append(.rateLimit(share: try share(rateLimitShare, "rate-limit"), retryAfter: retry))
        }
        if let stallShare {
            faults.append(.stall(share: try share(stallShare, "stall"), afterTokens: stallAfterTokens))
        }
        if let malformedShare { faults.append(.malformed(share: try share(malformedShare, "malformed"))) }
        if let resetShare {
            faults.append(.reset(share: try share(resetShare, "reset"), afterTokens: resetAfterTokens))
        }
        if refuse { faults.append(.refuse) }
        for drop in accuracyDrop {
            let parts = drop.split(separator: ":", maxSplits: 1).map(String.init)
            guard let points = Double(parts.last ?? ""), (0...100).contains(points) else {
                throw ValidationError("--accuracy-drop takes CATEGORY:POINTS or POINTS (0-100), got '\(drop)'")
            }
            faults.append(.accuracyDrop(category: parts.count == 2 ? parts[0] : nil, points: points))
        }
        return FaultScript(windows: faults.map { FaultWindow(model: faultModel, fault: $0) })
    }

    private func share(_ value: Double, _ name: String) throws -> Double {
        guard (0...1).contains(value) else { throw ValidationError("--\(name)-share must be in 0...1") }
        return value
    }
}
