import Foundation

/// One probe of one canary on one target, scored.
///
/// Errors carry their class; successes their timings.
public struct ProbeResult: Sendable, Equatable {
    public var targetID: String
    public var canaryID: String
    public var category: String
    /// Wall-clock time the probe started (for windows, storage and JSON).
    public var startedAt: Date
    public var outcome: Result<Generation, ProbeFailure>
    /// Whether the scorer accepted the answer; nil when the probe failed.
    public var correct: Bool?

    public init(
        targetID: String, canaryID: String, category: String, startedAt: Date,
        outcome: Result<Generation, ProbeFailure>, correct: Bool?
    ) {
        self.targetID = targetID
        self.canaryID = canaryID
        self.category = category
        self.startedAt = startedAt
        self.outcome = outcome
        self.correct = correct
    }

    public var generation: Generation? {
        if case .success(let generation) = outcome { return generation }
        return nil
    }

    public var failure: ProbeFailure? {
        if case .failure(let failure) = outcome { return failure }
        return nil
    }

    public var retries: Int {
        switch outcome {
        case .success(let generation): generation.retries
        case .failure(let failure): failure.retries
        }
    }
}
