import QuantWatchDomain
import Testing

/// One answer and whether a scorer should accept it.
struct ScorerCase: CustomTestStringConvertible, Sendable {
    let scorer: Scorer
    let answer: String
    let accepted: Bool

    init(_ scorer: Scorer, _ answer: String, _ accepted: Bool) {
        self.scorer = scorer
        self.answer = answer
        self.accepted = accepted
    }

    var testDescription: String { "\(scorer) \(accepted ? "accepts" : "rejects") \(answer.debugDescription)" }
}

struct ScorerTests {
    static let exact: [ScorerCase] = [
        ScorerCase(.exact("Paris"), "Paris", true),
        ScorerCase(.exact("Paris"), "  paris.\n", true),
        ScorerCase(.exact("Paris"), "**Paris**", true),
        ScorerCase(.exact("Paris"), "<think>France... capital is Paris? yes</think>\nParis", true),
        ScorerCase(.exact("Paris"), "Paris, France", false),
        ScorerCase(.exact("Paris"), "Lyon", false),
        ScorerCase(.exact("Paris"), "", false),
        ScorerCase(.exact("-8"), "−8", true),
        ScorerCase(.exact("3.5"), "3.5.", true),
    ]

    static let contains: [ScorerCase] = [
        ScorerCase(.contains(["Jupiter"], all: false), "The largest planet is Jupiter.", true),
        ScorerCase(.contains(["red", "green"], all: false), "Green, of course", true),
        ScorerCase(.contains(["red", "green", "blue"], all: true), "Red, green and blue.", true),
        ScorerCase(.contains(["red", "green", "blue"], all: true), "Red and green.", false),
        ScorerCase(.contains(["no"], all: false), "I know", false),
        ScorerCase(.contains(["new york"], all: false), "It is New  York!", true),
        ScorerCase(.contains(["Jupiter"], all: false), "Saturn", false),
    ]

