import NIOCore

/// Incremental newline-delimited JSON framer over byte chunks split anywhere.
///
/// Splits on LF, drops a trailing CR (CRLF streams), skips blank lines, and hands each line to the caller
/// as a borrowed buffer (valid only during the call), so complete lines inside a chunk are never copied.
public struct NDJSONParser: Sendable {
    /// Longest line accepted; garbage without line breaks fails instead of growing without bound.
    public let maxLineBytes: Int
    private var partialLine: [UInt8] = []

    public init(maxLineBytes: Int = 8 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Frames one chunk, calling `onLine` for every line completed by it.
    public mutating func parse(_ buffer: ByteBuffer, _ onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        try buffer.withUnsafeReadableBytes { try parse($0, onLine) }
    }

    /// Frames one chunk of bytes, calling `onLine` for every line completed by it.
    public mutating func parse(_ bytes: [UInt8], _ onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        try bytes.withUnsafeBytes { try parse($0, onLine) }
    }

    /// Frames one chunk of raw bytes, calling `onLine` for every line completed by it.
    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer, _ onLine: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        var start = 0
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let piece = UnsafeRawBufferPointer(rebasing: bytes[start..<newline])
            if partialLine.isEmpty {
                try emit(piece, onLine)
            } else {
                try append(piece)
                let joined = partialLine
                partialLine.removeAll(keepingCapacity: true)
                try joined.withUnsafeBytes { try emit($0, onLine) }
            }
            start = newline + 1
        }
        if start < bytes.count {
            try append(UnsafeRawBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Ends the stream: emits a last line that lacks its newline, if any.
    public mutating func finish(_ onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !partialLine.isEmpty else { return }
        let line = partialLine
        partialLine.removeAll()
        try line.withUnsafeBytes { try emit($0, onLine) }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard partialLine.count + bytes.count <= maxLineBytes else {
            throw StreamFramingError.lineTooLong(limit: maxLineBytes)
        }
        partialLine.append(contentsOf: bytes)
    }

    private func emit(_ line: UnsafeRawBufferPointer, _ onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: line[0..<end])
        let isBlank = trimmed.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard !isBlank else { return }
        try onLine(trimmed)
    }
}
