import AsyncHTTPClient
import Foundation
import QuantWatchDomain

/// Measures a target's perplexity over its suites' reference texts by what its backend can do: the serving API
/// for OpenAI-compatible servers, `llama-perplexity` for a local llama.cpp, otherwise n/a with the reason.
public enum PerplexityProbe {
    public static func measure(
        _ target: TargetConfig, texts: [ReferenceText], httpClient: HTTPClient, environment: [String: String],
        llamaPerplexity: String? = nil
    ) async -> PerplexityMeasurement {
        guard !texts.isEmpty else {
            return .unavailable("n/a: the target's suites list no reference texts (a suite's 'perplexity:')")
        }
        switch target.backend {
        case .openai:
            return await ServingPerplexityScorer.measure(
                target, texts: texts, httpClient: httpClient, environment: environment)
        case .llamacpp:
            let identity = await ServerIdentityProbe.identify(target, httpClient: httpClient, environment: environment)
            guard let model = identity.modelPath else {
                return .unavailable("n/a: llama.cpp's /props named no model file")
            }
            guard FileManager.default.isReadableFile(atPath: model) else {
                return .unavailable("n/a: the model file \(model) is not readable here (llama-perplexity runs locally)")
            }
            guard let binary = LlamaPerplexityLocator.locate(explicit: llamaPerplexity, modelPath: model) else {
                return .unavailable(
                    "n/a: llama-perplexity not found (give --llama-perplexity BIN, or put it beside llama-server)")
            }
            return await LlamaPerplexityRunner.measure(binary: binary, model: model, texts: texts)
        case .ollama:
            return .unavailable("n/a: Ollama's API scores generated tokens only, not given text")
        case .anthropic:
            return .unavailable("n/a: the Anthropic API returns no log-probabilities")
        }
    }
}

/// Finds `llama-perplexity`: the path given, else beside the llama-server process that has the model loaded,
/// else on PATH.
public enum LlamaPerplexityLocator {
    public static func locate(
        explicit: String?, modelPath: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let files = FileManager.default
        if let explicit { return files.isExecutableFile(atPath: explicit) ? explicit : nil }
        if let server = serverExecutable(loading: modelPath) {
            let beside = (server as NSString).deletingLastPathComponent + "/llama-perplexity"
            if files.isExecutableFile(atPath: beside) { return beside }
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/llama-perplexity"
            if files.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The executable of a running process whose command line names `modelPath` (Linux `/proc`).
    static func serverExecutable(loading modelPath: String) -> String? {
        let files = FileManager.default
        guard let entries = try? files.contentsOfDirectory(atPath: "/proc") else { return nil }
        let resolvedModel = (modelPath as NSString).resolvingSymlinksInPath
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let data = files.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard
                arguments.contains(where: {
                    $0 == modelPath || ($0 as NSString).resolvingSymlinksInPath == resolvedModel
                })
            else { continue }
            if let executable = try? files.destinationOfSymbolicLink(atPath: "/proc/\(entry)/exe") {
                return executable
            }
        }
        return nil
    }
}
