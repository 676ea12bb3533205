import ArgumentParser
import Foundation
import QuantWatchDomain
import QuantWatchExport

/// `quantwatch rules`: the Prometheus recording and alerting rules equivalent to the fleet's `alerts:`.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Write Prometheus recording and alerting rules equivalent to the fleet's alerts.",
        discussion: """
            Load the output in Prometheus (rule_files:) beside a scrape job of the headless probes; alerts then \
            page through Alertmanager, and the recording rules pre-compute the quantiles and error ratios that \
            `quantwatch top --prometheus URL` reads. Check it with `promtool check rules FILE`.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: "Scrape job name of the probes in prometheus.yml (for the probe-down alert).")
    var job = "quantwatch"

    @Option(name: .shortAndLong, help: "Write the rules to this file instead of standard output.")
    var output: String?

    func run() throws {
        let config = try options.load()
        let text = PrometheusRules.render(config, job: job)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            StandardError.print("quantwatch: cannot write \(output): \(error.localizedDescription)")
            throw ExitStatus.configError
        }
    }
}
