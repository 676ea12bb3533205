import QuantWatchDomain
import Testing

struct AnswerNormalizerTests {
    @Test(arguments: [
        ("  The Answer: Paris! ", "the answer paris"),
        ("Paris.", "paris"),
        ("3.5", "3.5"),
        ("3.5.", "3.5"),
        ("-2", "-2"),
        ("x = -5", "x -5"),
        ("3-4", "3 4"),
        ("−7", "-7"),
        ("New\n\tYork", "new york"),
        ("**Tokyo**", "tokyo"),
        ("Café", "café"),
        ("東京です。", "東京です"),
        ("ภาษาไทย!", "ภาษาไทย"),
        ("", ""),
        ("...", ""),
        ("v1.2.3", "v1.2.3"),
        ("1,234", "1234"),
        ("12,345,678.5", "12345678.5"),
        ("1,2,3", "1 2 3"),
        ("1,2345", "1 2345"),
        ("Paris, France", "paris france"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(AnswerNormalizer.normalize(input) == expected)
    }

    @Test func sameAnswerInDifferentDressNormalizesEqual() {
        #expect(
            AnswerNormalizer.normalize("The answer is: PARIS.") == AnswerNormalizer.normalize("the answer is paris"))
    }
}
