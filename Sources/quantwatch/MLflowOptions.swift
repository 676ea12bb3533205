import ArgumentParser
import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport

/// `report --mlflow URL [--mlflow-experiment NAME]`: log the report as one MLflow run.
struct MLflowOptions: ParsableArguments {
    @Option(name: .customLong("mlflow"), help: "MLflow tracking server URL: log the report as a run there.")
    var url: String?

    @Option(name: .customLong("mlflow-experiment"), help: "MLflow experiment (created when missing).")
    var experiment = "quantwatch"

    /// Logs the report and returns whether the run was logged.
    ///
    /// An MLflow failure is a message on stderr (the report is printed already), never a crash.
    @discardableResult
    func log(_ report: QuantizationReport, config: FleetConfig, url: String) async -> Bool {
        let backends = Dictionary(config.targets.map { ($0.id, $0.backend.rawValue) }, uniquingKeysWith: { a, _ in a })
        let models = Dictionary(config.targets.map { ($0.id, $0.model) }, uniquingKeysWith: { a, _ in a })
        let canaries = config.targets.first { $0.id == report.targetID }.map { config.canaries(for: $0) } ?? []
        let record = MLflowRunRecord(
            report: report, backends: backends, models: models, suitesHash: PromptHash.suites(canaries),
            quantwatchVersion: BaselineRecorder.quantwatchVersion)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let mlflow = MLflowClient(url: url, httpClient: client, environment: ProcessInfo.processInfo.environment)
        do {
            let run = try await mlflow.log(record, experiment: experiment)
            StandardError.print("mlflow: logged run \(run.runID) in experiment '\(experiment)' (\(run.experimentID))")
            try? await client.shutdown()
            return true
        } catch {
            StandardError.print("mlflow: the report was not logged: \(error.message)")
            try? await client.shutdown()
            return false
        }
    }
}
