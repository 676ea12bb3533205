import QuantWatchDomain
import Testing

/// Each validation error, with its message and its line.
struct FleetValidationTests {
    @Test(arguments: InvalidFleetCase.all)
    func reportsOneIssueWithItsLine(_ example: InvalidFleetCase) throws {
        let fixture = try ConfigFixture()
        let issues = fixture.issues(example.yaml, environment: example.environment)
        try #require(issues.count == 1, "\(issues)")
        #expect(issues[0].message.contains(example.message), "\(issues[0].message)")
        #expect(issues[0].line == example.line, "\(issues[0])")
        #expect(issues[0].file == fixture.fleetPath)
        #expect(issues[0].column >= 1)
    }

    @Test func reportsEveryErrorAtOnceInLineOrder() throws {
        let fixture = try ConfigFixture()
        let yaml = """
            suite: s.yaml
            intervl: 15s
            timeout: 3 minutes
            targets:
              - id: a
                backend: llama
                url: http://127.0.0.1:8080
              - id: a
                backend: llamacpp
              - id: c
                backend: openai
                url: https://api.example.com
                api_key_env: NOT_SET_ANYWHERE
                baseline: zzz
            """
        let issues = fixture.issues(yaml)
        #expect(issues.map(\.line) == [2, 3, 6, 8, 8, 13, 14], "\(issues)")
        let error = ConfigError(issues: issues)
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "\(fixture.fleetPath):2:1: error: unknown key 'intervl' (did you mean 'interval'?)")
    }

    @Test func neverEchoesSecrets() throws {
        let fixture = try ConfigFixture()
        let yaml = """
            suite: s.yaml
            targets:
              - id: a
                backend: openai
                url: https://user:hunter2@api.example.com
                api_key_env: sk-live-abc123
                headers: {Authorization: "Bearer sk-live-abc123", X-Api-Key: sk-live-abc123}
            """
        let issues = fixture.issues(yaml, environment: ["OTHER": "sk-live-abc123"])
        #expect(issues.count == 4, "\(issues)")
        let text = ConfigError(issues: issues).description
        #expect(!text.contains("sk-live"))
        #expect(!text.contains("hunter2"))
    }

    @Test func suiteErrorsCarryTheSuiteFileAndLine() throws {
        let fixture = try ConfigFixture()
        try fixture.write(
            "bad.yaml",
            """
            name: bad
            canaries:
              - id: one
                prompt: "x"
                scorer: {regex: "(unclosed"}
            """)
        let issues = fixture.issues(
            """
            suite: bad.yaml
            targets:
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
            """)
        try #require(issues.count == 1, "\(issues)")
        #expect(issues[0].file == fixture.folder + "/bad.yaml")
        #expect(issues[0].line == 5)
        #expect(issues[0].message.contains("regex '(unclosed' does not compile"))
    }

    @Test func canaryIdsMustBeUniqueAcrossATargetsSuites() throws {
        let fixture = try ConfigFixture()
        try fixture.write("t.yaml", ConfigFixture.suite)
        let issues = fixture.issues(
            """
            suites: [s.yaml, t.yaml]
            targets:
              - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
            """)
        try #require(issues.count == 1, "\(issues)")
        #expect(issues[0].message.contains("canary id 'one' is in both suite 's.yaml' and 't.yaml'"))
    }

    @Test func unreadableFleetFileIsReportedWithoutLine() {
        #expect {
            try FleetConfigLoader.load(path: "/nonexistent/quantwatch/fleet.yaml", environment: [:])
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.description
                == "/nonexistent/quantwatch/fleet.yaml: error: cannot read the fleet file: no such file"
        }
    }
}
