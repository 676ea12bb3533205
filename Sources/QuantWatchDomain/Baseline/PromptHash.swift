import Foundation

/// Stable content hashes for baseline files: 64-bit FNV-1a, written as 16 lowercase hex digits.
///
/// Not cryptographic (swift-crypto is not a dependency, and nothing here needs to resist a forger): it only has
/// to tell whether a canary's prompt or a suite changed since the recording, identically on every platform and
/// run (Swift's `Hasher` is seeded per process, so it cannot be used). Fields are separated by control bytes that
/// YAML text cannot contain unescaped, so `["ab", "c"]` and `["a", "bc"]` hash differently.
public enum PromptHash {
    /// The hash of a canary's messages: each role and content, in order.
    public static func messages(_ messages: [ChatMessage]) -> String {
        var hash = FNV1a()
        for message in messages {
            hash.add(message.role.rawValue)
            hash.add(0x1F)
            hash.add(message.content)
            hash.add(0x1E)
        }
        return hash.hex
    }

    /// The hash of the suites a target runs, from their canaries (id, category, prompt, token budget), in order.
    public static func suites(_ canaries: [Canary]) -> String {
        var hash = FNV1a()
        for canary in canaries {
            hash.add(canary.id)
            hash.add(0x1F)
            hash.add(canary.category)
            hash.add(0x1F)
            hash.add(messages(canary.messages))
            hash.add(0x1F)
            hash.add(String(canary.maxTokens))
            hash.add(0x1E)
        }
        return hash.hex
    }

    /// 64-bit FNV-1a (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    struct FNV1a {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ byte: UInt8) {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }

        mutating func add(_ text: String) {
            for byte in text.utf8 { add(byte) }
        }

        var hex: String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
    }
}
