import Foundation

/// Reads model names out of the listing bodies of llama.cpp (`/props`), Ollama (`/api/tags`) and the OpenAI API
/// (`/v1/models`: vLLM, llama.cpp); nil when the body is not that listing.
public enum ModelListDecoder {
    /// One listed model: its name and, where the server says, its precision.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var quant: String?
    }

    public static func entries(path: String, body: Data) -> [Entry]? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else { return nil }
        switch path {
        case "/props":
            // llama.cpp serves one model; its file path carries the name (and the GGUF's quantization).
            guard let modelPath = object["model_path"] as? String, !modelPath.isEmpty else { return nil }
            let file = modelPath.split(separator: "/").last.map(String.init) ?? modelPath
            return [Entry(name: file.hasSuffix(".gguf") ? String(file.dropLast(5)) : file)]
        case "/api/tags":
            guard let models = object["models"] as? [[String: Any]] else { return nil }
            return models.compactMap { model in
                guard let name = (model["name"] ?? model["model"]) as? String else { return nil }
                let details = model["details"] as? [String: Any]
                return Entry(name: name, quant: details?["quantization_level"] as? String)
            }
        default:
            guard let data = object["data"] as? [[String: Any]] else { return nil }
            return data.compactMap { ($0["id"] as? String).map { Entry(name: $0) } }
        }
    }
}
