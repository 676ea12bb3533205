import QuantWatchDomain

/// Finds the canary a prompt came from: by its last user message, or by a canary's text inside a raw prompt
/// (a chat template may wrap it).
struct CanaryIndex: Sendable {
    private let byQuestion: [String: Canary]
    private let ordered: [(question: String, canary: Canary)]

    init(_ canaries: [Canary]) {
        var byQuestion: [String: Canary] = [:]
        var ordered: [(String, Canary)] = []
        for canary in canaries {
            let question = CanaryIndex.question(of: canary.messages)
            guard !question.isEmpty, byQuestion[question] == nil else { continue }
            byQuestion[question] = canary
            ordered.append((question, canary))
        }
        self.byQuestion = byQuestion
        // Longest first, so a question that contains a shorter one wins.
        self.ordered = ordered.sorted { $0.0.count > $1.0.count }
    }

    func match(_ request: SimRequest) -> Canary? {
        if !request.messages.isEmpty, let canary = byQuestion[CanaryIndex.question(of: request.messages)] {
            return canary
        }
        let prompt = AnswerNormalizer.normalize(request.promptText)
        if let canary = byQuestion[prompt] { return canary }
        return ordered.first { prompt.contains($0.question) }?.canary
    }

    /// The normalised last user message (or last message of any role).
    private static func question(of messages: [ChatMessage]) -> String {
        let last = messages.last { $0.role == .user } ?? messages.last
        return AnswerNormalizer.normalize(last?.content ?? "")
    }
}
