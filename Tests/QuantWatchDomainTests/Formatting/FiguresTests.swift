import Foundation
import QuantWatchDomain
import Testing

/// The one way figures are written, on the screen and in `once`, `report` and `history` alike.
struct FiguresTests {
    @Test(arguments: [
        (0.16, "0.2"), (4.24, "4.2"), (9.94, "9.9"), (9.96, "10"), (412.4, "412"), (999.4, "999"),
        (999.6, "1.00s"), (1240, "1.24s"), (12_400, "12.4s"), (125_000, "125s"),
    ])
    func millisecondsKeepADecimalBelowTenAndSwitchToSecondsAtOne(value: Double, expected: String) {
        #expect(Figures.milliseconds(value) == expected)
    }

    @Test func durationsReadAsTheirMilliseconds() {
        #expect(Figures.milliseconds(Duration.microseconds(4_250)) == "4.3")
        #expect(Figures.milliseconds(Duration.milliseconds(1_240)) == "1.24s")
        #expect(Figures.milliseconds(nil as Duration?) == Figures.missing)
    }

    @Test func tiesRoundAwayFromZeroNotToTheNearestBinaryValue() {
        // printf gives "2.2" for 2.25 and "0.1" for 0.125 at two places; every output here gives the same tie.
        #expect(Figures.fixed(2.25, decimals: 1) == "2.3")
        #expect(Figures.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(Figures.fixed(0.125, decimals: 2) == "0.13")
        #expect(Figures.fixed(-0.04, decimals: 1) == "0.0", "no negative zero")
        #expect(Figures.fixed(7, decimals: 0) == "7")
        #expect(Figures.fixed(0.05, decimals: 3) == "0.050")
    }

    @Test func everyMissingFigureIsTheSamePlaceholder() {
        let missing: [String] = [
            Figures.milliseconds(nil as Double?), Figures.milliseconds(.nan), Figures.percent(nil),
            Figures.percent(.infinity, decimals: 1), Figures.points(nil), Figures.rate(nil), Figures.small(nil),
            Figures.money(nil), Figures.duration(-1),
        ]
        #expect(missing.allSatisfy { $0 == "—" }, "\(missing)")
    }

    @Test func percentsAreWholeOnTheScreenAndExactWhereAsked() {
        #expect(Figures.percent(0.943) == "94%")
        #expect(Figures.percent(0.025) == "2.5%")
        #expect(Figures.percent(0) == "0%")
        #expect(Figures.percent(0.875, decimals: 1) == "87.5%")
        #expect(Figures.percent(1, decimals: 1) == "100.0%")
    }

    @Test func pointsAreSignedAndZeroIsNot() {
        #expect(Figures.points(1.24) == "+1.2")
        #expect(Figures.points(-3) == "-3.0")
        #expect(Figures.points(0.04) == "0.0")
        #expect(Figures.points(-0.04) == "0.0")
    }

    @Test func kldKeepsFourDecimalsThenGoesScientific() {
        #expect(Figures.small(0.0331) == "0.0331")
        #expect(Figures.small(0) == "0.0000")
        #expect(Figures.small(0.000_032) == "3.2e-5")
        #expect(Figures.small(0.000_099_99) == "1.0e-4")
    }

    @Test func ratesMoneyClockAndDurations() {
        #expect(Figures.rate(48.24) == "48.2")
        #expect(Figures.rate(312.4) == "312")
        #expect(Figures.money(12.345) == "12.35")
        #expect(Figures.money(0.00123) == "0.0012")
        #expect(Figures.clock(Date(timeIntervalSince1970: 3_723)) == "01:02:03")
        #expect(Figures.duration(3_720) == "1h02m")
        #expect(Figures.duration(310) == "5m10s")
        #expect(Figures.duration(42.9) == "42s")
    }
}
