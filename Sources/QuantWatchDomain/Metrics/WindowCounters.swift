/// Request, error, retry and token counts, summed over slices.
struct WindowCounters: Sendable, Equatable {
    var requests = 0
    var successes = 0
    var retries = 0
    var outputTokens = 0
    var errors = ErrorCounts()
    /// Answers scored, and scored right.
    var scored = 0
    var correct = 0

    mutating func add(_ sample: ProbeSample) {
        requests += 1
        if let right = sample.correct {
            scored += 1
            if right { correct += 1 }
        }
        retries += sample.retries
        if let errorClass = sample.errorClass {
            errors[errorClass] += 1
        } else {
            successes += 1
            outputTokens += sample.outputTokens
        }
    }

    mutating func add(_ other: WindowCounters) {
        requests += other.requests
        successes += other.successes
        retries += other.retries
        outputTokens += other.outputTokens
        errors.add(other.errors)
        scored += other.scored
        correct += other.correct
    }
}
