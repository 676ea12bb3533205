/// One canary prompt with a known right answer.
public struct Canary: Sendable, Equatable, Identifiable {
    public var id: String
    /// general, math, coding, reasoning, or any name the suite uses.
    public var category: String
    public var messages: [ChatMessage]
    public var maxTokens: Int
    public var scorer: Scorer

    public init(id: String, category: String, messages: [ChatMessage], maxTokens: Int = 32, scorer: Scorer) {
        self.id = id
        self.category = category
        self.messages = messages
        self.maxTokens = maxTokens
        self.scorer = scorer
    }

    /// The prompt as one string, for backends that take raw text.
    public var promptText: String {
        messages.map(\.content).joined(separator: "\n")
    }
}
