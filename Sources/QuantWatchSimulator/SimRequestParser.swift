import Foundation
import QuantWatchDomain

/// A request body decoded for one dialect, with the streaming options the response needs.
struct ParsedSimRequest: Sendable {
    var request: SimRequest
    var stream: Bool
    var includeUsage: Bool
    /// nil: no logprobs asked for.
    var topLogprobs: Int?
}

/// The reason a request body was rejected (answered with 400).
struct SimRequestError: Error, Sendable {
    var message: String
}

/// Decodes the four dialects' request bodies (JSON) into a `SimRequest`.
enum SimRequestParser {
    static func parse(_ dialect: BackendKind, body: Data) throws -> ParsedSimRequest {
        let object: [String: Any]
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                throw SimRequestError(message: "request body must be a JSON object")
            }
            object = decoded
        } catch let error as SimRequestError {
            throw error
        } catch {
            throw SimRequestError(message: "request body is not valid JSON")
        }
        switch dialect {
        case .openai:
            let messages = try chatMessages(object["messages"])
            let maxTokens = int(object["max_completion_tokens"]) ?? int(object["max_tokens"])
            let wantsLogprobs = object["logprobs"] as? Bool ?? false
            let top = wantsLogprobs ? (int(object["top_logprobs"]) ?? 0) : nil
            let options = object["stream_options"] as? [String: Any]
            return ParsedSimRequest(
                request: SimRequest(messages: messages, maxTokens: maxTokens, topLogprobs: top.map { max($0, 1) } ?? 0),
                stream: object["stream"] as? Bool ?? false,
                includeUsage: options?["include_usage"] as? Bool ?? false, topLogprobs: top)
        case .llamacpp:
            let prompt: String
            if let text = object["prompt"] as? String {
                prompt = text
            } else if let parts = object["prompt"] as? [Any], let first = parts.first as? String {
                prompt = first
            } else {
                throw SimRequestError(message: "\"prompt\" must be a string")
            }
            let predict = int(object["n_predict"]).flatMap { $0 < 0 ? nil : $0 }
            let probs = int(object["n_probs"]) ?? 0
            return ParsedSimRequest(
                request: SimRequest(prompt: prompt, maxTokens: predict, topLogprobs: probs),
                stream: object["stream"] as? Bool ?? false, includeUsage: false, topLogprobs: probs > 0 ? probs : nil)
        case .ollama:
            let messages = try chatMessages(object["messages"])
            let options = object["options"] as? [String: Any]
            let predict = int(options?["num_predict"]).flatMap { $0 < 0 ? nil : $0 }
            let wantsLogprobs = object["logprobs"] as? Bool ?? false
            let top = wantsLogprobs ? (int(object["top_logprobs"]) ?? 0) : nil
            return ParsedSimRequest(
                request: SimRequest(messages: messages, maxTokens: predict, topLogprobs: top.map { max($0, 1) } ?? 0),
                stream: object["stream"] as? Bool ?? true, includeUsage: false, topLogprobs: top)
        case .anthropic:
            var messages = try chatMessages(object["messages"])
            if let system = text(object["system"]) {
                messages.insert(ChatMessage(role: .system, content: system), at: 0)
            }
            guard let maxTokens = int(object["max_tokens"]) else {
                throw SimRequestError(message: "max_tokens: Field required")
            }
            return ParsedSimRequest(
                request: SimRequest(messages: messages, maxTokens: maxTokens),
                stream: object["stream"] as? Bool ?? false, includeUsage: false, topLogprobs: nil)
        }
    }

    private static func chatMessages(_ value: Any?) throws -> [ChatMessage] {
        guard let list = value as? [[String: Any]], !list.isEmpty else {
            throw SimRequestError(message: "\"messages\" must be a non-empty array")
        }
        return try list.map { entry in
            guard let roleName = entry["role"] as? String else {
                throw SimRequestError(message: "each message needs a \"role\"")
            }
            let role = ChatMessage.Role(rawValue: roleName) ?? .user
            return ChatMessage(role: role, content: text(entry["content"]) ?? "")
        }
    }

    /// A string, or the text parts of a content-block array joined.
    private static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let blocks = value as? [[String: Any]] {
            return blocks.compactMap { $0["text"] as? String }.joined(separator: "\n")
        }
        return nil
    }

    private static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        return nil
    }
}
