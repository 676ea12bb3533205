/// The 2x2 table of paired right/wrong answers of a target and its baseline over the same canaries.
///
/// Each canary counts once, with the latest answer of each side (at temperature 0 the latest answer is the
/// model's answer). Discordant pairs are the canaries that flipped: `regressions` (the baseline right, the target
/// wrong) and `improvements` (the other way round).
public struct PairedCounts: Sendable, Equatable, Hashable, Codable {
    /// Canaries both sides answered (scored or not).
    public var pairs: Int
    /// Pairs whose normalised answers are equal.
    public var agreeing: Int
    public var bothRight: Int
    public var improvements: Int
    public var regressions: Int
    public var bothWrong: Int

    enum CodingKeys: String, CodingKey {
        case pairs, agreeing, improvements, regressions
        case bothRight = "both_right"
        case bothWrong = "both_wrong"
    }

    public init(
        pairs: Int = 0, agreeing: Int = 0, bothRight: Int = 0, improvements: Int = 0, regressions: Int = 0,
        bothWrong: Int = 0
    ) {
        self.pairs = pairs
        self.agreeing = agreeing
        self.bothRight = bothRight
        self.improvements = improvements
        self.regressions = regressions
        self.bothWrong = bothWrong
    }

    /// Pairs scored on both sides (the ones Δ is taken over).
    public var scored: Int { bothRight + improvements + regressions + bothWrong }
    public var discordant: Int { improvements + regressions }

    /// (target accuracy − baseline accuracy) × 100 over the scored pairs; nil without any.
    public var deltaPoints: Double? {
        scored == 0 ? nil : Double(improvements - regressions) / Double(scored) * 100
    }

    /// Share of pairs with the baseline's answer; nil without pairs.
    public var agreement: Double? { pairs == 0 ? nil : Double(agreeing) / Double(pairs) }

    /// Adds one canary's pair.
    public mutating func add(agree: Bool, target: Bool?, baseline: Bool?) {
        pairs += 1
        if agree { agreeing += 1 }
        guard let target, let baseline else { return }
        switch (target, baseline) {
        case (true, true): bothRight += 1
        case (true, false): improvements += 1
        case (false, true): regressions += 1
        case (false, false): bothWrong += 1
        }
    }
}
