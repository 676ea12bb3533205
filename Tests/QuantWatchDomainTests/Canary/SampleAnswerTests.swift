import QuantWatchDomain
import Testing

/// Every shipped canary accepts a typical right answer and rejects a typical wrong one, so no sample
/// scorer is impossible to satisfy or too lax to catch a quantized model's mistake.
struct SampleAnswerTests {
    /// canary id -> (a right answer as models phrase it, a plausible wrong answer).
    static let answers: [String: (right: String, wrong: String)] = [
        // general
        "capital-france": ("Paris.", "Lyon"), "capital-japan": ("Tokyo", "Kyoto"),
        "largest-planet": ("Jupiter", "Saturn"), "water-formula": ("H2O", "CO2"), "red-planet": ("Mars", "Venus"),
        "days-in-week": ("7", "5"), "boiling-point": ("100", "90"), "romeo-author": ("Shakespeare", "Marlowe"),
        "primary-colors": ("Red, green, blue", "Red, yellow, blue"), "ocean-choice": ("C", "A"),
        "opposite-hot": ("Cold", "Warm"), "continent-egypt": ("Africa", "Asia"),
        "json-city": (#"{"city": "Rome", "country": "Italy"}"#, #"{"city": "Milan", "country": "Italy"}"#),
        "translate-gato": ("Cat", "Dog"),
        // math
        "add-small": ("42", "43"), "multiply": ("156", "146"), "subtract-negative": ("-8", "8"), "divide": ("12", "11"),
        "decimal-half": ("3.5", "3"), "square-root": ("13", "12"), "power-of-two": ("1024", "1000"),
        "thousands": ("37,000", "3,700"), "percent": ("30", "15"), "pi-two-places": ("3.14", "3.15"),
        "fraction-sum": ("0.75", "0.5"), "order-of-operations": ("14", "20"), "prime-choice": ("C) 29", "A) 21"),
        "even-odd": ("Odd", "Even"),
        // coding
        "python-len": ("3", "2"), "python-slice": ("el", "ell"), "js-typeof-null": ("object", "null"),
        "integer-division": ("3", "3.5"), "modulo": ("2", "3"), "http-not-found": ("404", "500"),
        "git-new-branch": ("git checkout -b dev", "git branch dev"),
        "sql-count": ("SELECT COUNT(*) FROM users;", "SELECT * FROM users;"), "python-def": ("def", "func"),
        "binary-ten": ("1010", "1001"), "big-o-binary-search": ("B", "C"),
        "json-output": (#"{"language": "Swift", "year": 2014}"#, #"{"language": "Swift", "year": 2015}"#),
        "json-nested": ("```json\n{\"unit\": {\"bits\": 8}}\n```", #"{"unit": {"bits": 16}}"#),
        "hex-ff": ("255", "256"),
        // reasoning
        "taller": ("Carl", "Anna"), "day-after": ("Thursday", "Wednesday"), "sheep": ("9", "8"),
        "bat-and-ball": ("5", "10"), "siblings": ("1", "2"), "syllogism": ("Yes", "No"), "odd-one-out": ("C", "A"),
        "sequence-next": ("32", "24"), "clock-angle": ("90", "180"), "months-28-days": ("12", "1"),
        "race-position": ("Second", "First"), "direction": ("East", "West"), "weight-compare": ("C", "B"),
        "json-verdict": (#"{"answer": true}"#, #"{"answer": false}"#),
    ]

    @Test(arguments: ["general", "math", "coding", "reasoning"])
    func sampleScorersTellRightFromWrong(suite name: String) throws {
        let suite = try CanarySuiteLoader.load(path: SampleConfigTests.samples + "/canaries/\(name).yaml")
        for canary in suite.canaries {
            let pair = try #require(Self.answers[canary.id], "no sample answers for canary '\(canary.id)'")
            #expect(canary.scorer.accepts(pair.right), "\(canary.id) rejects \(pair.right)")
            #expect(!canary.scorer.accepts(pair.wrong), "\(canary.id) accepts \(pair.wrong)")
            #expect(!canary.scorer.accepts("I don't know."), "\(canary.id) accepts a non-answer")
        }
    }
}
