import Foundation

/// What a model's name says about its precision: `llama-3.1-8b-instruct-Q4_K_M.gguf` is family
/// `llama-3.1-8b-instruct` at `Q4_K_M`; `qwen2.5:7b-instruct-fp16` is `qwen2.5:7b-instruct` at `F16`.
///
/// Names are the only evidence `quantwatch init` pairs on: two builds of one model share a family and differ in
/// the quantization tag.
public struct ModelQuantName: Sendable, Equatable {
    /// The name without its quantization tag, lower-cased (the key builds are grouped by).
    public var family: String
    /// The tag in its usual spelling (`F16`, `BF16`, `Q4_K_M`, `AWQ`), or nil when the name shows none.
    public var quant: String?

    /// Whether the tag marks a full-precision build that quantized ones are compared against.
    public var isFullPrecision: Bool { quant.map(Self.fullPrecision.contains) ?? false }

    /// Full-precision tags, the preferred baseline first.
    public static let fullPrecision = ["F16", "BF16", "F32"]

    public init(family: String, quant: String?) {
        self.family = family
        self.quant = quant
    }

    /// Reads the last quantization tag of a name (a path and a `.gguf` extension are dropped first).
    public init(parsing name: String) {
        var base = name.split(separator: "/").last.map(String.init) ?? name
        if base.lowercased().hasSuffix(".gguf") { base = String(base.dropLast(5)) }
        let range = NSRange(base.startIndex..., in: base)
        guard let match = Self.tag?.matches(in: base, range: range).last, let found = Range(match.range, in: base)
        else {
            self.init(family: base.lowercased(), quant: nil)
            return
        }
        let separators = CharacterSet(charactersIn: "-_.:@ ")
        let before = base[..<found.lowerBound].trimmingCharacters(in: separators)
        let after = base[found.upperBound...].trimmingCharacters(in: separators)
        // The tag's own separator goes with it: `a-q4_0-instruct` is family `a-instruct`.
        let joint = base[..<found.lowerBound].last.map(String.init) ?? "-"
        let family = [before, after].filter { !$0.isEmpty }.joined(separator: joint)
        self.init(family: family.lowercased(), quant: Self.canonical(String(base[found])))
    }

    /// `fp16` and `f16` are one thing; every other tag is written upper-case, as GGUF file names have it.
    private static func canonical(_ tag: String) -> String {
        switch tag.lowercased() {
        case "fp16", "f16": "F16"
        case "fp32", "f32": "F32"
        default: tag.uppercased()
        }
    }

    /// GGUF and Ollama tags (`Q4_K_M`, `Q8_0`, `IQ4_XS`, `F16`), vLLM/HF ones (`AWQ`, `GPTQ`, `FP8`, `W4A16`), not
    /// inside a longer word.
    /// (A constant pattern: if it ever failed to compile, every name would read as untagged and the tests say so.)
    private static let tag: NSRegularExpression? = {
        let tags = "bf16|fp16|f16|fp32|f32|i?q[1-8](?:_[a-z0-9]{1,3})*|fp8|int8|int4|awq|gptq|w4a16|w8a8|nf4|mxfp4"
        return try? NSRegularExpression(pattern: "(?<![a-z0-9])(?:\(tags))(?![a-z0-9])", options: .caseInsensitive)
    }()
}
