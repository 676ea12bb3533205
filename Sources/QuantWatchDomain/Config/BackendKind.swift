/// The wire dialect a target speaks.
public enum BackendKind: String, Sendable, Equatable, CaseIterable, Codable {
    case openai
    case llamacpp
    case ollama
    case anthropic
}
