import Foundation
import Testing
@testable import QuantWatchCore

/// `quantwatch history` output: table, JSON lines and CSV read the same values.
struct HistoryOutputTests {
    private let success = ProbeResult(
        targetID: "q4", canaryID: "capital", category: "general",
        startedAt: Date(timeIntervalSince1970: 1_795_000_000.25),
        outcome: .success(
            Generation(text: "paris", ttfb: .milliseconds(40), ttft: .milliseconds(120), e2e: .milliseconds(1_120),
                       outputTokens: 11, inputTokens: 30, retries: 1)
        ),
        correct: true
    )
    private let failure = ProbeResult(
        targetID: "q4", canaryID: "sum", category: "math", startedAt: Date(timeIntervalSince1970: 1_795_000_015),
        outcome: .failure(ProbeFailure(.http5xx, "bad gateway, \"upstream\"", httpStatus: 502, retries: 2)),
        correct: nil
    )

    @Test func jsonLineHasSnakeCaseKeysAndMilliseconds() throws {
        let line = try ProbeResultRecord(success).jsonLine()
        #expect(line == #"{"answer":"paris","canary":"capital","category":"general","correct":true,"#
            + #""e2e_ms":1120,"input_tokens":30,"outcome":"ok","output_tokens":11,"retries":1,"#
            + #""started_at":"2026-11-18T11:06:40.250Z","target":"q4","tpot_ms":100,"ttfb_ms":40,"ttft_ms":120}"#)
        let decoded = try JSONDecoder().decode(ProbeResultRecord.self, from: Data(line.utf8))
        #expect(decoded == ProbeResultRecord(success))
    }

    @Test func csvQuotesFieldsAndKeepsColumnsAligned() {
        #expect(ProbeResultRecord.csvHeader.split(separator: ",").count == 17)
        #expect(ProbeResultRecord(failure).csvLine
            == #"q4,sum,math,2026-11-18T11:06:55.000Z,error,http_5xx,"bad gateway, ""upstream""",502,2,,,,,,,,"#)
        #expect(ProbeResultRecord(success).csvLine
            == "q4,capital,general,2026-11-18T11:06:40.250Z,ok,,,,1,40.0,120.0,1120.0,100.0,11,30,true,paris")
    }

    @Test func tableAlignsColumnsInTheGivenTimeZone() throws {
        let table = HistoryTable(timeZone: try #require(TimeZone(identifier: "UTC"))).render([success, failure])
        let header = "TIME                 TARGET  CANARY   CATEGORY  OUTCOME   E2E ms  TTFT ms  TPOT ms  TOKENS  RETRY  "
        let expected: [String] = [
            header + "CORRECT  ANSWER / ERROR",
            "2026-11-18 11:06:40  q4      capital  general   ok          1120      120      100      11      1  "
                + "yes      paris",
            "2026-11-18 11:06:55  q4      sum      math      http_5xx       -        -        -       -      2  "
                + "-        bad gateway, \"upstream\" (502)",
            "",
        ]
        #expect(table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected)
        #expect(HistoryTable().render([]) == "no results in that time range\n")
    }

    @Test(arguments: [("90s", 90.0), ("15m", 900), ("1h", 3_600), ("1h30m", 5_400), ("2d", 172_800), ("1w", 604_800),
                      ("1.5h", 5_400)])
    func lookBacksAreRelativeToNow(text: String, seconds: Double) throws {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        #expect(try SinceSpec.parse(text, now: now) == now.addingTimeInterval(-seconds))
    }

    @Test func isoTimesAreAbsolute() throws {
        #expect(try SinceSpec.parse("2026-11-18T11:06:40Z") == Date(timeIntervalSince1970: 1_795_000_000))
        #expect(try SinceSpec.parse("2026-11-18T11:06:40.5Z") == Date(timeIntervalSince1970: 1_795_000_000.5))
    }

    @Test(arguments: ["", "h", "10", "10x", "1h10", "yesterday", "-5m"])
    func nonsenseIsRejected(text: String) {
        #expect(throws: SinceSpecError(text: text)) { try SinceSpec.parse(text) }
    }
}
