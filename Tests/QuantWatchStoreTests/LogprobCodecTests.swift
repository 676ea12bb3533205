import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchStore
import Testing

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
        let top: [TokenLogprob.Alternative] = [.init(token: "abcdef", logprob: -0.1)]
        let inTop = try #require(LogprobCodec.encode([TokenLogprob(token: "abcdef", logprob: -0.1, top: top)]))
        let notInTop = try #require(LogprobCodec.encode([TokenLogprob(token: "abcdef", logprob: -0.6, top: top)]))
        #expect(notInTop.count - inTop.count == 1 + 6 + 8)
    }

    @Test func float32LogprobsTakeFourBytesAndComeBackExactly() throws {
        let narrow = [
            TokenLogprob(
                token: "a", logprob: Double(Float(-0.1)),
                top: [.init(token: "a", logprob: Double(Float(-0.1))), .init(token: "b", logprob: -.infinity)]),
            TokenLogprob(token: "c", logprob: -0.0, top: [.init(token: "d", logprob: Double(Float(-7.25e-3)))]),
        ]
        var wide = narrow
        wide[1].top[0].logprob = -7.25e-3
        let narrowBlob = try #require(LogprobCodec.encode(narrow))
        let wideBlob = try #require(LogprobCodec.encode(wide))
        // Four logprobs are written (the first token's is its top entry's): four bytes saved on each.
        #expect(wideBlob.count - narrowBlob.count == 4 * 4)
        #expect(try LogprobCodec.decode(narrowBlob) == narrow)
        #expect(try LogprobCodec.decode(wideBlob) == wide)
        let bits = try LogprobCodec.decode(narrowBlob).flatMap { [$0.logprob] + $0.top.map(\.logprob) }
        #expect(bits.map(\.bitPattern) == narrow.flatMap { [$0.logprob] + $0.top.map(\.logprob) }.map(\.bitPattern))
    }

    @Test func version1BlobsFromOlderDatabasesStillDecode() throws {
        // Written by the v1 encoder: one token "t" (-1) not in its top list, which holds "u" (-2).
        var blob: [UInt8] = [1, 1, 0xFF, 1, UInt8(ascii: "t")]
        blob += withUnsafeBytes(of: (-1.0).bitPattern.littleEndian, Array.init)
        blob += [1, 1, UInt8(ascii: "u")]
        blob += withUnsafeBytes(of: (-2.0).bitPattern.littleEndian, Array.init)
        #expect(
            try LogprobCodec.decode(Data(blob))
                == [TokenLogprob(token: "t", logprob: -1, top: [.init(token: "u", logprob: -2)])])
    }

    @Test(arguments: [
        Data(), Data([9]), Data([1, 5]), Data([1, 1, 0xFF, 200]), Data([1, 1, 3, 0]), Data([2]), Data([2, 4, 0]),
        Data([2, 1, 1, 3, 0]),
    ])
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
