import ArgumentParser

/// The `quantwatch` command line: wiring only; everything real lives in the library modules (Domain, Backends, Store,
/// Export, Simulator, TUI, Terminal).
@main
struct Quantwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantwatch",
        abstract: "Live dashboard for quantized LLM fleets: latency, errors and drift against the FP16 baseline.",
        subcommands: [
            RunCommand.self,
            DemoCommand.self,
            InitCommand.self,
            OnceCommand.self,
            CheckCommand.self,
            ReportCommand.self,
            BaselineCommand.self,
            HistoryCommand.self,
            SimCommand.self,
        ]
    )
}
