import Foundation
import QuantWatchTestSupport
import Testing

@testable import QuantWatchExport

/// The byte-level reader of `/api/v1/query` answers gives exactly what the Codable reading gives, or steps aside.
struct PromQLVectorScannerTests {
    static let answer = #"""
        {"status":"success","data":{"resultType":"vector","result":[
          {"metric":{"__name__":"probe_target:quantwatch_e2e_seconds:p99_5m","probe":"eu-1","target":"llama-q4"},
           "value":[1764633600.123,"0.412"]},
          {"value":[1764633600,"NaN"],"metric":{"target":"a\"b\\c\/d\u00e9\ud83d\ude00\n","probe":"東京"}},
          {"metric":{},"value":[1.7e9,"+Inf"]},
          {"metric":{"target":"x"},"value":[0,"-Inf"],"extra":[1,{"a":null},true,false,-0.5e-3]}
        ]},"stats":{"timings":{"evalTotalTime":0.002}},"warnings":[]}
        """#

    static func same(_ a: [PromQLSample], _ b: [PromQLSample]) -> Bool {
        a.count == b.count
            && zip(a, b).allSatisfy { $0.labels == $1.labels && $0.value.bitPattern == $1.value.bitPattern }
    }

    @Test func readsWhatTheCodablePathReads() throws {
        let body = Data(Self.answer.utf8)
        let scanned = try #require(PromQLVectorScanner.samples(body))
        let decoded = try PromQLResponse.decoded(from: body, query: "q")
        #expect(Self.same(scanned, decoded))
        #expect(scanned.count == 4)
        #expect(scanned[0].value == 0.412)
        #expect(scanned[1]["target"] == "a\"b\\c/dé😀\n")
        #expect(scanned[1]["probe"] == "東京")
        #expect(scanned[1].value.isNaN)
        #expect(scanned[2].value == .infinity && scanned[3].value == -.infinity)
        #expect(
            PromQLVectorScanner.samples(Data(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#.utf8))
                == [])
    }

    @Test(arguments: [
        #"{"status":"error","errorType":"bad_data","error":"parse error"}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"1"]}]}} trailing"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"\ud800"},"value":[1,"1"]}]}}"#,
        "<html>502 Bad Gateway</html>", "",
    ])
    func anythingElseIsLeftToTheCodablePathAndItsErrors(_ body: String) {
        #expect(PromQLVectorScanner.samples(Data(body.utf8)) == nil)
        #expect(throws: PromQLError.self) { try PromQLResponse.samples(from: Data(body.utf8), query: "q") }
    }

    /// Seeded mutations of a real answer (bytes flipped, cut, repeated): whenever the scanner answers, the Codable
    /// path gives the same samples.
    @Test func neverDisagreesWithTheCodablePathOnMutatedAnswers() async {
        let mismatches = await OffThePool.run { Self.mutationChecks(rounds: 3_000) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    static func mutationChecks(rounds: Int) -> [String] {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let seed = Array(answer.utf8)
        let alphabet = Array(#"{}[]":,\\u0e+-. aZ9"#.utf8) + [0, 0x7F, 0xC3, 0xFF, 0x0A]
        var mismatches: [String] = []
        var answered = 0
        for _ in 0..<rounds {
            var bytes = seed
            for _ in 0..<(1 + Int(next() % 3)) {
                let position = Int(next() % UInt64(bytes.count))
                switch next() % 4 {
                case 0: bytes[position] = alphabet[Int(next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                case 2: bytes.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: position)
                default: bytes = Array(bytes.prefix(position))
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            let body = Data(bytes)
            guard let scanned = PromQLVectorScanner.samples(body) else { continue }
            answered += 1
            let decoded = try? PromQLResponse.decoded(from: body, query: "q")
            if decoded.map({ same(scanned, $0) }) != true {
                mismatches.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        if answered == 0 { mismatches.append("no mutated answer was ever read: the check proved nothing") }
        return mismatches
    }
}
