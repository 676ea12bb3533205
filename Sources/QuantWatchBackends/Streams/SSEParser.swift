import NIOCore

/// Incremental server-sent-events parser (WHATWG rules) over byte chunks split anywhere.
///
/// Handles CR, LF and CRLF line ends (a CRLF split across chunks is one line end), multi-line `data:`,
/// `:` comments, `event:` and `id:` fields, and a leading UTF-8 BOM. Complete lines inside a chunk are
/// parsed in place; only a line cut by a chunk boundary is copied. Unlike a browser, `finish()` also
/// dispatches a last event that lacks its closing blank line, because some servers end the stream that way.
public struct SSEParser: Sendable {
    /// Longest line or event accepted; a stream of garbage without line breaks fails instead of growing.
    public let maxLineBytes: Int
    private var partialLine: [UInt8] = []
    private var lastWasCR = false
    private var isFirstLine = true
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?

    public init(maxLineBytes: Int = 8 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Parses one chunk, calling `onEvent` for every event completed by it.
    public mutating func parse(_ buffer: ByteBuffer, _ onEvent: (SSEEvent) throws -> Void) throws {
        try buffer.withUnsafeReadableBytes { try parse($0, onEvent) }
    }

    /// Parses one chunk of bytes, calling `onEvent` for every event completed by it.
    public mutating func parse(_ bytes: [UInt8], _ onEvent: (SSEEvent) throws -> Void) throws {
        try bytes.withUnsafeBytes { try parse($0, onEvent) }
    }

    /// Parses one chunk of raw bytes, calling `onEvent` for every event completed by it.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer, _ onEvent: (SSEEvent) throws -> Void) throws {
        var start = 0
        let count = bytes.count
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\n"), lastWasCR, index == start, partialLine.isEmpty {
                    // Second half of a CRLF whose CR ended the previous line.
                    lastWasCR = false
                    index += 1
                    start = index
                    continue
                }
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                if partialLine.isEmpty {
                    try processLine(line, onEvent)
                } else {
                    try append(line)
                    let joined = partialLine
                    partialLine.removeAll(keepingCapacity: true)
                    try joined.withUnsafeBytes { try processLine($0, onEvent) }
                }
                lastWasCR = byte == UInt8(ascii: "\r")
                index += 1
                start = index
            } else {
                lastWasCR = false
                index += 1
            }
        }
        if start < count {
            try append(UnsafeRawBufferPointer(rebasing: bytes[start..<count]))
        }
    }

    /// Ends the stream: dispatches a pending unterminated line and event, if any.
    public mutating func finish(_ onEvent: (SSEEvent) throws -> Void) throws {
        if !partialLine.isEmpty {
            let line = partialLine
            partialLine.removeAll()
            try line.withUnsafeBytes { try processLine($0, onEvent) }
        }
        try dispatch(onEvent)
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard partialLine.count + bytes.count <= maxLineBytes else {
            throw StreamFramingError.lineTooLong(limit: maxLineBytes)
        }
        partialLine.append(contentsOf: bytes)
    }

    private mutating func processLine(_ line: UnsafeRawBufferPointer, _ onEvent: (SSEEvent) throws -> Void) throws {
        var line = line
        if isFirstLine {
            // A UTF-8 BOM may open the stream; lines are whole here, so a BOM split across chunks is caught too.
            isFirstLine = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeRawBufferPointer(rebasing: line[3...]) }
        }
        if line.isEmpty {
            try dispatch(onEvent)
            return
        }
        if line[0] == UInt8(ascii: ":") { return }
        let colon = line.firstIndex(of: UInt8(ascii: ":"))
        let nameEnd = colon ?? line.count
        var valueStart = colon.map { $0 + 1 } ?? line.count
        if valueStart < line.count, line[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<nameEnd])
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<line.count])
        if name.elementsEqual("data".utf8) {
            if hasData { data.append(UInt8(ascii: "\n")) }
            guard data.count + value.count <= maxLineBytes else {
                throw StreamFramingError.lineTooLong(limit: maxLineBytes)
            }
            data.append(contentsOf: value)
            hasData = true
        } else if name.elementsEqual("event".utf8) {
            eventType = String(decoding: value, as: UTF8.self)
        } else if name.elementsEqual("id".utf8) {
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        }
        // `retry:` and unknown fields are ignored: we never reconnect a probe.
    }

    private mutating func dispatch(_ onEvent: (SSEEvent) throws -> Void) throws {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = nil
        }
        guard hasData else { return }
        try onEvent(SSEEvent(event: eventType, data: data, id: lastEventID))
    }
}
