import QuantWatchDomain

/// A generation request in dialect-neutral form, as each dialect decodes it.
public struct SimRequest: Sendable, Equatable {
    /// Chat turns (OpenAI, Ollama, Anthropic); empty for raw-prompt dialects.
    public var messages: [ChatMessage]
    /// Raw prompt text (llama.cpp `/completion`).
    public var prompt: String?
    public var maxTokens: Int?
    /// Alternatives per token to report (0: no logprobs).
    public var topLogprobs: Int

    public init(messages: [ChatMessage] = [], prompt: String? = nil, maxTokens: Int? = nil, topLogprobs: Int = 0) {
        self.messages = messages
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.topLogprobs = topLogprobs
    }

    /// The whole prompt as one string.
    public var promptText: String {
        prompt ?? messages.map(\.content).joined(separator: "\n")
    }
}
