/// A named list of canaries loaded from one YAML file.
public struct CanarySuite: Sendable, Equatable {
    public var name: String
    public var path: String
    public var canaries: [Canary]

    public init(name: String, path: String, canaries: [Canary]) {
        self.name = name
        self.path = path
        self.canaries = canaries
    }
}
