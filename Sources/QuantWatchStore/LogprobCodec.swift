import Foundation
import QuantWatchDomain

/// A compact, exact binary form of per-token logprobs for the `logprob_sets.data` column (and the older
/// `results.logprobs` one).
///
/// Layout (version 2): version byte, a flags byte, varint token count, then per token: a byte giving the index of
/// the token in its own top list (0xFF: not there, then the token text and logprob follow), varint top count, and
/// per alternative: varint UTF-8 length, bytes, logprob. Flag bit 0: every logprob of the blob is a Float32
/// widened to a Double (what vLLM and llama.cpp's OpenAI endpoint send), so each is kept in 4 little-endian bytes
/// instead of 8. Either way the Doubles come back bit for bit, so drift maths on restored data equals the live
/// maths. Version 1 (always 8-byte logprobs, no flags byte) is still read.
enum LogprobCodec {
    static let version: UInt8 = 2
    static let version1: UInt8 = 1
    private static let notInTop: UInt8 = 0xFF
    private static let float32Flag: UInt8 = 1

    /// Encodes logprobs (version 2); nil for an empty list (stored as NULL).
    static func encode(_ logprobs: [TokenLogprob]) -> Data? {
        guard !logprobs.isEmpty else { return nil }
        let narrow = logprobs.allSatisfy { entry in
            isFloat32(entry.logprob) && entry.top.allSatisfy { isFloat32($0.logprob) }
        }
        var writer = ByteWriter(narrow: narrow)
        writer.bytes.reserveCapacity(
            3 + logprobs.count * (2 + (logprobs.first?.top.count ?? 0) * (narrow ? 10 : 14)))
        writer.bytes.append(version)
        writer.bytes.append(narrow ? float32Flag : 0)
        writer.varint(UInt64(logprobs.count))
        for entry in logprobs {
            let index = entry.top.prefix(Int(notInTop)).firstIndex {
                $0.logprob.bitPattern == entry.logprob.bitPattern && $0.token == entry.token
            }
            if let index {
                writer.bytes.append(UInt8(index))
            } else {
                writer.bytes.append(notInTop)
                writer.string(entry.token)
                writer.logprob(entry.logprob)
            }
            writer.varint(UInt64(entry.top.count))
            for alternative in entry.top {
                writer.string(alternative.token)
                writer.logprob(alternative.logprob)
            }
        }
        return Data(writer.bytes)
    }

    /// Decodes what `encode` wrote (version 2, or version 1 from older databases); throws on a truncated or
    /// unknown blob.
    static func decode(_ data: Data) throws(LogprobCodecError) -> [TokenLogprob] {
        var reader = ByteReader(bytes: [UInt8](data))
        switch try reader.byte() {
        case version1:
            reader.narrow = false
        case version:
            let flags = try reader.byte()
            guard flags & ~float32Flag == 0 else { throw .malformed }
            reader.narrow = flags & float32Flag != 0
        default:
            throw .unknownVersion
        }
        let count = try reader.count()
        var out: [TokenLogprob] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let index = try reader.byte()
            var token = ""
            var logprob = 0.0
            if index == notInTop {
                token = try reader.string()
                logprob = try reader.logprob()
            }
            let topCount = try reader.count()
            var top: [TokenLogprob.Alternative] = []
            top.reserveCapacity(topCount)
            for _ in 0..<topCount {
                let text = try reader.string()
                top.append(TokenLogprob.Alternative(token: text, logprob: try reader.logprob()))
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

    /// The Double is a Float32 widened, bit for bit (NaN payloads and -0 included).
    @inline(__always)
    static func isFloat32(_ value: Double) -> Bool {
        Double(Float(value)).bitPattern == value.bitPattern
    }
}

/// A logprob blob that cannot be decoded.
enum LogprobCodecError: Error {
    case unknownVersion
    case malformed
}

/// Appends the primitives `LogprobCodec` writes.
private struct ByteWriter {
    var bytes: [UInt8] = []
    /// Logprobs are written as 4-byte floats.
    let narrow: Bool

    init(narrow: Bool) {
        self.narrow = narrow
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func logprob(_ value: Double) {
        if narrow {
            append(Float(value).bitPattern.littleEndian)
        } else {
            append(value.bitPattern.littleEndian)
        }
    }

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }
}

/// Reads the primitives `LogprobCodec` writes, checking bounds.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0
    /// Logprobs are 4-byte floats.
    var narrow = false

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

    mutating func logprob() throws(LogprobCodecError) -> Double {
        narrow ? Double(Float(bitPattern: UInt32(try little(4)))) : Double(bitPattern: try little(8))
    }

    private mutating func little(_ width: Int) throws(LogprobCodecError) -> UInt64 {
        guard bytes.count - position >= width else { throw .malformed }
        var bits: UInt64 = 0
        for offset in 0..<width {
            bits |= UInt64(bytes[position + offset]) << (8 * UInt64(offset))
        }
        position += width
        return bits
    }
}
