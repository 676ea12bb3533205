import QuantWatchDomain
import Testing

/// One invalid suite and the single issue it must produce.
struct InvalidSuiteCase: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let line: Int
    let message: String

    var testDescription: String { name }
}

struct CanarySuiteLoaderTests {
    @Test func parsesEveryScorerAndPromptForm() throws {
        let suite = try CanarySuiteLoader.parse(
            yaml: """
                name: mixed
                category: math
                max_tokens: 12
                canaries:
                  - id: exact
                    prompt: "Capital of France?"
                    category: general
                    scorer: {exact: "Paris"}
                  - id: contains
                    prompt: "Colours?"
                    system: "Be brief."
                    max_tokens: 20
                    scorer: {contains: ["red", "blue"], all: true}
                  - id: contains-one
                    prompt: "A colour?"
                    scorer: {contains: red}
                  - id: regex
                    prompt: "Number?"
                    scorer: {regex: 'is (\\d+)', group: 1, expected: "42"}
                  - id: numeric
                    prompt: "Half of 7?"
                    scorer: {numeric: 3.5, tolerance: 0.01}
                  - id: choice
                    prompt: "A or B?"
                    scorer: {choice: b}
                  - id: json
                    messages:
                      - {role: system, content: "JSON only."}
                      - {role: user, content: "Give a.b = x"}
                    scorer: {json_field: "a.b", expected: "x"}
                """, path: "mixed.yaml")
        #expect(suite.name == "mixed" && suite.path == "mixed.yaml")
        #expect(
            suite.canaries.map(\.id) == ["exact", "contains", "contains-one", "regex", "numeric", "choice", "json"])
        let byId = Dictionary(uniqueKeysWithValues: suite.canaries.map { ($0.id, $0) })
        #expect(byId["exact"]?.category == "general")
        #expect(byId["numeric"]?.category == "math")
        #expect(byId["exact"]?.maxTokens == 12 && byId["contains"]?.maxTokens == 20)
        #expect(byId["exact"]?.messages == [ChatMessage(role: .user, content: "Capital of France?")])
        #expect(
            byId["contains"]?.messages == [
                ChatMessage(role: .system, content: "Be brief."), ChatMessage(role: .user, content: "Colours?"),
            ])
        #expect(byId["exact"]?.scorer == .exact("Paris"))
        #expect(byId["contains"]?.scorer == .contains(["red", "blue"], all: true))
        #expect(byId["contains-one"]?.scorer == .contains(["red"], all: false))
        #expect(byId["regex"]?.scorer == .regex(pattern: #"is (\d+)"#, group: 1, expected: "42"))
        #expect(byId["numeric"]?.scorer == .numeric(value: 3.5, tolerance: 0.01))
        #expect(byId["choice"]?.scorer == .choice("B"))
        #expect(byId["json"]?.scorer == .jsonField(path: "a.b", expected: "x"))
        #expect(byId["json"]?.messages.map(\.role) == [.system, .user])
    }

    @Test func nameDefaultsToTheFileName() throws {
        let suite = try CanarySuiteLoader.parse(
            yaml: """
                canaries:
                  - {id: a, prompt: "x", scorer: {exact: "y"}}
                """, path: "suites/smoke.yaml")
        #expect(suite.name == "smoke")
        #expect(suite.canaries[0].category == "general" && suite.canaries[0].maxTokens == 32)
    }

    static let cases: [InvalidSuiteCase] = [
        InvalidSuiteCase(
            name: "duplicate canary id",
            yaml: """
                canaries:
                  - {id: a, prompt: "x", scorer: {exact: "y"}}
                  - {id: a, prompt: "z", scorer: {exact: "y"}}
                """, line: 3, message: "duplicate canary id 'a' (first defined at line 2)"),
        InvalidSuiteCase(
            name: "regex that does not compile",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer:
                      regex: "([a-z"
                """, line: 5, message: "regex '([a-z' does not compile"),
        InvalidSuiteCase(
            name: "group beyond the pattern's groups",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {regex: "(a)", group: 2}
                """, line: 4, message: "'group' is 2 but regex '(a)' has 1 capture group(s)"),
        InvalidSuiteCase(
            name: "missing prompt",
            yaml: """
                canaries:
                  - id: a
                    scorer: {exact: "y"}
                """, line: 2, message: "canary 'a' has no prompt: set 'prompt' (or 'messages')"),
        InvalidSuiteCase(
            name: "prompt and messages",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    messages: [{role: user, content: "x"}]
                    scorer: {exact: "y"}
                """, line: 4, message: "canary 'a' gives both 'prompt' and 'messages'"),
        InvalidSuiteCase(
            name: "empty prompt",
            yaml: """
                canaries:
                  - id: a
                    prompt: ""
                    scorer: {exact: "y"}
                """, line: 3, message: "canary 'a' has an empty prompt"),
        InvalidSuiteCase(
            name: "missing id",
            yaml: """
                canaries:
                  - prompt: "x"
                    scorer: {exact: "y"}
                """, line: 2, message: "canary #1 is missing required field 'id'"),
        InvalidSuiteCase(
            name: "missing scorer",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                """, line: 2, message: "canary 'a' is missing required field 'scorer'"),
        InvalidSuiteCase(
            name: "unknown scorer kind",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {exactly: "y"}
                """, line: 4, message: "unknown key 'exactly' (did you mean 'exact'?)"),
        InvalidSuiteCase(
            name: "two scorer kinds",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {exact: "y", numeric: 3}
                """, line: 4, message: "'scorer' gives exact and numeric: use exactly one of"),
        InvalidSuiteCase(
            name: "option of another kind",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {exact: "y", tolerance: 0.1}
                """, line: 4, message: "'tolerance' does not apply to a 'exact' scorer"),
        InvalidSuiteCase(
            name: "numeric that is not a number",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {numeric: twelve}
                """, line: 4, message: "expected 'numeric' to be a number, got 'twelve'"),
        InvalidSuiteCase(
            name: "choice that is not a letter",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {choice: "BC"}
                """, line: 4, message: "'choice' must be one letter A-Z, got 'BC'"),
        InvalidSuiteCase(
            name: "json_field without expected",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {json_field: "a.b"}
                """, line: 4, message: "a 'json_field' scorer needs 'expected'"),
        InvalidSuiteCase(
            name: "malformed json path",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    scorer: {json_field: "a..b", expected: "1"}
                """, line: 4, message: "'json_field' path 'a..b' is not a dotted path"),
        InvalidSuiteCase(
            name: "unknown role",
            yaml: """
                canaries:
                  - id: a
                    messages:
                      - {role: robot, content: "x"}
                    scorer: {exact: "y"}
                """, line: 4, message: "unknown role 'robot' (valid roles: system, user, assistant)"),
        InvalidSuiteCase(
            name: "max_tokens out of range",
            yaml: """
                canaries:
                  - id: a
                    prompt: "x"
                    max_tokens: 0
                    scorer: {exact: "y"}
                """, line: 4, message: "'max_tokens' must be between 1 and 4096, got 0"),
        InvalidSuiteCase(
            name: "no canaries",
            yaml: """
                name: empty
                canaries: []
                """, line: 2, message: "'canaries' is empty"),
        InvalidSuiteCase(
            name: "syntax error",
            yaml: """
                canaries:
                  - id: a
                    prompt: "unterminated
                """, line: 3, message: "invalid YAML: found unexpected end of stream"),
    ]

    @Test(arguments: cases)
    func reportsOneIssueWithItsLine(_ example: InvalidSuiteCase) throws {
        #expect {
            try CanarySuiteLoader.parse(yaml: example.yaml, path: "suite.yaml")
        } throws: { error in
            guard let error = error as? ConfigError, error.issues.count == 1 else {
                Issue.record("expected one issue, got \(error)")
                return false
            }
            let issue = error.issues[0]
            #expect(issue.file == "suite.yaml")
            #expect(issue.line == example.line, "\(issue)")
            #expect(issue.message.contains(example.message), "\(issue.message)")
            return true
        }
    }

    @Test func reportsEverySuiteErrorAtOnce() {
        let yaml = """
            canaries:
              - id: a
                scorer: {exact: "y"}
              - id: b
                prompt: "x"
                scorer: {regex: "("}
              - id: b
                prompt: "x"
                scorer: {choice: "1"}
            """
        #expect {
            try CanarySuiteLoader.parse(yaml: yaml, path: "s.yaml")
        } throws: { error in
            (error as? ConfigError)?.issues.map(\.line) == [2, 6, 9]
        }
    }

    @Test func loadReportsAMissingFile() {
        #expect {
            try CanarySuiteLoader.load(path: "/nonexistent/quantwatch/suite.yaml")
        } throws: { error in
            (error as? ConfigError)?.description
                == "/nonexistent/quantwatch/suite.yaml: error: cannot read the suite: no such file"
        }
    }
}