    static let regex: [ScorerCase] = [
        ScorerCase(.regex(pattern: #"is (\d+)"#, group: 1, expected: "42"), "The answer is 42.", true),
        ScorerCase(.regex(pattern: #"is (\d+)"#, group: 1, expected: "42"), "The answer is 41.", false),
        ScorerCase(.regex(pattern: #"is (\d+)"#, group: 1, expected: "42"), "No idea.", false),
        ScorerCase(.regex(pattern: #"git\s+switch\s+-c\s+dev"#, group: 0, expected: nil), "`git switch -c dev`", true),
        ScorerCase(.regex(pattern: #"git\s+switch\s+-c\s+dev"#, group: 0, expected: nil), "git branch dev", false),
        ScorerCase(.regex(pattern: #"(?i)answer:\s*(\w+)"#, group: 1, expected: "paris"), "ANSWER: Paris", true),
        ScorerCase(.regex(pattern: #"(a)|(b)"#, group: 2, expected: "b"), "a", false),
        ScorerCase(.regex(pattern: #"("#, group: 0, expected: nil), "(", false),
    ]

    static let numeric: [ScorerCase] = [
        ScorerCase(.numeric(value: 42, tolerance: 0), "42", true),
        ScorerCase(.numeric(value: 42, tolerance: 0), "The answer is 42.", true),
        ScorerCase(.numeric(value: 42, tolerance: 0), "43", false),
        ScorerCase(.numeric(value: 42, tolerance: 0), "forty-two", false),
        ScorerCase(.numeric(value: 1234, tolerance: 0), "1,234", true),
        ScorerCase(.numeric(value: 1234.5, tolerance: 0), "$1,234.50", true),
        ScorerCase(.numeric(value: -3.5, tolerance: 0), "-3.5", true),
        ScorerCase(.numeric(value: -3.5, tolerance: 0), "−3.5", true),
        ScorerCase(.numeric(value: 3.5, tolerance: 0), "-3.5", false),
        ScorerCase(.numeric(value: 0.75, tolerance: 0), "3/4", true),
        ScorerCase(.numeric(value: 3.14, tolerance: 0.005), "3.1416", true),
        ScorerCase(.numeric(value: 3.14, tolerance: 0.001), "3.1416", false),
        ScorerCase(.numeric(value: 0.1, tolerance: 0), "0.1", true),
        ScorerCase(.numeric(value: 1500, tolerance: 0), "1.5e3", true),
        ScorerCase(.numeric(value: 0.5, tolerance: 0), ".5", true),
        ScorerCase(.numeric(value: 30, tolerance: 0), "30%", true),
        ScorerCase(.numeric(value: 3, tolerance: 0), "3-4 days", true),
        ScorerCase(.numeric(value: 11, tolerance: 0), "11/23/2026", true),
        ScorerCase(.numeric(value: 1, tolerance: 0), "1,2,3", true),
        ScorerCase(.numeric(value: 8, tolerance: 0), "<think>15 - 23 = -8</think>-8", false),
        ScorerCase(.numeric(value: -8, tolerance: 0), "<think>15 - 23 = ?</think>-8", true),
        ScorerCase(.numeric(value: 7, tolerance: 0), "", false),
    ]

    static let choice: [ScorerCase] = [
        ScorerCase(.choice("B"), "B", true),
        ScorerCase(.choice("B"), "b", true),
        ScorerCase(.choice("B"), "(B)", true),
        ScorerCase(.choice("B"), "B)", true),
        ScorerCase(.choice("B"), "B. O(log n)", true),
        ScorerCase(.choice("B"), "Answer: B", true),
        ScorerCase(.choice("B"), "The answer is **B**.", true),
        ScorerCase(.choice("B"), "I think the correct option is B", true),
        ScorerCase(.choice("B"), "A dog would pick (b)", true),
        ScorerCase(.choice("C"), "C) They weigh the same", true),
        ScorerCase(.choice("B"), "A", false),
        ScorerCase(.choice("B"), "The answer is C.", false),
        ScorerCase(.choice("B"), "Binary search", false),
        ScorerCase(.choice("B"), "I don't know", false),
    ]

    static let jsonField: [ScorerCase] = [
        ScorerCase(.jsonField(path: "city", expected: "Rome"), #"{"city": "Rome", "country": "Italy"}"#, true),
        ScorerCase(.jsonField(path: "city", expected: "Rome"), #"{"city": "Milan"}"#, false),
        ScorerCase(.jsonField(path: "a.b", expected: "x"), "Here you go:\n```json\n{\"a\": {\"b\": \"x\"}}\n```", true),
        ScorerCase(.jsonField(path: "year", expected: "2014"), #"Sure! {"language": "Swift", "year": 2014}"#, true),
        ScorerCase(.jsonField(path: "year", expected: "2014"), #"{"year": "2014"}"#, true),
        ScorerCase(.jsonField(path: "year", expected: "2014"), #"{"year": 2015}"#, false),
        ScorerCase(
            .jsonField(path: "items.1.name", expected: "b"), #"{"items": [{"name": "a"}, {"name": "b"}]}"#, true),
        ScorerCase(
            .jsonField(path: "items[1].name", expected: "b"), #"{"items": [{"name": "a"}, {"name": "b"}]}"#, true),
        ScorerCase(.jsonField(path: "items[2].name", expected: "b"), #"{"items": [{"name": "a"}]}"#, false),
        ScorerCase(.jsonField(path: "answer", expected: "true"), #"{"answer": true}"#, true),
        ScorerCase(.jsonField(path: "answer", expected: "true"), #"{"answer": 1}"#, false),
        ScorerCase(.jsonField(path: "answer", expected: "false"), #"{"answer": true}"#, false),
        ScorerCase(.jsonField(path: "v", expected: "null"), #"{"v": null}"#, true),
        ScorerCase(.jsonField(path: "s", expected: "a}b"), #"{"s": "a}b"} trailing {"#, true),
        ScorerCase(.jsonField(path: "tags", expected: #"["x", "y"]"#), #"{"tags": ["x","y"]}"#, true),
        ScorerCase(.jsonField(path: "a", expected: "1"), "{not json} then {\"a\": 1}", true),
        ScorerCase(.jsonField(path: "a", expected: "1"), "no json here", false),
        ScorerCase(.jsonField(path: "0.a", expected: "1"), #"[{"a": 1}]"#, true),
    ]

    @Test(arguments: exact + contains)
    func textScorers(_ example: ScorerCase) {
        #expect(example.scorer.accepts(example.answer) == example.accepted)
    }

    @Test(arguments: regex)
    func regexScorer(_ example: ScorerCase) {
        #expect(example.scorer.accepts(example.answer) == example.accepted)
    }

    @Test(arguments: numeric)
    func numericScorer(_ example: ScorerCase) {
        #expect(example.scorer.accepts(example.answer) == example.accepted)
    }

    @Test(arguments: choice)
    func choiceScorer(_ example: ScorerCase) {
        #expect(example.scorer.accepts(example.answer) == example.accepted)
    }

    @Test(arguments: jsonField)
    func jsonFieldScorer(_ example: ScorerCase) {
        #expect(example.scorer.accepts(example.answer) == example.accepted)
    }
}
