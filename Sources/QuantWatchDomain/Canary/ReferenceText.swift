/// A reference text of a suite's `perplexity:` list, scored for perplexity (the text itself, not an answer).
public struct ReferenceText: Sendable, Equatable {
    public var id: String
    public var text: String
    /// The file the text was read from (`file:`, resolved against the suite's folder), nil when given inline.
    public var file: String?

    public init(id: String, text: String, file: String? = nil) {
        self.id = id
        self.text = text
        self.file = file
    }
}
