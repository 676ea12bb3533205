@testable import QuantWatchDomain
import Testing

struct KeySuggesterTests {
    static let keys = ["interval", "timeout", "timeouts", "model", "api_key_env", "exact", "llamacpp", "ollama"]

    @Test(arguments: [
        ("intervl", "interval"), ("modle", "model"), ("Interval", "interval"), ("timout", "timeout"),
        ("api_key", "api_key_env"), ("exactly", "exact"), ("llama", "llamacpp"), ("olama", "ollama"),
    ])
    func suggestsTheIntendedName(typo: String, expected: String) {
        #expect(KeySuggester.nearest(to: typo, among: Self.keys) == expected)
    }

    @Test(arguments: ["colour", "x", "backend", "zzzzzzzz"])
    func staysQuietWhenNothingIsClose(word: String) {
        #expect(KeySuggester.nearest(to: word, among: Self.keys) == nil)
    }

    @Test func editDistanceCountsASwapAsOneEdit() {
        #expect(KeySuggester.editDistance("modle", "model") == 1)
        #expect(KeySuggester.editDistance("kitten", "sitting") == 3)
        #expect(KeySuggester.editDistance("", "abc") == 3)
        #expect(KeySuggester.editDistance("same", "same") == 0)
    }
}
