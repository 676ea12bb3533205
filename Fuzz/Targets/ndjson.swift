// Fuzz target: the NDJSON framer over bytes split anywhere.
//
// The first input byte picks a chunk size; the rest is the stream. Whatever the split, the lines must be the
// same as when the whole stream comes in one piece, and no input may trap or grow memory past the line limit.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNDJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let chunk = Int(data[0]) % 64 + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    // A line over the limit may fail in pieces yet pass whole (complete lines inside a chunk are not copied), so
    // only two successful parses are compared.
    guard let whole = lines(bytes, chunk: max(bytes.count, 1)), let split = lines(bytes, chunk: chunk) else {
        return 0
    }
    if whole != split { fatalError("NDJSON lines depend on where the stream was split: \(whole) vs \(split)") }
    for line in whole where line.contains(UInt8(ascii: "\n")) { fatalError("a line holds a line break: \(line)") }
    return 0
}

/// The lines the framer gives for `bytes` fed in pieces of `chunk` bytes; nil when it threw.
private func lines(_ bytes: [UInt8], chunk: Int) -> [[UInt8]]? {
    var parser = NDJSONParser(maxLineBytes: 4096)
    var out: [[UInt8]] = []
    do {
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try parser.parse(Array(bytes[start..<end])) { out.append(Array($0)) }
            start = end
        }
        try parser.finish { out.append(Array($0)) }
    } catch {
        return nil
    }
    return out
}
