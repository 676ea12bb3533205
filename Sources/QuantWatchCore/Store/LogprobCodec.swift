import Foundation

/// A compact, exact binary form of per-token logprobs for the `results.logprobs` column.
///
/// Layout (version 1): version byte, varint token count, then per token: a byte giving the index of the token in
/// its own top list (0xFF: not there, then the token text and logprob follow), varint top count, and per
/// alternative: varint UTF-8 length, bytes, little-endian Float64 bits. Doubles are kept whole so drift maths on
/// restored data equals the live maths.
enum LogprobCodec {
    static let version: UInt8 = 1
    private static let notInTop: UInt8 = 0xFF

    /// Encodes logprobs; nil for an empty list (stored as NULL).
    static func encode(_ logprobs: [TokenLogprob]) -> Data? {
        guard !logprobs.isEmpty else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(logprobs.count * (2 + (logprobs.first?.top.count ?? 0) * 14))
        bytes.append(version)
        appendVarint(UInt64(logprobs.count), to: &bytes)
        for entry in logprobs {
            let index = entry.top.prefix(Int(notInTop)).firstIndex {
                $0.token == entry.token && $0.logprob == entry.logprob
            }
            if let index {
                bytes.append(UInt8(index))
            } else {
                bytes.append(notInTop)
                appendString(entry.token, to: &bytes)
                appendDouble(entry.logprob, to: &bytes)
            }
            appendVarint(UInt64(entry.top.count), to: &bytes)
            for alternative in entry.top {
                appendString(alternative.token, to: &bytes)
                appendDouble(alternative.logprob, to: &bytes)
            }
        }
        return Data(bytes)
    }

    /// Decodes what `encode` wrote; throws on a truncated or unknown blob.
    static func decode(_ data: Data) throws(LogprobCodecError) -> [TokenLogprob] {
        var reader = ByteReader(bytes: [UInt8](data))
        guard try reader.byte() == version else { throw .unknownVersion }
        let count = try reader.count()
        var out: [TokenLogprob] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let index = try reader.byte()
            var token = ""
            var logprob = 0.0
            if index == notInTop {
                token = try reader.string()
                logprob = try reader.double()
            }
            let topCount = try reader.count()
            var top: [TokenLogprob.Alternative] = []
            top.reserveCapacity(topCount)
            for _ in 0..<topCount {
                let text = try reader.string()
                top.append(TokenLogprob.Alternative(token: text, logprob: try reader.double()))
            }
            if index != notInTop {
                guard Int(index) < top.count else { throw .malformed }
                token = top[Int(index)].token
                logprob = top[Int(index)].logprob
            }
            out.append(TokenLogprob(token: token, logprob: logprob, top: top))
        }
        guard reader.isAtEnd else { throw .malformed }
        return out
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private static func appendString(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        appendVarint(UInt64(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
    }

    private static func appendDouble(_ value: Double, to bytes: inout [UInt8]) {
        var bits = value.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }
}

/// A logprob blob that cannot be decoded.
enum LogprobCodecError: Error {
    case unknownVersion
    case malformed
}

/// Reads the primitives `LogprobCodec` writes, checking bounds.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() throws(LogprobCodecError) -> UInt8 {
        guard position < bytes.count else { throw .malformed }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(LogprobCodecError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw .malformed }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A varint that must fit what is left of the blob (guards allocations against garbage).
    mutating func count() throws(LogprobCodecError) -> Int {
        let value = try varint()
        guard value <= UInt64(bytes.count - position) else { throw .malformed }
        return Int(value)
    }

    mutating func string() throws(LogprobCodecError) -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }

    mutating func double() throws(LogprobCodecError) -> Double {
        guard bytes.count - position >= 8 else { throw .malformed }
        var bits: UInt64 = 0
        for offset in 0..<8 {
            bits |= UInt64(bytes[position + offset]) << (8 * UInt64(offset))
        }
        position += 8
        return Double(bitPattern: bits)
    }
}
