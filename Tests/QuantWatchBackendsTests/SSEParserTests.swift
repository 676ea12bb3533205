import NIOCore
@testable import QuantWatchBackends
@testable import QuantWatchSimulator
import Testing

/// Parses `bytes` fed in the given chunks and returns every event, `finish()` included.
private func events(_ chunks: [[UInt8]]) throws -> [SSEEvent] {
    var parser = SSEParser()
    var out: [SSEEvent] = []
    for chunk in chunks { try parser.parse(chunk) { out.append($0) } }
    try parser.finish { out.append($0) }
    return out
}

private func events(_ text: String) throws -> [SSEEvent] { try events([Array(text.utf8)]) }

private let sample =
    "\u{FEFF}: comment line\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\n"
    + "data: first\ndata: second\n\n" + "id: 7\rdata: cr-only\r\r" + ":ping\n\n" + "data\n\n"
    + "event: content_block_delta\ndata:no-space\n\n" + "data: [DONE]\n\n"

private let expected = [
    SSEEvent(event: "message_start", data: Array(#"{"a":1}"#.utf8)),
    SSEEvent(data: Array("first\nsecond".utf8)),
    SSEEvent(data: Array("cr-only".utf8), id: "7"),
    SSEEvent(data: [], id: "7"),
    SSEEvent(event: "content_block_delta", data: Array("no-space".utf8), id: "7"),
    SSEEvent(data: Array("[DONE]".utf8), id: "7"),
]

@Suite struct SSEParserTests {
    @Test func sseParsesFieldsCommentsAndLineEnds() throws {
        #expect(try events(sample) == expected)
        #expect(try events(sample).last?.isDone == true)
    }

    @Test func sseSameEventsForEveryChunkBoundary() throws {
        let bytes = Array(sample.utf8)
        for cut in 0...bytes.count {
            let split = try events([Array(bytes[..<cut]), Array(bytes[cut...])])
            #expect(split == expected, "split at byte \(cut)")
        }
        for first in stride(from: 0, through: bytes.count, by: 3) {
            for second in stride(from: first, through: bytes.count, by: 5) {
                let parts = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
                #expect(try events(parts) == expected, "splits at \(first), \(second)")
            }
        }
    }

    @Test func sseOneByteAtATime() throws {
        #expect(try events(Array(sample.utf8).map { [$0] }) == expected)
    }

    @Test func sseCRLFSplitBetweenChunksIsOneLineEnd() throws {
        // "data: a\r" | "\n\r\n": the LF after a CR that ended the previous chunk is not an extra blank line.
        let parsed = try events([Array("data: a\r".utf8), Array("\n".utf8), Array("data: b\r\n\r\n".utf8)])
        #expect(parsed == [SSEEvent(data: Array("a\nb".utf8))])
    }

    @Test func sseByteBufferInput() throws {
        var parser = SSEParser()
        var out: [SSEEvent] = []
        try parser.parse(ByteBuffer(string: "event: x\ndata: y\n\n")) { out.append($0) }
        #expect(out == [SSEEvent(event: "x", data: Array("y".utf8))])
    }

    @Test func sseFinishDispatchesUnterminatedLastEvent() throws {
        #expect(try events("data: [DONE]") == [SSEEvent(data: Array("[DONE]".utf8))])
        #expect(try events("data: a\n") == [SSEEvent(data: Array("a".utf8))])
        #expect(try events(": only a comment").isEmpty)
    }

    @Test func sseRejectsEndlessLine() throws {
        var parser = SSEParser(maxLineBytes: 64)
        #expect(throws: StreamFramingError.lineTooLong(limit: 64)) {
            for _ in 0..<10 { try parser.parse(Array(repeating: UInt8(ascii: "x"), count: 10)) { _ in } }
        }
    }

    @Test func sseGarbageNeverCrashes() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let length = Int(generator.next() % 400)
            let alphabet: [UInt8] = Array("data: event:id:\r\n[DONE]{}\u{0}é".utf8) + [0xFF, 0xC3]
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let cut = length == 0 ? 0 : Int(generator.next() % UInt64(length))
            // Same events whole and split: framing never depends on where chunks fall.
            #expect(try events([bytes]) == events([Array(bytes[..<cut]), Array(bytes[cut...])]))
        }
    }

    /// A tiny deterministic generator so fuzz cases are reproducible.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
