/// One target of a starter fleet, with the baseline pairing read from model names.
public struct StarterTarget: Sendable, Equatable {
    public var id: String
    public var model: DiscoveredModel
    public var quant: String?
    public var baseline: String?

    /// Targets for the models found, in the order found; each quantized build whose name shares its family with
    /// a full-precision one (F16 before BF16 before F32) gets that one as `baseline`.
    public static func plan(_ models: [DiscoveredModel]) -> [StarterTarget] {
        var used: Set<String> = []
        var targets: [StarterTarget] = []
        var families: [String] = []
        for model in models {
            let parsed = ModelQuantName(parsing: model.name)
            // The name's tag first (pairing goes by names); Ollama's reported level where the name has none.
            let quant = parsed.quant ?? model.reportedQuant.map { ModelQuantName(parsing: $0).quant ?? $0 }
            var id = identifier(model.name)
            if used.contains(id) { id += "-\(model.runtime.rawValue)" }
            var unique = id
            var counter = 2
            while used.contains(unique) {
                unique = "\(id)-\(counter)"
                counter += 1
            }
            used.insert(unique)
            targets.append(StarterTarget(id: unique, model: model, quant: quant, baseline: nil))
            families.append(parsed.family)
        }
        for index in targets.indices {
            guard let quant = targets[index].quant, !ModelQuantName.fullPrecision.contains(quant) else { continue }
            let candidates = targets.indices.filter { families[$0] == families[index] && $0 != index }
            let best = ModelQuantName.fullPrecision.lazy.compactMap { precision in
                candidates.first { targets[$0].quant == precision }
            }.first
            if let best { targets[index].baseline = targets[best].id }
        }
        return targets
    }

    /// A target id from a model name: lower-case, `a-z 0-9 . _ -`, anything else one `-`.
    static func identifier(_ name: String) -> String {
        var base = name.split(separator: "/").last.map(String.init) ?? name
        if base.lowercased().hasSuffix(".gguf") { base = String(base.dropLast(5)) }
        var result = ""
        for character in base.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber || "._".contains(character) {
                result.append(character)
            } else if !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "model" : String(result.prefix(60))
    }
}
