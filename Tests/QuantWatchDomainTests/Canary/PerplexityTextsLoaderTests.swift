import Foundation
import QuantWatchDomain
import Testing

/// A suite's `perplexity:` list: inline texts and files relative to the suite, each problem at its file:line.
struct PerplexityTextsLoaderTests {
    private static let canaries = """
        canaries:
          - {id: one, prompt: "Say 1.", scorer: {numeric: 1}}

        """

    @Test func readsInlineTextsAndFilesRelativeToTheSuite() throws {
        let fixture = try ConfigFixture()
        try FileManager.default.createDirectory(
            atPath: fixture.folder + "/texts", withIntermediateDirectories: true)
        try fixture.write("texts/reference.txt", "The capital of France is Paris.\nIt lies on the Seine.\n")
        try fixture.write(
            "ppl.yaml",
            Self.canaries + """
                perplexity:
                  - {id: wiki-1, text: "The capital of France is Paris."}
                  - {id: corpus, file: texts/reference.txt}

                """)
        let config = fixture.parse(
            "suite: ppl.yaml\ntargets:\n  - {id: a, backend: openai, url: \"http://127.0.0.1:1\"}\n")
        let fleet = try config.get()
        let suite = try #require(fleet.suites[fixture.folder + "/ppl.yaml"])
        #expect(suite.perplexityTexts.map(\.id) == ["wiki-1", "corpus"])
        #expect(suite.perplexityTexts[0] == ReferenceText(id: "wiki-1", text: "The capital of France is Paris."))
        #expect(suite.perplexityTexts[1].text == "The capital of France is Paris.\nIt lies on the Seine.\n")
        #expect(suite.perplexityTexts[1].file == fixture.folder + "/texts/reference.txt")
    }

    @Test(arguments: [
        ("  - {id: a, text: \"x\", file: t.txt}\n", 4, "perplexity text 'a' gives both 'text' and 'file': use one"),
        ("  - {id: a}\n", 4, "perplexity text 'a' needs 'text' (the text itself) or 'file' (a path)"),
        ("  - {text: \"x\"}\n", 4, "perplexity text #1 is missing required field 'id'"),
        ("  - {id: a, text: \"  \"}\n", 4, "perplexity text 'a' is empty"),
        ("  - {id: a, txt: \"x\"}\n", 4, "unknown key 'txt' (did you mean 'text'?)"),
        (
            "  - {id: a, text: x}\n  - {id: a, text: y}\n", 5,
            "duplicate perplexity text id 'a' (first defined at line 4)"
        ),
        ("  - {id: a, file: missing.txt}\n", 4, "cannot read perplexity file 'missing.txt'"),
        ("  - just a string\n", 4, "expected perplexity text #1 to be a mapping"),
    ])
    func reportsABadEntryAtItsLine(entries: String, line: Int, message: String) throws {
        let fixture = try ConfigFixture()
        let path = fixture.folder + "/bad.yaml"
        let yaml = Self.canaries + "perplexity:\n" + entries
        #expect {
            try CanarySuiteLoader.parse(yaml: yaml, path: path)
        } throws: { error in
            guard let error = error as? ConfigError, let issue = error.issues.first, error.issues.count == 1 else {
                Issue.record("expected one issue, got \(error)")
                return false
            }
            #expect(issue.file == path)
            #expect(issue.line == line, "\(issue)")
            #expect(issue.message.contains(message), "\(issue.message)")
            return true
        }
    }

    @Test func aMissingFileNamesTheResolvedPath() throws {
        let fixture = try ConfigFixture()
        let path = fixture.folder + "/bad.yaml"
        do {
            _ = try CanarySuiteLoader.parse(
                yaml: Self.canaries + "perplexity:\n  - {id: a, file: texts/none.txt}\n", path: path)
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description.contains(
                    "cannot read perplexity file 'texts/none.txt' (\(fixture.folder)/texts/none.txt): no such file"),
                "\(error.description)")
        }
    }
}
