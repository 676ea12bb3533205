import ArgumentParser
import Foundation
import QuantWatchExport
import QuantWatchStore
import QuantWatchTUI

/// `quantwatch history`: stored probe results of one target (or all) as a table, JSON lines or CSV.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show stored probe results from the quantwatch database.",
        discussion: "Reads the database while `quantwatch run` writes it. Times in the table are local; JSON and CSV "
            + "use ISO-8601 UTC and milliseconds. Answers are stored normalised."
    )

    /// Output format, one flag each.
    enum Format: String, EnumerableFlag {
        case table, json, csv

        static func help(for value: Format) -> ArgumentHelp? {
            switch value {
            case .table: "Aligned text table (default)."
            case .json: "One JSON object per line, as `run --headless` prints results."
            case .csv: "CSV with a header line."
            }
        }
    }

    @Option(name: .long, help: "Target id (all targets when omitted).")
    var target: String?

    @Option(name: .long, help: "Start of the range: a look-back (30m, 1h, 2d) or an ISO-8601 time.")
    var since: String = "1h"

    @Flag(exclusivity: .exclusive)
    var format: Format = .table

    @Option(name: .long, help: "Database file (default: the fleet file's own, as `run` keeps it).")
    var db: String?

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        let start: Date
        do {
            start = try SinceSpec.parse(since)
        } catch {
            throw ValidationError(error.description)
        }
        // The same database `run` writes for this fleet file (given or discovered), unless one is named.
        let path = try db ?? ResultStore.defaultPath(forFleet: options.path())
        // StoreError describes itself (file, cause, what to do); ArgumentParser prints it and exits 1.
        let results = try StoreReader(path: path).results(target: target, since: start)
        switch format {
        case .table:
            print(HistoryTable().render(results), terminator: "")
        case .json:
            // The same lines as `run --headless` prints for results, so one jq filter reads both.
            let encoder = JSONLineEncoder()
            for result in results { print(encoder.line(ResultRecord(result))) }
        case .csv:
            print(ResultRecord.csvHeader)
            for result in results { print(ResultRecord(result).csvLine) }
        }
    }
}
