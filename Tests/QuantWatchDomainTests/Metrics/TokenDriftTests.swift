import Foundation
@testable import QuantWatchDomain
import Testing

struct TokenDriftTests {
    private func entry(_ token: String, _ top: [(String, Double)]) -> TokenLogprob {
        let alternatives = top.map { TokenLogprob.Alternative(token: $0.0, logprob: log($0.1)) }
        let own = top.first { $0.0 == token }?.1 ?? 0.01
        return TokenLogprob(token: token, logprob: log(own), top: alternatives)
    }

    @Test func klDivergenceMatchesHandComputation() {
        // P (baseline): A .6, B .3, C .05; Q (quant): A .5, B .2, D .2. Shared: A, B.
        // OTHER_P = 1 - .9 = .1 (C and the unlisted rest), OTHER_Q = 1 - .7 = .3 (D and the rest).
        // KL = .6 ln(.6/.5) + .3 ln(.3/.2) + .1 ln(.1/.3) = 0.121171237642
        let p = entry("A", [("A", 0.6), ("B", 0.3), ("C", 0.05)])
        let q = entry("A", [("A", 0.5), ("B", 0.2), ("D", 0.2)])
        #expect(abs(TokenDrift.klDivergence(baseline: p, quant: q) - 0.121171237642) < 1e-9)
    }

    @Test func identicalDistributionsHaveNoDivergence() {
        let p = entry("A", [("A", 0.7), ("B", 0.2)])
        #expect(abs(TokenDrift.klDivergence(baseline: p, quant: p)) < 1e-12)
    }

    @Test func emptyOtherBucketOnTheQuantSideIsGuardedByEpsilon() {
        // Q lists all its mass on shared tokens (OTHER_Q = 0) while P keeps .1 elsewhere:
        // KL = .5 ln(.5/.5) + .4 ln(.4/.5) + .1 ln(.1/1e-10) = .4 ln .8 + .1 ln 1e9
        let p = entry("A", [("A", 0.5), ("B", 0.4)])
        let q = entry("A", [("A", 0.5), ("B", 0.5)])
        let expected = 0.4 * log(0.8) + 0.1 * log(1e9)
        #expect(abs(TokenDrift.klDivergence(baseline: p, quant: q) - expected) < 1e-9)
    }

    @Test func topOneIsTheMostLikelyAlternative() {
        #expect(TokenDrift.top1(entry("A", [("A", 0.6), ("B", 0.3)])) == "A")
        // Sampled a less likely token: the top-1 is still B.
        #expect(TokenDrift.top1(entry("A", [("B", 0.6), ("A", 0.3)])) == "B")
        // Without alternatives the generated token stands.
        #expect(TokenDrift.top1(TokenLogprob(token: "Z", logprob: -0.1, top: [])) == "Z")
    }

    @Test func alignedPrefixEndsAtTheFirstDivergenceIncluded() {
        let base = ["a", "b", "c", "d"].map { entry($0, [($0, 0.9)]) }
        let quant = ["a", "b", "x", "y", "z"].map { entry($0, [($0, 0.9)]) }
        #expect(TokenDrift.alignedLength(base, quant) == 3)
        let drift = TokenDrift.compare(baseline: base, quant: quant)
        #expect(drift.positions == 3)
        #expect(drift.top1Matches == 2)
        #expect(drift.top1Agreement == 2.0 / 3.0)
        // No divergence: the shorter length.
        #expect(TokenDrift.alignedLength(base, Array(base.prefix(2))) == 2)
        #expect(TokenDrift.compare(baseline: base, quant: base).top1Agreement == 1)
        #expect(TokenDrift.compare(baseline: [], quant: base).top1Agreement == nil)
    }

    @Test func driftPoolsPositionsAcrossCanaries() {
        // Canary 1: 1 aligned position, KL k1, top-1 differs. Canary 2: 3 positions, KL 0, all agree.
        let p = entry("A", [("A", 0.6), ("B", 0.3), ("C", 0.05)])
        let q = entry("B", [("A", 0.3), ("B", 0.5)])
        let first = TokenDrift.compare(baseline: [p], quant: [q])
        #expect(first.positions == 1)
        #expect(first.top1Matches == 0)
        // Shared A, B: OTHER_P = .1, OTHER_Q = .2.
        let k1 = 0.6 * log(0.6 / 0.3) + 0.3 * log(0.3 / 0.5) + 0.1 * log(0.1 / 0.2)
        #expect(abs(first.klSum - k1) < 1e-9)
        let same = ["x", "y", "z"].map { entry($0, [($0, 0.8)]) }
        var pooled = first
        pooled.add(TokenDrift.compare(baseline: same, quant: same))
        #expect(pooled.positions == 4)
        #expect(pooled.top1Agreement == 0.75)
        #expect(abs((pooled.meanKLD ?? -1) - k1 / 4) < 1e-9)
    }
}
