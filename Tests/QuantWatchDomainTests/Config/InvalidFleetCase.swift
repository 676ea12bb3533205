import QuantWatchDomain
import Testing

/// One invalid fleet file and the single issue it must produce.
struct InvalidFleetCase: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let line: Int
    let message: String
    var environment: [String: String] = [:]

    var testDescription: String { name }
}

/// The table of invalid fleet files, one per validation rule.
extension InvalidFleetCase {
    static let all: [InvalidFleetCase] = [
        InvalidFleetCase(
            name: "unknown top-level key",
            yaml: """
                suite: s.yaml
                intervl: 15s
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "unknown key 'intervl' (did you mean 'interval'?)"),
        InvalidFleetCase(
            name: "unknown target key",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                    modle: llama
                """, line: 6, message: "unknown key 'modle' (did you mean 'model'?)"),
        InvalidFleetCase(
            name: "unknown key without a near match",
            yaml: """
                suite: s.yaml
                colour: red
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "unknown key 'colour' (valid keys: interval, timeout, timeouts, retries"),
        InvalidFleetCase(
            name: "bad duration",
            yaml: """
                suite: s.yaml
                interval: 15 seconds
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2,
            message: "invalid duration '15 seconds' for 'interval': expected a number with a unit (ms, s, m or h)"),
        InvalidFleetCase(
            name: "duration without unit",
            yaml: """
                suite: s.yaml
                timeout: 30
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "invalid duration '30' for 'timeout' (a bare number has no unit)"),
        InvalidFleetCase(
            name: "zero interval",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                    interval: 0s
                """, line: 6, message: "'interval' must be longer than zero, got '0s'"),
        InvalidFleetCase(
            name: "bad nested duration",
            yaml: """
                suite: s.yaml
                timeouts:
                  connect: 2s
                  read_idle: soon
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 4, message: "invalid duration 'soon' for 'read_idle'"),
        InvalidFleetCase(
            name: "wrong scalar type",
            yaml: """
                suite: s.yaml
                concurrency: lots
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "expected 'concurrency' to be a whole number, got 'lots'"),
        InvalidFleetCase(
            name: "mapping where a list is expected",
            yaml: """
                suite: s.yaml
                targets:
                  id: a
                """, line: 3, message: "expected 'targets' to be a list, got a mapping"),
        InvalidFleetCase(
            name: "list where a mapping is expected",
            yaml: """
                suite: s.yaml
                retries: [1, 2]
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "expected 'retries' to be a mapping of keys to values, got a list"),
        InvalidFleetCase(
            name: "number out of range",
            yaml: """
                suite: s.yaml
                alerts:
                  error_rate: 1.5
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 3, message: "'error_rate' must be between 0 and 1, got 1.5"),
        InvalidFleetCase(
            name: "missing url",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                """, line: 3, message: "target 'a' is missing required field 'url'"),
        InvalidFleetCase(
            name: "missing id",
            yaml: """
                suite: s.yaml
                targets:
                  - backend: llamacpp
                    url: http://127.0.0.1:8080
                """, line: 3, message: "target #1 is missing required field 'id'"),
        InvalidFleetCase(
            name: "missing backend",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    url: http://127.0.0.1:8080
                """, line: 3, message: "target 'a' is missing required field 'backend'"),
        InvalidFleetCase(
            name: "unknown backend",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llama
                    url: http://127.0.0.1:8080
                """, line: 4, message: "unknown backend 'llama' (valid backends: openai, llamacpp, ollama, anthropic)"),
        InvalidFleetCase(
            name: "vllm is spelt openai",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: a, backend: vllm, url: "http://127.0.0.1:8000"}
                """, line: 3, message: "; it speaks 'openai'"),
        InvalidFleetCase(
            name: "url without scheme",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: a, backend: llamacpp, url: "127.0.0.1:8080"}
                """, line: 3, message: "'url' must be an http:// or https:// address with a host"),
        InvalidFleetCase(
            name: "duplicate target id",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8081
                """, line: 6, message: "duplicate target id 'a' (first defined at line 3)"),
        InvalidFleetCase(
            name: "target id in the recorded baselines' namespace",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                  - id: "recorded:a"
                    backend: llamacpp
                    url: http://127.0.0.1:8081
                """,
            line: 6,
            message: "target id 'recorded:a' starts with 'recorded:', which names recorded baselines; choose another id"
        ),
        InvalidFleetCase(
            name: "unknown baseline",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: fp16, backend: llamacpp, url: "http://127.0.0.1:8080"}
                  - id: q4
                    backend: llamacpp
                    url: http://127.0.0.1:8081
                    baseline: fp61
                """, line: 7,
            message: "baseline 'fp61' of target 'q4' is not a target in this file (did you mean 'fp16'?)"),
        InvalidFleetCase(
            name: "self baseline",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                    baseline: a
                """, line: 6, message: "target 'a' names itself as its baseline"),
        InvalidFleetCase(
            name: "baseline cycle",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080", baseline: b}
                  - {id: b, backend: llamacpp, url: "http://127.0.0.1:8081", baseline: a}
                """, line: 3, message: "baseline cycle: a -> b -> a"),
        InvalidFleetCase(
            name: "longer baseline cycle behind a chain",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: x, backend: llamacpp, url: "http://127.0.0.1:8080", baseline: b}
                  - {id: b, backend: llamacpp, url: "http://127.0.0.1:8081", baseline: c}
                  - {id: c, backend: llamacpp, url: "http://127.0.0.1:8082", baseline: d}
                  - {id: d, backend: llamacpp, url: "http://127.0.0.1:8083", baseline: b}
                """, line: 4, message: "baseline cycle: b -> c -> d -> b"),
        InvalidFleetCase(
            name: "api key variable unset",
            yaml: """
                suite: s.yaml
                targets:
                  - id: remote
                    backend: openai
                    url: https://api.example.com/v1
                    api_key_env: EXAMPLE_API_KEY
                """, line: 6,
            message: "environment variable 'EXAMPLE_API_KEY' (api_key_env of target 'remote') is not set"),
        InvalidFleetCase(
            name: "api key variable empty",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: remote, backend: openai, url: "https://api.example.com", api_key_env: EXAMPLE_API_KEY}
                """, line: 3,
            message: "environment variable 'EXAMPLE_API_KEY' (api_key_env of target 'remote') is empty",
            environment: ["EXAMPLE_API_KEY": "  "]),
        InvalidFleetCase(
            name: "authorization header",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: openai
                    url: https://api.example.com
                    headers:
                      Authorization: Bearer sk-secret
                """, line: 7, message: "header 'Authorization' is not allowed in the fleet file"),
        InvalidFleetCase(
            name: "x-api-key header",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: anthropic
                    url: https://api.anthropic.com
                    model: claude
                    headers: {x-api-key: sk-secret}
                """, line: 7, message: "header 'x-api-key' is not allowed in the fleet file"),
        InvalidFleetCase(
            name: "unreadable suite",
            yaml: """
                suite: missing.yaml
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 1, message: "cannot read suite 'missing.yaml'"),
        InvalidFleetCase(
            name: "no suite anywhere",
            yaml: """
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "target 'a' has no canary suite"),
        InvalidFleetCase(
            name: "empty targets",
            yaml: """
                suite: s.yaml
                targets: []
                """, line: 2, message: "'targets' is empty"),
        InvalidFleetCase(
            name: "no targets",
            yaml: """
                suite: s.yaml
                interval: 15s
                """, line: 1, message: "missing required field 'targets'"),
        InvalidFleetCase(
            name: "timeout and timeouts",
            yaml: """
                suite: s.yaml
                timeout: 30s
                timeouts: {total: 20s}
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 3, message: "give either 'timeout' (the total deadline) or 'timeouts', not both"),
        InvalidFleetCase(
            name: "warning above critical after merge",
            yaml: """
                suite: s.yaml
                alerts: {accuracy_drop_points: {critical: 4}}
                targets:
                  - id: a
                    backend: llamacpp
                    url: http://127.0.0.1:8080
                    alerts: {accuracy_drop_points: {warning: 6}}
                """, line: 7,
            message: "'accuracy_drop_points.critical' (4) must be at least 'accuracy_drop_points.warning' (6)"),
        InvalidFleetCase(
            name: "YAML syntax error",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: [llamacpp
                    url: http://127.0.0.1:8080
                """, line: 5,
            message: "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4)"),
        InvalidFleetCase(
            name: "duplicate mapping key",
            yaml: """
                suite: s.yaml
                interval: 5s
                interval: 10s
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "duplicate key 'interval' in the same mapping"),
        InvalidFleetCase(
            name: "fleet file is a list",
            yaml: """
                - id: a
                """, line: 1, message: "expected the fleet file to be a mapping"),
        InvalidFleetCase(
            name: "price without output",
            yaml: """
                suite: s.yaml
                targets:
                  - id: a
                    backend: openai
                    url: https://api.example.com
                    price_per_mtok: {input: 0.5}
                """, line: 6, message: "'price_per_mtok' is missing 'output'"),
        InvalidFleetCase(
            name: "ollama without model",
            yaml: """
                suite: s.yaml
                targets:
                  - {id: a, backend: ollama, url: "http://127.0.0.1:11434"}
                """, line: 3, message: "target 'a' needs 'model'"),
        InvalidFleetCase(
            name: "suite listed twice",
            yaml: """
                suites: [s.yaml, ./s.yaml]
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 1, message: "suite './s.yaml' is listed twice"),
        InvalidFleetCase(
            name: "base delay above max delay",
            yaml: """
                suite: s.yaml
                retries: {base_delay: 5s, max_delay: 1s}
                targets:
                  - {id: a, backend: llamacpp, url: "http://127.0.0.1:8080"}
                """, line: 2, message: "'retries.base_delay' (5s) must not exceed 'retries.max_delay' (1s)"),
    ]
}
