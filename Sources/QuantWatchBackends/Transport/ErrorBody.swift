import Foundation

/// Extracts the server's own explanation from an error body (OpenAI, Anthropic, llama.cpp, Ollama shapes).
enum ErrorBody {
    /// `error.message`, `error` (text), `message` or `detail` of a JSON body, else the body as trimmed text.
    static func message(from bytes: [UInt8]) -> String {
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] {
            if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
                return message
            }
            for key in ["error", "message", "detail"] {
                if let text = object[key] as? String { return text }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
