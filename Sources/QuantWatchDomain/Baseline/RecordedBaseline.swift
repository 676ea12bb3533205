import Foundation

/// A baseline file loaded for one target (`baseline_file:`), with what pairing it needs: its answers as results
/// of the external baseline `recorded:NAME`, the canaries it cannot pair, and its own run-to-run agreement.
public struct RecordedBaseline: Sendable, Equatable {
    /// The resolved path of the file.
    public var path: String
    public var file: BaselineFile

    public init(path: String, file: BaselineFile) {
        self.path = path
        self.file = file
    }

    /// The id the recording's answers are filed under in the Aggregator, apart from any fleet target's id.
    public var baselineID: String { Self.idPrefix + file.name }

    /// The prefix of every recorded baseline's id; no target id may start with it.
    public static let idPrefix = "recorded:"

    /// "recorded llama-f16, 2026-11-20".
    public var label: String { file.label }

    /// Reads and decodes a file; errors name the file and what was wrong.
    public static func load(path: String) throws(LoadError) -> RecordedBaseline {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError(path: path, reason: "cannot be read (\(Self.describe(error)))")
        }
        do {
            return RecordedBaseline(path: path, file: try BaselineFile.decode(data))
        } catch let error as BaselineFile.UnsupportedVersion {
            throw LoadError(path: path, reason: error.description)
        } catch {
            throw LoadError(path: path, reason: "is not a baseline file: \(Self.describe(error))")
        }
    }

    /// The recorded latest answer of every canary that can be paired, scored by the canary's current scorer (the
    /// same judge as the live side), as results of `baselineID` at the recording's date.
    public func results(for canaries: [Canary]) -> [ProbeResult] {
        let entries = Dictionary(file.canaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return canaries.compactMap { canary -> ProbeResult? in
            guard let entry = entries[canary.id], entry.promptHash == PromptHash.messages(canary.messages),
                let answer = entry.latest, let text = answer.text
            else { return nil }
            let generation = Generation(
                text: text, ttfb: .zero, ttft: .zero, e2e: .zero, outputTokens: answer.logprobs.count,
                logprobs: answer.logprobs)
            return ProbeResult(
                targetID: baselineID, canaryID: canary.id, category: canary.category, startedAt: file.recordedAt,
                outcome: .success(generation), correct: canary.scorer.accepts(text))
        }
    }

    /// The target's canaries this recording cannot pair, in suite order, each with why.
    public func unpaired(_ canaries: [Canary]) -> [UnpairedCanary] {
        let entries = Dictionary(file.canaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return canaries.compactMap { canary in
            guard let entry = entries[canary.id] else { return UnpairedCanary(id: canary.id, reason: .notRecorded) }
            if entry.promptHash != PromptHash.messages(canary.messages) {
                return UnpairedCanary(id: canary.id, reason: .promptChanged)
            }
            if entry.latest == nil { return UnpairedCanary(id: canary.id, reason: .noAnswer) }
            return nil
        }
    }

    /// The recording's own run-to-run agreement (its noise floor).
    ///
    /// Over consecutive rounds of every canary answered in both, the share with the same normalised answer. Nil
    /// below two rounds with answers (no noise floor to show).
    public var noiseFloor: NoiseFloor? {
        var agreeing = 0
        var compared = 0
        for entry in file.canaries {
            let answered = entry.answers.filter { $0.normalized != nil }.sorted { $0.round < $1.round }
            for (earlier, later) in zip(answered, answered.dropFirst()) {
                compared += 1
                if earlier.normalized == later.normalized { agreeing += 1 }
            }
        }
        return compared == 0 ? nil : NoiseFloor(agreeing: agreeing, compared: compared)
    }

    /// Per canary, the most its token distributions moved between consecutive recorded rounds (mean KLD, nats),
    /// for canaries recorded with logprobs in at least two rounds: the logprob side of the noise floor.
    public var logprobNoise: [String: Double] {
        var noise: [String: Double] = [:]
        for entry in file.canaries {
            let answered = entry.answers.filter { !$0.logprobs.isEmpty }.sorted { $0.round < $1.round }
            for (earlier, later) in zip(answered, answered.dropFirst()) {
                let kld = TokenDrift.compare(baseline: earlier.logprobs, quant: later.logprobs).meanKLD ?? 0
                noise[entry.id] = Swift.max(noise[entry.id] ?? 0, kld)
            }
        }
        return noise
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON: \(context.debugDescription)" + Self.codingPath(context.codingPath)
        case DecodingError.keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)'" + Self.codingPath(context.codingPath)
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return context.debugDescription + Self.codingPath(context.codingPath)
        default:
            return (error as NSError).localizedDescription
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        guard !path.isEmpty else { return "" }
        return " at " + path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    /// A baseline file that could not be used.
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "baseline file \(path) \(reason)" }
    }
}

/// A canary of the target that its recorded baseline cannot pair, and why: never silently counted.
public struct UnpairedCanary: Sendable, Equatable, Codable {
    public enum Reason: String, Sendable, Equatable, Codable {
        /// The file has no entry for this canary.
        case notRecorded = "not_recorded"
        /// The canary's messages changed since the recording (prompt hash differs).
        case promptChanged = "prompt_changed"
        /// The file has the canary but no successful answer to it.
        case noAnswer = "no_answer"

        /// How `check` explains it.
        public var sentence: String {
            switch self {
            case .notRecorded: "not in the recording"
            case .promptChanged: "prompt changed since the recording"
            case .noAnswer: "recorded without an answer (every round failed)"
            }
        }
    }

    public var id: String
    public var reason: Reason

    public init(id: String, reason: Reason) {
        self.id = id
        self.reason = reason
    }
}

/// A recorded baseline's run-to-run agreement with itself.
public struct NoiseFloor: Sendable, Equatable, Codable {
    /// Consecutive-round comparisons with the same normalised answer, of `compared`.
    public var agreeing: Int
    public var compared: Int
    /// agreeing / compared (1 when nothing was compared).
    public var agreement: Double

    public init(agreeing: Int, compared: Int) {
        self.agreeing = agreeing
        self.compared = compared
        agreement = compared == 0 ? 1 : Double(agreeing) / Double(compared)
    }
}
