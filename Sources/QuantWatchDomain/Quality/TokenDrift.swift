import Foundation

/// Token-level drift of a quantized generation against its baseline's generation for the same canary.
///
/// **Aligned prefix.** Position `i` of the two generations is comparable only while both were conditioned on
/// the same text, i.e. while the generated tokens before `i` are equal. With `d` the first position whose
/// generated tokens differ, the aligned prefix is positions `0...d` (`d` included: both distributions there
/// still share their context; it is where they part), or `0..<min(lengths)` when they never differ.
///
/// **Top-1 agreement** counts the aligned positions whose most likely tokens are equal. The most likely token is
/// the highest log-probability among the reported alternatives and the generated token (ties go to the
/// generated token). Under greedy decoding that is the generated token, so a canary that diverges at `d` scores
/// `d` of `d + 1`.
///
/// **KL divergence** at a position is KL(P ‖ Q), P the baseline, Q the quant, over a shared partition: the
/// tokens present in *both* top-k lists, each on its own, and one OTHER bucket holding the rest of the mass on
/// each side (a token in one list only is part of OTHER on the side that listed it, as the other side's OTHER
/// already holds its unknown probability). So OTHER_P = 1 - Σ P(shared), OTHER_Q = 1 - Σ Q(shared), each floored
/// at 0 against rounding. KL = Σ p·(ln p - ln q) with p, q floored at `epsilon` inside the logarithm and terms
/// with p = 0 dropped; the result is floored at 0. Coarsening can only lower KL, so this is a lower bound on
/// the divergence of the full distributions.
///
/// Figures from several canaries add up (`add`), and the means are over all their aligned positions pooled.
public struct TokenDrift: Sendable, Equatable {
    /// Guards ln(0) in the KL sum.
    public static let epsilon = 1e-10

    /// Aligned positions compared.
    public var positions: Int
    /// Aligned positions whose top-1 tokens agree.
    public var top1Matches: Int
    /// Sum of the per-position KL divergences.
    public var klSum: Double

    public init(positions: Int = 0, top1Matches: Int = 0, klSum: Double = 0) {
        self.positions = positions
        self.top1Matches = top1Matches
        self.klSum = klSum
    }

    /// Share of aligned positions whose top-1 tokens agree; nil without positions.
    public var top1Agreement: Double? { positions == 0 ? nil : Double(top1Matches) / Double(positions) }

    /// Mean KL divergence per aligned position; nil without positions.
    public var meanKLD: Double? { positions == 0 ? nil : klSum / Double(positions) }

    public mutating func add(_ other: TokenDrift) {
        positions += other.positions
        top1Matches += other.top1Matches
        klSum += other.klSum
    }

    /// Drift of `quant` against `baseline` (both the per-token logprobs of one canary's answer).
    public static func compare(baseline: [TokenLogprob], quant: [TokenLogprob]) -> TokenDrift {
        let aligned = alignedLength(baseline, quant)
        var drift = TokenDrift()
        for position in 0..<aligned {
            drift.positions += 1
            if top1(baseline[position]) == top1(quant[position]) { drift.top1Matches += 1 }
            drift.klSum += klDivergence(baseline: baseline[position], quant: quant[position])
        }
        return drift
    }

    /// Length of the aligned prefix: up to and including the first position whose generated tokens differ.
    public static func alignedLength(_ first: [TokenLogprob], _ second: [TokenLogprob]) -> Int {
        let common = Swift.min(first.count, second.count)
        for position in 0..<common where first[position].token != second[position].token {
            return position + 1
        }
        return common
    }

    /// The most likely token at a position: highest logprob among the alternatives and the generated token.
    public static func top1(_ entry: TokenLogprob) -> String {
        var best = entry.token
        var bestLogprob = entry.logprob
        for alternative in entry.top where alternative.logprob > bestLogprob {
            best = alternative.token
            bestLogprob = alternative.logprob
        }
        return best
    }

    /// KL(P ‖ Q) at one position over shared top-k tokens plus an OTHER bucket (see the type's notes).
    public static func klDivergence(baseline: TokenLogprob, quant: TokenLogprob) -> Double {
        // Top-k lists are short: nested loops over them, without building any collection, are the cheapest.
        var sharedP = 0.0
        var sharedQ = 0.0
        var divergence = 0.0
        forEachCandidate(baseline) { token, probabilityP in
            guard let probabilityQ = candidateProbability(quant, token) else { return }
            sharedP += probabilityP
            sharedQ += probabilityQ
            divergence += term(probabilityP, probabilityQ)
        }
        divergence += term(Swift.max(0, 1 - sharedP), Swift.max(0, 1 - sharedQ))
        return Swift.max(0, divergence)
    }

    /// p · (ln p − ln q) with both floored at epsilon inside the logarithm; 0 when p is 0.
    private static func term(_ p: Double, _ q: Double) -> Double {
        guard p > 0 else { return 0 }
        return p * (log(Swift.max(p, epsilon)) - log(Swift.max(q, epsilon)))
    }

    /// Calls `body` once per distinct candidate token of a position (the listed alternatives and the generated
    /// token) with its probability; a token listed twice keeps its best.
    private static func forEachCandidate(_ entry: TokenLogprob, _ body: (String, Double) -> Void) {
        var generatedListed = false
        for (index, alternative) in entry.top.enumerated() {
            if alternative.token == entry.token { generatedListed = true }
            if entry.top[..<index].contains(where: { $0.token == alternative.token }) { continue }
            if let probability = candidateProbability(entry, alternative.token) { body(alternative.token, probability) }
        }
        if !generatedListed { body(entry.token, probability(entry.logprob)) }
    }

    /// Probability of `token` among a position's candidates; nil when it is not one of them.
    private static func candidateProbability(_ entry: TokenLogprob, _ token: String) -> Double? {
        var best: Double?
        for alternative in entry.top where alternative.token == token {
            best = Swift.max(best ?? 0, probability(alternative.logprob))
        }
        if best == nil && entry.token == token { best = probability(entry.logprob) }
        return best
    }

    /// exp(logprob) within 0...1; a NaN from a broken server counts as 0.
    private static func probability(_ logprob: Double) -> Double {
        logprob.isNaN ? 0 : Swift.min(exp(logprob), 1)
    }
}
