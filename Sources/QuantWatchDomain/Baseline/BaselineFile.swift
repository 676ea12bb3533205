import Foundation

/// A recorded baseline (`quantwatch baseline record`), one target's answers to every canary, round by round.
///
/// It also holds what the server said it was. Written as diff-friendly JSON: sorted keys, two-space indentation,
/// one canary per entry in suite order.
public struct BaselineFile: Sendable, Equatable, Codable {
    /// The format version this build writes and reads.
    public static let currentVersion = 1

    /// The recording parameters sent with every probe (quantwatch always probes at temperature 0).
    public struct Sampling: Sendable, Equatable, Codable {
        public var temperature: Double
        public var seed: Int
        public var topLogprobs: Int

        public init(temperature: Double, seed: Int, topLogprobs: Int) {
            self.temperature = temperature
            self.seed = seed
            self.topLogprobs = topLogprobs
        }

        enum CodingKeys: String, CodingKey {
            case temperature, seed
            case topLogprobs = "top_logprobs"
        }
    }

    /// The recorded target as the fleet file described it.
    public struct Source: Sendable, Equatable, Codable {
        public var id: String
        public var backend: String
        public var url: String
        public var model: String
        public var quant: String

        public init(id: String, backend: String, url: String, model: String, quant: String) {
            self.id = id
            self.backend = backend
            self.url = url
            self.model = model
            self.quant = quant
        }
    }

    /// One answer of one round.
    public struct Answer: Sendable, Equatable, Codable {
        public var round: Int
        /// Nil when the probe failed (then `error` says why).
        public var text: String?
        public var normalized: String?
        public var correct: Bool?
        public var error: String?
        /// Token logprobs as served (top-k per position); empty when none were asked for or served.
        public var logprobs: [TokenLogprob]

        public init(
            round: Int, text: String?, normalized: String?, correct: Bool?, error: String?, logprobs: [TokenLogprob]
        ) {
            self.round = round
            self.text = text
            self.normalized = normalized
            self.correct = correct
            self.error = error
            self.logprobs = logprobs
        }
    }

    /// One canary with its answers, oldest round first.
    public struct Entry: Sendable, Equatable, Codable {
        public var id: String
        public var category: String
        /// `PromptHash` of the canary's messages: a changed prompt is not paired with this recording.
        public var promptHash: String
        public var answers: [Answer]

        public init(id: String, category: String, promptHash: String, answers: [Answer]) {
            self.id = id
            self.category = category
            self.promptHash = promptHash
            self.answers = answers
        }

        enum CodingKeys: String, CodingKey {
            case id, category, answers
            case promptHash = "prompt_hash"
        }

        /// The answer of the latest round that succeeded.
        public var latest: Answer? { answers.last { $0.text != nil } }
    }

    public var version: Int
    /// Name the recording is shown by ("vs recorded NAME, DATE"): the recorded target's id.
    public var name: String
    public var recordedAt: Date
    public var quantwatchVersion: String
    public var source: Source
    public var sampling: Sampling
    public var server: ServerIdentity
    /// `PromptHash.suites` of the suites the canaries came from.
    public var suitesHash: String
    public var rounds: Int
    public var canaries: [Entry]

    public init(
        version: Int, name: String, recordedAt: Date, quantwatchVersion: String, source: Source, sampling: Sampling,
        server: ServerIdentity, suitesHash: String, rounds: Int, canaries: [Entry]
    ) {
        self.version = version
        self.name = name
        self.recordedAt = recordedAt
        self.quantwatchVersion = quantwatchVersion
        self.source = source
        self.sampling = sampling
        self.server = server
        self.suitesHash = suitesHash
        self.rounds = rounds
        self.canaries = canaries
    }

    enum CodingKeys: String, CodingKey {
        case version, name, source, sampling, server, rounds, canaries
        case recordedAt = "recorded_at"
        case quantwatchVersion = "quantwatch_version"
        case suitesHash = "suites_hash"
    }

    /// The day of the recording as shown beside its name ("2026-11-20", UTC).
    public var recordedDay: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: recordedAt)
    }

    /// "recorded llama-f16, 2026-11-20".
    public var label: String { "recorded \(name), \(recordedDay)" }

    /// The file's bytes: sorted keys, pretty-printed, ISO 8601 dates, a final newline.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a file's bytes; a version this build does not know is an error naming both versions.
    public static func decode(_ data: Data) throws -> BaselineFile {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        struct Versioned: Decodable { var version: Int }
        let version = try decoder.decode(Versioned.self, from: data).version
        guard version == currentVersion else { throw UnsupportedVersion(version: version) }
        return try decoder.decode(BaselineFile.self, from: data)
    }

    /// A baseline file written by another format version.
    public struct UnsupportedVersion: Error, CustomStringConvertible {
        public let version: Int
        public var description: String {
            "baseline file version \(version) is not supported (this quantwatch reads version \(currentVersion))"
        }
    }
}
