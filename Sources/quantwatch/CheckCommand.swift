import ArgumentParser
import QuantWatchDomain
import QuantWatchExport

/// `quantwatch check`: validate the fleet file and reach every target once.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the fleet file and check every target is reachable (exit 3 on a config error)."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let config = try options.load()
        let runtime = FleetRuntime(config: config)
        let checks = await withTaskGroup(of: (Int, Result<Void, ProbeFailure>).self) { group in
            for (index, target) in config.targets.enumerated() {
                guard let backend = runtime.backends[target.id] else { continue }
                group.addTask { (index, await backend.checkReachable()) }
            }
            var collected: [Int: Result<Void, ProbeFailure>] = [:]
            for await (index, result) in group { collected[index] = result }
            return collected
        }
        await runtime.shutdown()
        var table = TextTable(
            headers: ["target", "backend", "url", "canaries", "reachable"],
            alignments: [.left, .left, .left, .right, .left])
        var unreachable = 0
        for (index, target) in config.targets.enumerated() {
            let status: String
            switch checks[index] {
            case .success?: status = "yes"
            case .failure(let failure)?:
                unreachable += 1
                status = "no: \(failure.errorClass.rawValue): \(failure.message)"
            case nil: status = Figures.missing
            }
            table.append([
                target.id, target.backend.rawValue, target.url, String(config.canaries(for: target).count), status,
            ])
        }
        print("config \(config.path): ok, \(config.targets.count) targets")
        print(table.render())
        for target in config.targets {
            guard let recorded = target.recordedBaseline else { continue }
            let unpaired = recorded.unpaired(config.canaries(for: target))
            print("\(target.id): vs \(recorded.label) (\(recorded.path))")
            guard !unpaired.isEmpty else { continue }
            print("  \(unpaired.count) canaries unpaired (left out of every figure):")
            for canary in unpaired { print("    \(canary.id): \(canary.reason.sentence)") }
        }
        if unreachable > 0 { throw ExitCode(1) }
    }
}
