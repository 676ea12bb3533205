@testable import QuantWatchBackends
import Testing

/// Reading a model's family and quantization tag from its name, as `quantwatch init` pairs builds by.
struct ModelQuantNameTests {
    @Test(arguments: [
        ("llama-3.1-8b-instruct-Q4_K_M.gguf", "llama-3.1-8b-instruct", "Q4_K_M"),
        ("/models/llama-3.1-8b-instruct-f16.gguf", "llama-3.1-8b-instruct", "F16"),
        ("Meta-Llama-3-8B-Instruct.Q8_0.gguf", "meta-llama-3-8b-instruct", "Q8_0"),
        ("qwen2.5:7b-instruct-q4_K_M", "qwen2.5:7b-instruct", "Q4_K_M"),
        ("qwen2.5:7b-instruct-fp16", "qwen2.5:7b-instruct", "F16"),
        ("mistral-7b-bf16", "mistral-7b", "BF16"),
        ("Qwen/Qwen2.5-7B-Instruct-AWQ", "qwen2.5-7b-instruct", "AWQ"),
        ("phi-3-mini-IQ4_XS", "phi-3-mini", "IQ4_XS"),
        ("tiny-q4_0-chat", "tiny-chat", "Q4_0"),
        ("sim-llama-3.1-8b:q4_k_m", "sim-llama-3.1-8b", "Q4_K_M"),
        ("model_f16", "model", "F16"),
    ])
    func tagAndFamily(name: String, family: String, quant: String) {
        let parsed = ModelQuantName(parsing: name)
        #expect(parsed == ModelQuantName(family: family, quant: quant))
    }

    @Test(arguments: ["llama3.1:8b", "qwen2.5-coder", "gpt-4o-mini", "deepseek-r1:14b", "q4x-model"])
    func namesWithoutATagHaveNone(name: String) {
        let parsed = ModelQuantName(parsing: name)
        #expect(parsed.quant == nil)
        #expect(parsed.family == name.lowercased())
    }

    @Test func onlyFullPrecisionTagsAreBaselines() {
        #expect(ModelQuantName(parsing: "a-f16").isFullPrecision)
        #expect(ModelQuantName(parsing: "a-BF16").isFullPrecision)
        #expect(!ModelQuantName(parsing: "a-q8_0").isFullPrecision)
        #expect(!ModelQuantName(parsing: "a").isFullPrecision)
    }
}
