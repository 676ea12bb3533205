/// A named list of canaries loaded from one YAML file.
public struct CanarySuite: Sendable, Equatable {
    public var name: String
    public var path: String
    public var canaries: [Canary]
    /// Texts scored for perplexity (`perplexity:`), in file order.
    public var perplexityTexts: [ReferenceText]

    public init(name: String, path: String, canaries: [Canary], perplexityTexts: [ReferenceText] = []) {
        self.name = name
        self.path = path
        self.canaries = canaries
        self.perplexityTexts = perplexityTexts
    }
}
