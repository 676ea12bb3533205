import ArgumentParser
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport

/// `quantwatch once`: one round over every target and canary, as a table or JSON; the exit code is the verdict.
struct OnceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "once",
        abstract: "Probe every target with every canary once; exit 0 ok, 1 warning, 2 critical, 3 config error."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let config = try options.load()
        let runtime = FleetRuntime(config: config)
        let monitor = MonitorActor(config: config, backends: runtime.backends, identify: runtime.identify)
        let (results, snapshot) = await monitor.runOnce()
        await runtime.shutdown()
        if json {
            StandardOutput.line(JSONLineEncoder().line(OnceReport(snapshot: snapshot, results: results)))
        } else {
            print(OnceTable.render(snapshot: snapshot, results: results, thresholds: config.alerts))
        }
        throw ExitStatus.forState(snapshot.fleetState)
    }
}

/// The JSON body of `once --json`: the fleet summary and every result.
struct OnceReport: Encodable {
    let snapshot: SnapshotRecord
    let results: [ResultRecord]

    init(snapshot: Snapshot, results: [ProbeResult]) {
        self.snapshot = SnapshotRecord(snapshot)
        self.results = results.map(ResultRecord.init)
    }
}
