import Foundation
import Yams

/// Reads the models `quantwatch sim` serves: a comma list (`fp16,q8_0,remote=q4_0`) or a YAML file.
///
/// ```yaml
/// models:
///   - {id: fp16, profile: fp16, port: 8080}
///   - id: big
///     name: my-model:custom       # name reported to clients
///     profile: custom             # or start from a preset and override fields
///     tokens_per_second: 60
///     ttft_ms: 200
///     ttft_sigma: 0               # 0 and token_sigma 0: exact, repeatable delays
///     token_sigma: 0
///     kld: 0.02
///     accuracy: {general: 0.9, math: 0.8}
///     default_accuracy: 0.85
/// ```
public enum SimModelSpecParser {
    /// Models from a comma list; `basePort` > 0 numbers them from there, 0 leaves every port ephemeral.
    public static func parseList(_ list: String, basePort: Int = 0) throws -> [SimModel] {
        let entries = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else { throw FaultScriptError(path: "--models", line: nil, message: "no models given") }
        var models: [SimModel] = []
        for (index, entry) in entries.enumerated() {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            let id = parts[0]
            let profileName = parts.count == 2 ? parts[1] : parts[0]
            guard let profile = QuantProfile.preset(named: profileName) else {
                throw FaultScriptError(
                    path: "--models", line: nil,
                    message: "unknown profile '\(profileName)' "
                        + "(expected fp16, q8_0, q4_k_m, q4_0, or id=profile, or a YAML file)")
            }
            models.append(SimModel(id: id, profile: profile, port: basePort > 0 ? basePort + index : 0))
        }
        try checkUnique(models, path: "--models")
        return models
    }

    /// Models from a YAML file; errors carry file:line.
    public static func load(path: String, basePort: Int = 0) throws -> [SimModel] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw FaultScriptError(
                path: path, line: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try parse(yaml: text, path: path, basePort: basePort)
    }

    public static func parse(yaml: String, path: String, basePort: Int = 0) throws -> [SimModel] {
        func fail(_ node: Node?, _ message: String) -> FaultScriptError {
            FaultScriptError(path: path, line: node?.mark?.line, column: node?.mark?.column, message: message)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw FaultScriptError(path: path, line: nil, message: "not valid YAML: \(error)")
        }
        guard case .mapping(let top)? = root, case .sequence(let list)? = top["models"] else {
            throw fail(root, "expected a mapping with a 'models:' list")
        }
        var models: [SimModel] = []
        for (index, node) in list.enumerated() {
            guard case .mapping(let entry) = node else { throw fail(node, "each model is a mapping") }
            guard let id = entry["id"]?.string, !id.isEmpty else { throw fail(node, "model needs an 'id'") }
            let profileName = entry["profile"]?.string ?? id
            var profile =
                QuantProfile.preset(named: profileName)
                ?? QuantProfile(
                    name: profileName, label: profileName.uppercased(), tokensPerSecond: 60,
                    ttftMedianMilliseconds: 150,
                    accuracy: [:], defaultAccuracy: 0.85, targetKLD: 0)
            var port = basePort > 0 ? basePort + index : 0
            for (keyNode, value) in entry {
                let key = keyNode.string ?? ""
                func number(_ range: ClosedRange<Double>) throws -> Double {
                    guard let number = value.string.flatMap(Double.init), range.contains(number) else {
                        throw fail(value, "'\(key)' must be a number in \(range.lowerBound)...\(range.upperBound)")
                    }
                    return number
                }
                switch key {
                case "id", "profile", "name": break
                case "port": port = Int(try number(0...65535))
                case "label": profile.label = value.string ?? profile.label
                case "tokens_per_second": profile.tokensPerSecond = try number(0.1...100_000)
                case "ttft_ms": profile.ttftMedianMilliseconds = try number(0...600_000)
                case "ttft_sigma": profile.ttftSigma = try number(0...3)
                case "token_sigma": profile.tokenJitterSigma = try number(0...3)
                case "kld": profile.targetKLD = try number(0...10)
                case "default_accuracy": profile.defaultAccuracy = try number(0...1)
                case "accuracy":
                    guard case .mapping(let categories) = value else { throw fail(value, "'accuracy' is a mapping") }
                    for (category, share) in categories {
                        guard let name = category.string, let number = share.string.flatMap(Double.init),
                            (0...1).contains(number)
                        else { throw fail(share, "accuracy values are numbers in 0...1") }
                        profile.accuracy[name] = number
                    }
                default:
                    throw fail(
                        keyNode,
                        "unknown key '\(key)' (expected id, name, profile, port, label, "
                            + "tokens_per_second, ttft_ms, ttft_sigma, token_sigma, kld, accuracy, default_accuracy)")
                }
            }
            models.append(SimModel(id: id, modelName: entry["name"]?.string, profile: profile, port: port))
        }
        try checkUnique(models, path: path)
        return models
    }

    private static func checkUnique(_ models: [SimModel], path: String) throws {
        var seen: Set<String> = []
        for model in models where !seen.insert(model.id.lowercased()).inserted {
            throw FaultScriptError(path: path, line: nil, message: "model id '\(model.id)' appears twice")
        }
    }
}
