import ArgumentParser

/// `quantwatch-fixtures`: the testing aids the end-to-end tests run, kept out of the `quantwatch` product so
/// the shipped binary holds no test code and its `--help` lists only user commands.
@main
struct QuantwatchFixtures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantwatch-fixtures",
        abstract: "Testing aids for quantwatch's end-to-end tests (not shipped).",
        subcommands: [
            FixtureDashboardCommand.self,
            StoreWriterCommand.self,
        ]
    )
}
