import Foundation

/// Scrubs secrets (the API key) out of any text that may reach a message, log or JSON.
struct Redactor: Sendable {
    private let secrets: [String]

    init(secrets: [String?]) {
        // Very short strings would redact ordinary words; a real key is never that short.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 4 }
    }

    /// The text with every secret replaced by `[redacted]`, cut to `limit` characters.
    func clean(_ text: String, limit: Int = 300) -> String {
        var out = text
        for secret in secrets where out.contains(secret) {
            out = out.replacingOccurrences(of: secret, with: "[redacted]")
        }
        if out.count > limit { out = String(out.prefix(limit)) + "…" }
        return out
    }
}
