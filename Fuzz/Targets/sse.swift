// Fuzz target: the SSE parser over bytes split anywhere.
//
// The first input byte picks a chunk size; the rest is the stream. Whatever the split, the events must be the
// same as when the whole stream comes in one piece, and no input may trap or grow memory past the line limit.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let chunk = Int(data[0]) % 64 + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // A line over the limit may fail in pieces yet pass whole (complete lines inside a chunk are not copied), so
    // only two successful parses are compared.
    guard let whole = events(bytes, chunk: max(bytes.count, 1)), let split = events(bytes, chunk: chunk) else {
        return 0
    }
    if whole != split { fatalError("SSE events depend on where the stream was split: \(whole) vs \(split)") }
    return 0
}

/// The events the parser gives for `bytes` fed in pieces of `chunk` bytes; nil when it threw.
private func events(_ bytes: [UInt8], chunk: Int) -> [String]? {
    var parser = SSEParser(maxLineBytes: 4096)
    var out: [String] = []
    do {
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try parser.parse(Array(bytes[start..<end])) { out.append("\($0.event ?? "-")|\($0.id ?? "-")|\($0.data)") }
            start = end
        }
        try parser.finish { out.append("\($0.event ?? "-")|\($0.id ?? "-")|\($0.data)") }
    } catch {
        return nil
    }
    return out
}
