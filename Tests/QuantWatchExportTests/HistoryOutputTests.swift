import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchExport
import Testing

/// `quantwatch history` output: table, JSON lines and CSV read the same values.
struct HistoryOutputTests {
    private let success = ProbeResult(
        targetID: "q4", canaryID: "capital", category: "general",
        startedAt: Date(timeIntervalSince1970: 1_795_000_000.25),
        outcome: .success(
            Generation(
                text: "paris", ttfb: .milliseconds(40), ttft: .milliseconds(120), e2e: .milliseconds(1_120),
                outputTokens: 11, inputTokens: 30, retries: 1)
        ),
        correct: true
    )
    private let failure = ProbeResult(
        targetID: "q4", canaryID: "sum", category: "math", startedAt: Date(timeIntervalSince1970: 1_795_000_015),
        outcome: .failure(ProbeFailure(.http5xx, "bad gateway, \"upstream\"", httpStatus: 502, retries: 2)),
        correct: nil
    )

    @Test func jsonLineIsTheHeadlessResultLine() throws {
        let line = JSONLineEncoder().line(ResultRecord(success))
        #expect(
            line == #"{"answer":"paris","at":"2026-11-18T11:06:40.250Z","canary":"capital","category":"general","#
                + #""correct":true,"decode_tps":11,"e2e_ms":1120,"input_tokens":30,"ok":true,"output_tokens":11,"#
                + #""retries":1,"target":"q4","tpot_ms":100,"ttfb_ms":40,"ttft_ms":120,"type":"result"}"#)
        let failed = JSONLineEncoder().line(ResultRecord(failure))
        #expect(failed.contains(#""error":"bad gateway, \"upstream\"","error_class":"http_5xx","http_status":502"#))
    }

    @Test func millisecondsKeepMicrosecondsAndNoMore() {
        let noisy = ProbeResult(
            targetID: "q4", canaryID: "capital", category: "general", startedAt: Date(timeIntervalSince1970: 0),
            outcome: .success(
                Generation(
                    text: "x", ttfb: .nanoseconds(40_123_456), ttft: .nanoseconds(88_545_127),
                    e2e: .nanoseconds(120_000_400), outputTokens: 1, inputTokens: 1)),
            correct: true)
        let record = ResultRecord(noisy)
        #expect(record.ttftMs == 88.545)
        #expect(record.ttfbMs == 40.123)
        #expect(record.e2eMs == 120.0)
    }

    @Test func csvQuotesFieldsAndKeepsColumnsAligned() {
        #expect(ResultRecord.csvHeader.split(separator: ",").count == ResultRecord.csvColumns.count)
        #expect(
            ResultRecord(failure).csvLine
                == #"2026-11-18T11:06:55.000Z,q4,sum,math,false,http_5xx,"bad gateway, ""upstream""",502,2,,,,,,,,,"#)
        #expect(
            ResultRecord(success).csvLine
                == "2026-11-18T11:06:40.250Z,q4,capital,general,true,,,,1,40.0,120.0,1120.0,100.0,11,30,11.0,true,paris"
        )
    }

    @Test func tableAlignsColumnsInTheGivenTimeZone() throws {
        let table = HistoryTable(timeZone: try #require(TimeZone(identifier: "UTC"))).render([success, failure])
        let header =
            "TIME                 TARGET  CANARY   CATEGORY  OUTCOME   E2E ms  TTFT ms  TPOT ms  TOKENS  RETRY  "
        let expected: [String] = [
            header + "CORRECT  ANSWER / ERROR",
            "2026-11-18 11:06:40  q4      capital  general   ok         1.12s      120      100      11      1  "
                + "yes      paris",
            "2026-11-18 11:06:55  q4      sum      math      http_5xx       —        —        —       —      2  "
                + "—        bad gateway, \"upstream\" (502)",
            "",
        ]
        #expect(table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) == expected)
        #expect(HistoryTable().render([]) == "no results in that time range\n")
    }

    @Test(arguments: [
        ("90s", 90.0), ("15m", 900), ("1h", 3_600), ("1h30m", 5_400), ("2d", 172_800), ("1w", 604_800),
        ("1.5h", 5_400),
    ])
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
