import ArgumentParser

@main
struct Quantwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantwatch",
        abstract: "Live dashboard for quantized LLM fleets: latency, errors and drift against the FP16 baseline.",
        subcommands: [HistoryCommand.self, StoreWriterCommand.self]
    )
}
