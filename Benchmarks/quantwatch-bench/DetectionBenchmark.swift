import ArgumentParser
import Foundation
import QuantWatchSimulator
import QuantWatchTestSupport

/// `quantwatch-bench detection`: how the alert rules trade false alarms against time to detect, on the
/// simulator driven by a manual clock (`SimulatedFleetRun`: real engines, real Aggregator, 1 probe/s).
struct DetectionBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detection",
        abstract: "False alarms per hour and time to detect, per drift size and suite size, over many seeds.")

    @Option(help: "Seeds per cell (each seed is another simulated model: which canaries flip).")
    var seeds = 20

    @Option(help: "Drift sizes in accuracy points (all categories).")
    var drifts: [Double] = [2, 5, 10, 25]

    @Option(help: "Canaries per suite taken from each of the four sample suites (4, 7, 14 = 16, 28, 56).")
    var perSuite: [Int] = [4, 7, 14]

    @Option(help: "Simulated minutes each drift run lasts after its onset.")
    var minutes = 10

    @Option(help: "Simulated hours of the steady runs (false alarms).")
    var hours = 1

    func validate() throws {
        guard seeds > 0, minutes > 0, hours > 0, perSuite.allSatisfy({ $0 > 0 && $0 <= 14 }) else {
            throw ValidationError("seeds, minutes and hours must be positive; --per-suite 1...14")
        }
    }

    func run() throws {
        let suites = try ["general", "math", "coding", "reasoning"].map { try SampleSuites.canaries([$0]) }
        let onset = 300
        print("Quality rules (accuracy_drop), drift onset at \(onset) s, \(seeds) seeds, 1 probe/s per target")
        print("")
        print("canaries  drift   realised Δ  warn ≤10m  crit ≤10m  warn p50  crit p50  crit p90")
        for size in perSuite {
            let canaries = suites.flatMap { $0.prefix(size) }
            for drift in drifts {
                var realised: [Double] = []
                var warnings: [Double] = []
                var criticals: [Double] = []
                for seed in 0..<seeds {
                    var run = SimulatedFleetRun(
                        targets: [
                            .init(id: "f16", profile: .fp16),
                            .init(id: "quant", profile: .fp16, baseline: "f16"),
                        ],
                        canaries: Array(canaries),
                        faults: FaultScript(windows: [
                            FaultWindow(
                                start: .seconds(onset), model: "quant",
                                fault: .accuracyDrop(category: nil, points: drift))
                        ]), seed: UInt64(seed) &* 7919 &+ 1)
                    run.run(seconds: onset + minutes * 60)
                    realised.append(run.snapshot().targets[1].overall.deltaPoints ?? 0)
                    let warn = run.events.first { $0.rule == "accuracy_drop" && $0.to >= .warning }
                    if let warn { warnings.append(warn.at.timeIntervalSince(run.epoch) - Double(onset)) }
                    if let critical = run.secondsToFirst(.critical, rule: .accuracyDrop, target: "quant") {
                        criticals.append(critical - Double(onset))
                    }
                }
                print(
                    String(
                        format: "%8d  %5.0f  %10.1f  %8.0f%%  %8.0f%%  ", canaries.count, drift,
                        percentile(realised, 0.5) ?? 0, 100 * Double(warnings.count) / Double(seeds),
                        100 * Double(criticals.count) / Double(seeds))
                        + [percentile(warnings, 0.5), percentile(criticals, 0.5), percentile(criticals, 0.9)]
                        .map { pad(seconds($0), 8) }.joined(separator: "  "))
            }
        }
        print("")
        print("False alarms per hour on steady fleets (\(hours) h x \(seeds) seeds, 56 canaries, any quality rule):")
        let all = suites.flatMap { $0 }
        let identical = QuantProfile(
            name: "q8_0", label: "Q8_0", tokensPerSecond: 78, ttftMedianMilliseconds: 95,
            accuracy: QuantProfile.fp16.accuracy, defaultAccuracy: QuantProfile.fp16.defaultAccuracy,
            targetKLD: 0.0014)
        for (name, profile) in [("identical answers (Q8_0)", identical), ("2-point true gap (Q4_K_M)", .q4_k_m)] {
            var warnings = 0
            var criticals = 0
            var alarmed: [String] = []
            for seed in 0..<seeds {
                var run = SimulatedFleetRun(
                    targets: [.init(id: "f16", profile: .fp16), .init(id: "quant", profile: profile, baseline: "f16")],
                    canaries: all, seed: UInt64(seed) &* 7919 &+ 1)
                run.run(seconds: hours * 3600)
                let quality = run.alarms().filter { $0.rule == "accuracy_drop" || $0.rule == "agreement" }
                warnings += quality.filter { $0.to == .warning }.count
                criticals += quality.filter { $0.to == .critical }.count
                if !quality.isEmpty {
                    // Which canaries this seed's draws flipped: a real gap on this suite, or noise?
                    let paired = run.snapshot().targets[1].overall.paired
                    alarmed.append(
                        "seed \(seed): \(paired?.regressions ?? 0) worse, \(paired?.improvements ?? 0) better of "
                            + "\(paired?.scored ?? 0)")
                }
            }
            let perHour = Double(seeds * hours)
            print(
                "  " + name.padding(toLength: 27, withPad: " ", startingAt: 0)
                    + String(
                        format: "warnings %.2f/h  critical %.2f/h", Double(warnings) / perHour,
                        Double(criticals) / perHour)
                    + (alarmed.isEmpty ? "" : "  (" + alarmed.joined(separator: "; ") + ")"))
        }
        print("")
        print("Error-rate rule (threshold 1%, 5m window), \(seeds) seeds:")
        for share in [0.005, 0.03, 0.10] {
            var warned: [Double] = []
            var falseAlarms = 0
            for seed in 0..<seeds {
                var run = SimulatedFleetRun(
                    targets: [.init(id: "remote", profile: .q4_k_m)], canaries: all,
                    faults: FaultScript(windows: [
                        FaultWindow(start: .seconds(onset), model: "remote", fault: .errors(share: share, status: 500))
                    ]), seed: UInt64(seed) &* 7919 &+ 1)
                run.run(seconds: share < 0.01 ? hours * 3600 : onset + minutes * 60)
                let alarms = run.alarms(.errorRate)
                if share < 0.01 { falseAlarms += alarms.count }
                if let first = alarms.first { warned.append(first.at.timeIntervalSince(run.epoch) - Double(onset)) }
            }
            if share < 0.01 {
                print(
                    String(
                        format: "  %4.1f%% errors: %.2f alarms/h", share * 100,
                        Double(falseAlarms) / Double(seeds * hours)))
            } else {
                print(
                    String(
                        format: "  %4.1f%% errors: warned in %.0f%% of runs, ", share * 100,
                        100 * Double(warned.count) / Double(seeds))
                        + "p50 \(seconds(percentile(warned, 0.5))), p90 \(seconds(percentile(warned, 0.9))) after onset"
                )
            }
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: Swift.max(0, width - text.count)) + text
    }

    private func percentile(_ values: [Double], _ share: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[Swift.min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded()))]
    }

    private func seconds(_ value: Double?) -> String {
        value.map { String(format: "%.0f s", $0) } ?? "never"
    }
}
