import Foundation
import QuantWatchDomain

/// One sample of an instant-vector answer: its labels (with `__name__`) and value.
public struct PromQLSample: Sendable, Equatable {
    public var labels: [String: String]
    public var value: Double

    public init(labels: [String: String], value: Double) {
        self.labels = labels
        self.value = value
    }

    public var name: String { labels["__name__"] ?? "" }

    public subscript(label: String) -> String? { labels[label] }
}

/// Decodes the answers of Prometheus's `/api/v1/query` (instant vectors only).
public enum PromQLResponse {
    private struct Answer: Decodable {
        struct Payload: Decodable {
            var resultType: String
            var result: [Series]
        }
        struct Series: Decodable {
            var metric: [String: String]
            var value: Point
        }
        var status: String
        var data: Payload?
        var errorType: String?
        var error: String?
    }

    /// `[unix seconds, "value"]`: a number then a string, as the API writes it.
    private struct Point: Decodable {
        var value: Double

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            _ = try container.decode(Double.self)
            let text = try container.decode(String.self)
            guard let value = Double(text) ?? Self.special(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "sample value '\(text)' is not a number")
            }
            self.value = value
        }

        static func special(_ text: String) -> Double? {
            switch text {
            case "NaN": .nan
            case "+Inf": .infinity
            case "-Inf": -.infinity
            default: nil
            }
        }
    }

    /// The samples of a successful vector answer; a failed one, another result type or a body that is not the
    /// API's JSON is a `PromQLError` saying which.
    public static func samples(from body: Data, query: String) throws(PromQLError) -> [PromQLSample] {
        if let samples = PromQLVectorScanner.samples(body) { return samples }
        return try decoded(from: body, query: query)
    }

    /// The Codable reading: the reference the scanner is tested against, and the one that words every error.
    static func decoded(from body: Data, query: String) throws(PromQLError) -> [PromQLSample] {
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: body)
        } catch {
            let start = String(decoding: body.prefix(120), as: UTF8.self)
            throw .malformed(query: query, detail: "\(Self.describe(error)); body starts: \(start)")
        }
        guard answer.status == "success" else {
            throw .api(query: query, type: answer.errorType ?? "error", message: answer.error ?? "no message")
        }
        guard let data = answer.data else { throw .malformed(query: query, detail: "success without data") }
        guard data.resultType == "vector" else {
            throw .malformed(query: query, detail: "expected a vector, got \(data.resultType)")
        }
        return data.result.map { PromQLSample(labels: $0.metric, value: $0.value.value) }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context): "wrong type at \(path(context))"
        case DecodingError.valueNotFound(_, let context): "missing value at \(path(context))"
        default: "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}
