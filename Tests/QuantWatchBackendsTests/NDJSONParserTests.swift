@testable import QuantWatchBackends
import Testing

private func lines(_ chunks: [[UInt8]]) throws -> [String] {
    var parser = NDJSONParser()
    var out: [String] = []
    for chunk in chunks { try parser.parse(chunk) { out.append(String(decoding: $0, as: UTF8.self)) } }
    try parser.finish { out.append(String(decoding: $0, as: UTF8.self)) }
    return out
}

private let sample = "{\"a\":1}\n\n{\"b\":2}\r\n  \n{\"c\":\"é\"}"

@Suite struct NDJSONParserTests {
    @Test func ndjsonSplitsLinesSkipsBlanksAndCR() throws {
        #expect(try lines([Array(sample.utf8)]) == [#"{"a":1}"#, #"{"b":2}"#, #"{"c":"é"}"#])
    }

    @Test func ndjsonSameLinesForEveryChunkBoundary() throws {
        let bytes = Array(sample.utf8)
        let whole = try lines([bytes])
        for cut in 0...bytes.count {
            #expect(try lines([Array(bytes[..<cut]), Array(bytes[cut...])]) == whole, "split at \(cut)")
        }
        #expect(try lines(bytes.map { [$0] }) == whole)
    }

    @Test func ndjsonRejectsEndlessLine() throws {
        var parser = NDJSONParser(maxLineBytes: 16)
        #expect(throws: StreamFramingError.lineTooLong(limit: 16)) {
            try parser.parse(Array(repeating: UInt8(ascii: "x"), count: 17)) { _ in }
        }
    }
}
