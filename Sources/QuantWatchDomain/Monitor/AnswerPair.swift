import Foundation

/// The latest answer of a target to one canary, beside its baseline's answer to the same canary.
public struct AnswerPair: Sendable, Equatable, Codable {
    public var canaryID: String
    public var category: String
    public var answer: String
    public var correct: Bool
    public var baselineAnswer: String?
    public var baselineCorrect: Bool?
    public var at: Date

    public init(
        canaryID: String, category: String, answer: String, correct: Bool, baselineAnswer: String? = nil,
        baselineCorrect: Bool? = nil, at: Date
    ) {
        self.canaryID = canaryID
        self.category = category
        self.answer = answer
        self.correct = correct
        self.baselineAnswer = baselineAnswer
        self.baselineCorrect = baselineCorrect
        self.at = at
    }
}
