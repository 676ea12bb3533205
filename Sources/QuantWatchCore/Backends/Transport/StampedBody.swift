/// A request body that records t0 on the timeline when AsyncHTTPClient takes its bytes for writing.
///
/// AsyncHTTPClient builds the body buffer of a `Collection` body right after it has written the request
/// head on the connection (not when `execute` is called), so this instant excludes pool queueing, DNS,
/// TCP and TLS set-up: it is "just before the request is written" as DESIGN.md defines t0.
struct StampedBody: Collection, Sendable {
    let bytes: [UInt8]
    let timeline: AttemptTimeline

    var startIndex: Int { bytes.startIndex }
    var endIndex: Int { bytes.endIndex }
    subscript(position: Int) -> UInt8 { bytes[position] }
    func index(after index: Int) -> Int { index + 1 }

    func makeIterator() -> IndexingIterator<[UInt8]> {
        timeline.markWritten()
        return bytes.makeIterator()
    }

    func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        timeline.markWritten()
        return try bytes.withUnsafeBufferPointer(body)
    }
}
