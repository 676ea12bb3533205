import QuantWatchDomain
import Testing

struct DurationParserTests {
    @Test(arguments: [
        ("500ms", Duration.milliseconds(500)),
        ("15s", .seconds(15)),
        ("2m", .seconds(120)),
        ("1h", .seconds(3_600)),
        ("1m30s", .seconds(90)),
        ("1.5s", .milliseconds(1_500)),
        ("0.25s", .milliseconds(250)),
        ("1h30m", .seconds(5_400)),
        ("2.5ms", .microseconds(2_500)),
        (" 10s ", .seconds(10)),
        ("0s", .zero),
    ])
    func parsesValidDurations(text: String, expected: Duration) {
        #expect(DurationParser.parse(text) == expected)
    }

    @Test(arguments: [
        "", "15", "15 s", "s", "15sec", "-5s", "1.s", ".s", "5d", "1m30", "abc", "1.1234567891s",
        "99999999999999h",
    ])
    func rejectsInvalidDurations(text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test(arguments: [
        (Duration.milliseconds(500), "500ms"),
        (.seconds(15), "15s"),
        (.seconds(90), "1m30s"),
        (.milliseconds(1_500), "1.5s"),
        (.seconds(3_600), "1h"),
        (.seconds(3_661), "1h1m1s"),
        (.zero, "0s"),
    ])
    func formatsDurations(duration: Duration, expected: String) {
        #expect(DurationParser.format(duration) == expected)
    }

    @Test(arguments: [Duration.milliseconds(1), .microseconds(1_500), .milliseconds(61_250), .seconds(7_322)])
    func formatRoundTrips(duration: Duration) {
        #expect(DurationParser.parse(DurationParser.format(duration)) == duration)
    }
}
