import Foundation
import Yams

/// Reading the `targets` list and the `keys` map of a fleet file.
extension NodeReader {
    static let targetKeys =
        [
            "id", "backend", "url", "model", "quant", "baseline", "baseline_file", "api_key_env", "price_per_mtok",
            "headers",
            "metrics_url",
            "metrics_interval",
        ]
        + ProbeSettings.keys

    /// Headers that carry credentials: keys come from the environment only, never from the file.
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "x-api-key", "api-key"]

    mutating func targetDrafts(
        _ fields: MappingFields, root: Node, folder: String, environment: [String: String]
    ) -> [TargetDraft] {
        guard fields.has("targets") else {
            report("missing required field 'targets' (the list of endpoints to probe)", at: root)
            return []
        }
        guard let nodes = sequence(fields, "targets") else { return [] }
        if nodes.isEmpty {
            report("'targets' is empty: list at least one endpoint to probe", at: fields["targets"])
        }
        return nodes.enumerated().compactMap { index, node in
            targetDraft(node, position: index + 1, folder: folder, environment: environment)
        }
    }

    private mutating func targetDraft(
        _ node: Node, position: Int, folder: String, environment: [String: String]
    ) -> TargetDraft? {
        guard let fields = self.fields(of: node, allowed: Self.targetKeys, what: "target #\(position)") else {
            return nil
        }
        var draft = TargetDraft(node: node, position: position)
        draft.idNode = fields["id"]
        draft.id = string(fields, "id")
        if let id = draft.id, id.contains(where: { $0.isWhitespace || $0.isNewline }) || id.isEmpty {
            report("target id '\(id)' must be non-empty and contain no spaces", at: draft.idNode)
        }
        draft.backend = backend(fields)
        draft.url = url(fields)
        for required in ["id", "backend", "url"] where fields[required] == nil || fields[required]?.isNull == true {
            report("\(draft.label) is missing required field '\(required)'", at: fields.keyNode(required) ?? node)
        }
        if draft.id == nil || draft.backend == nil || draft.url == nil { draft.complete = false }
        draft.model = string(fields, "model") ?? ""
        if draft.model.isEmpty, let backend = draft.backend, backend == .ollama || backend == .anthropic {
            report("\(draft.label) needs 'model': the \(backend.rawValue) API requires a model name", at: node)
        }
        draft.quant = string(fields, "quant") ?? ""
        draft.baselineNode = fields["baseline"]
        draft.baseline = string(fields, "baseline")
        recordedBaseline(fields, folder: folder, environment: environment, into: &draft)
        apiKeyEnv(fields, into: &draft)
        draft.settings = probeSettings(fields, folder: folder, environment: environment)
        draft.suitesGiven = fields.has("suite") || fields.has("suites")
        draft.price = price(fields)
        draft.headers = headers(fields)
        draft.metrics = metricsEndpoint(fields)
        draft.metricsInterval = duration(fields, "metrics_interval")
        if let interval = draft.metricsInterval, interval < MetricsEndpoint.minimumInterval {
            report(
                "'metrics_interval' must be at least 1s (a runtime's counters move no faster), got "
                    + DurationParser.format(interval), at: fields["metrics_interval"])
            draft.metricsInterval = nil
        }
        return draft
    }

    private mutating func backend(_ fields: MappingFields) -> BackendKind? {
        guard let text = string(fields, "backend") else { return nil }
        if let kind = BackendKind(rawValue: text.lowercased()) { return kind }
        let valid = BackendKind.allCases.map(\.rawValue)
        var message = "unknown backend '\(text)' (valid backends: \(valid.joined(separator: ", ")))"
        switch text.lowercased() {
        case "vllm", "openai-compatible", "openai_compatible", "sglang", "tgi": message += "; it speaks 'openai'"
        default:
            if let hint = KeySuggester.nearest(to: text, among: valid) { message += "; did you mean '\(hint)'?" }
        }
        report(message, at: fields["backend"])
        return nil
    }

    private mutating func url(_ fields: MappingFields) -> String? {
        guard let text = string(fields, "url") else { return nil }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            report("'url' must be an http:// or https:// address with a host, got '\(text)'", at: fields["url"])
            return nil
        }
        // Never echo a URL that carries credentials.
        guard components.user == nil && components.password == nil else {
            report("'url' must not carry credentials (user:password@): keys come from api_key_env", at: fields["url"])
            return nil
        }
        return text
    }

    /// `metrics_url`: `off`, a path on the target's host (`/metrics`), or an http(s) URL without credentials.
    private mutating func metricsEndpoint(_ fields: MappingFields) -> MetricsEndpoint {
        guard let node = fields["metrics_url"] else { return .automatic }
        // YAML reads a bare `off` (or `false`, `no`) as a boolean.
        if node.bool == false { return .off }
        guard let text = string(fields, "metrics_url") else { return .automatic }
        if ["off", "none", "false", "no"].contains(text.lowercased()) { return .off }
        if text.hasPrefix("/") { return .url(text) }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else {
            report(
                "'metrics_url' must be 'off', a path such as /metrics, or an http:// or https:// address, "
                    + "got '\(text)'", at: node)
            return .automatic
        }
        guard components.user == nil && components.password == nil else {
            report("'metrics_url' must not carry credentials (user:password@)", at: node)
            return .off
        }
        return .url(text)
    }

    /// `baseline_file: PATH` (relative to the fleet file): loaded now, so a missing or garbled file is a load error
    /// naming the file; it excludes `baseline:` (one target has one baseline).
    private mutating func recordedBaseline(
        _ fields: MappingFields, folder: String, environment: [String: String], into draft: inout TargetDraft
    ) {
        guard fields.has("baseline_file"), let reference = string(fields, "baseline_file") else { return }
        if fields.has("baseline") {
            report(
                "\(draft.label) has both 'baseline' and 'baseline_file': a target has one baseline, a live target "
                    + "or a recorded file", at: fields["baseline_file"])
            return
        }
        let path = PathResolver.resolve(reference, relativeTo: folder, environment: environment)
        do {
            draft.recordedBaseline = try RecordedBaseline.load(path: path)
        } catch {
            report("'baseline_file' of \(draft.label): \(error.description)", at: fields["baseline_file"])
        }
    }

    private mutating func apiKeyEnv(_ fields: MappingFields, into draft: inout TargetDraft) {
        draft.apiKeyEnvNode = fields["api_key_env"]
        guard let name = string(fields, "api_key_env") else { return }
        let isName =
            !name.isEmpty && !(name.first?.isNumber ?? true)
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard isName else {
            // It may be the key itself pasted in by mistake: never repeat it.
            report(
                "'api_key_env' must be the name of an environment variable (letters, digits and _), "
                    + "not the key itself", at: draft.apiKeyEnvNode)
            return
        }
        draft.apiKeyEnv = name
    }

    private mutating func price(_ fields: MappingFields) -> Price? {
        guard let node = fields["price_per_mtok"],
            let price = self.fields(of: node, allowed: ["input", "output"], what: "'price_per_mtok'")
        else { return nil }
        for side in ["input", "output"] where !price.has(side) {
            report("'price_per_mtok' is missing '\(side)' (price per million \(side) tokens)", at: node)
        }
        guard let input = double(price, "input", in: 0...Double.infinity),
            let output = double(price, "output", in: 0...Double.infinity)
        else { return nil }
        return Price(input: input, output: output)
    }

    private mutating func headers(_ fields: MappingFields) -> [String: String] {
        guard let node = fields["headers"] else { return [:] }
        guard case .mapping(let mapping) = node else {
            report("expected 'headers' to be a mapping of header names to values, got \(Self.describe(node))", at: node)
            return [:]
        }
        var headers: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = string(key, key: "header name") else { continue }
            let isToken =
                !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            guard isToken else {
                report("'\(name)' is not a valid header name", at: key)
                continue
            }
            guard !Self.secretHeaders.contains(name.lowercased()) else {
                report(
                    "header '\(name)' is not allowed in the fleet file: API keys come from the environment "
                        + "only (set api_key_env)", at: key)
                continue
            }
            guard let text = string(value, key: "header '\(name)'") else { continue }
            guard !text.contains(where: \.isNewline) else {
                report("header '\(name)' must be a single line", at: value)
                continue
            }
            headers[name] = text
        }
        return headers
    }

    /// The `keys:` map of action name -> key spec; the TUI validates the names and specs.
    mutating func keyBindings(_ fields: MappingFields) -> [String: String] {
        guard let node = fields["keys"] else { return [:] }
        guard case .mapping(let mapping) = node else {
            report("expected 'keys' to be a mapping of action names to keys, got \(Self.describe(node))", at: node)
            return [:]
        }
        var keys: [String: String] = [:]
        for (key, value) in mapping {
            guard let action = string(key, key: "key action"), let spec = string(value, key: "keys.\(action)") else {
                continue
            }
            if spec.isEmpty { report("'keys.\(action)' is empty", at: value) } else { keys[action] = spec }
        }
        return keys
    }
}
