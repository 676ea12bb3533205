import Foundation
import Testing
@testable import QuantWatchCore

/// The logprob blob is exact (bit for bit) and refuses garbage instead of crashing.
struct LogprobCodecTests {
    @Test func roundTripsEdgeCasesExactly() throws {
        let logprobs = [
            TokenLogprob(
                token: "a", logprob: -0.1, top: [.init(token: "a", logprob: -0.1), .init(token: "b", logprob: -3)]
            ),
            TokenLogprob(
                token: "b", logprob: -2.5, top: [.init(token: "a", logprob: -0.2), .init(token: "b", logprob: -2.5)]
            ),
            TokenLogprob(token: "日本", logprob: -.infinity, top: []),
            TokenLogprob(token: "x", logprob: -1e-300, top: [.init(token: "x", logprob: -1e-299)]),
            TokenLogprob(token: String(repeating: "long ", count: 100), logprob: 0, top: []),
        ]
        let blob = try #require(LogprobCodec.encode(logprobs))
        #expect(try LogprobCodec.decode(blob) == logprobs)
    }

    @Test func emptyListIsStoredAsNull() {
        #expect(LogprobCodec.encode([]) == nil)
    }

    @Test func tokenFoundInItsTopListIsNotWrittenTwice() throws {
        let top: [TokenLogprob.Alternative] = [.init(token: "abcdef", logprob: -0.5)]
        let inTop = try #require(LogprobCodec.encode([TokenLogprob(token: "abcdef", logprob: -0.5, top: top)]))
        let notInTop = try #require(LogprobCodec.encode([TokenLogprob(token: "abcdef", logprob: -0.6, top: top)]))
        #expect(notInTop.count - inTop.count == 1 + 6 + 8)
    }

    @Test(arguments: [Data(), Data([9]), Data([1, 5]), Data([1, 1, 0xFF, 200]), Data([1, 1, 3, 0])])
    func malformedBlobsThrow(blob: Data) {
        #expect(throws: LogprobCodecError.self) { try LogprobCodec.decode(blob) }
    }

    @Test func truncatedBlobsThrowAtEveryLength() throws {
        let blob = try #require(
            LogprobCodec.encode([TokenLogprob(token: "t", logprob: -1, top: [.init(token: "u", logprob: -2)])])
        )
        for length in 0..<blob.count {
            #expect(throws: LogprobCodecError.self) { try LogprobCodec.decode(blob.prefix(length)) }
        }
    }
}
