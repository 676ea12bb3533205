import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Logs a report as one MLflow run through the tracking server's REST API (`/api/2.0/mlflow/...`):
/// `experiments/get-by-name` (or `create`), `runs/create`, `runs/log-batch`, `runs/update`.
///
/// Credentials only from the environment: `MLFLOW_TRACKING_TOKEN` (bearer) or `MLFLOW_TRACKING_USERNAME` and
/// `MLFLOW_TRACKING_PASSWORD` (basic), as MLflow's own clients read them; never in a message.
public struct MLflowClient: Sendable {
    /// Why logging failed, in words for the user.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One logged run.
    public struct LoggedRun: Sendable, Equatable {
        public var experimentID: String
        public var runID: String
    }

    let base: String
    let httpClient: HTTPClient
    let headers: HTTPHeaders
    /// MLflow's batch limits: 1000 metrics, 100 params, 100 tags per request.
    static let metricsPerBatch = 1000
    static let paramsPerBatch = 100

    public init(url: String, httpClient: HTTPClient, environment: [String: String]) {
        var root = url.trimmingCharacters(in: .whitespaces)
        while root.hasSuffix("/") { root.removeLast() }
        base = root
        self.httpClient = httpClient
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "user-agent", value: "quantwatch")
        if let token = environment["MLFLOW_TRACKING_TOKEN"], !token.isEmpty {
            headers.add(name: "authorization", value: "Bearer \(token)")
        } else if let user = environment["MLFLOW_TRACKING_USERNAME"],
            let password = environment["MLFLOW_TRACKING_PASSWORD"]
        {
            let credentials = Data("\(user):\(password)".utf8).base64EncodedString()
            headers.add(name: "authorization", value: "Basic \(credentials)")
        }
        self.headers = headers
    }

    /// Logs `record` as a new, finished run of `experiment` (created when missing).
    public func log(_ record: MLflowRunRecord, experiment: String, at date: Date = Date()) async throws(Failure)
        -> LoggedRun
    {
        let experimentID = try await experimentID(named: experiment)
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let created = try await call(
            "runs/create",
            [
                "experiment_id": experimentID, "run_name": record.runName, "start_time": milliseconds,
                "tags": [
                    ["key": "mlflow.runName", "value": record.runName],
                    ["key": "mlflow.source.name", "value": "quantwatch report"],
                ],
            ])
        guard let runID = ((created["run"] as? [String: Any])?["info"] as? [String: Any])?["run_id"] as? String else {
            throw Failure(message: "MLflow runs/create answered without a run id")
        }
        do throws(Failure) {
            var params = record.params[...]
            var metrics = record.metrics[...]
            var tags: [MLflowRunRecord.Entry]? = record.tags
            while !params.isEmpty || !metrics.isEmpty || tags != nil {
                let somePar = params.prefix(Self.paramsPerBatch)
                let someMet = metrics.prefix(Self.metricsPerBatch - somePar.count)
                params = params.dropFirst(somePar.count)
                metrics = metrics.dropFirst(someMet.count)
                _ = try await call(
                    "runs/log-batch",
                    [
                        "run_id": runID,
                        "params": somePar.map { ["key": $0.key, "value": $0.value] },
                        "metrics": someMet.map {
                            ["key": $0.key, "value": $0.value, "timestamp": milliseconds, "step": 0] as [String: Any]
                        },
                        "tags": (tags ?? []).map { ["key": $0.key, "value": $0.value] },
                    ])
                tags = nil
            }
            _ = try await call(
                "runs/update",
                ["run_id": runID, "status": "FINISHED", "end_time": Int64(Date().timeIntervalSince1970 * 1000)])
        } catch {
            // Leave no run looking alive: mark it failed, then say what went wrong first.
            _ = try? await call("runs/update", ["run_id": runID, "status": "FAILED"])
            throw error
        }
        return LoggedRun(experimentID: experimentID, runID: runID)
    }

    /// The id of the experiment called `name`, created when it does not exist yet.
    func experimentID(named name: String) async throws(Failure) -> String {
        let query = name.addingPercentEncoding(
            withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&+=")))
        do throws(CallFailure) {
            let found = try await request("experiments/get-by-name?experiment_name=\(query ?? name)", nil)
            if let id = (found["experiment"] as? [String: Any])?["experiment_id"] as? String { return id }
        } catch {
            guard error.code == "RESOURCE_DOES_NOT_EXIST" else { throw error.failure }
            let created = try await call("experiments/create", ["name": name])
            if let id = created["experiment_id"] as? String { return id }
        }
        throw Failure(message: "MLflow did not return an experiment id for '\(name)'")
    }

    /// A failure with MLflow's own `error_code`, when it sent one.
    struct CallFailure: Error {
        var failure: Failure
        var code: String?
    }

    private func call(_ endpoint: String, _ body: [String: Any]?) async throws(Failure) -> [String: Any] {
        do throws(CallFailure) {
            return try await request(endpoint, body)
        } catch {
            throw error.failure
        }
    }

    private func request(_ endpoint: String, _ body: [String: Any]?) async throws(CallFailure) -> [String: Any] {
        let name = String(endpoint.prefix { $0 != "?" })
        var request = HTTPClientRequest(url: "\(base)/api/2.0/mlflow/\(endpoint)")
        request.headers = headers
        if let body {
            request.method = .POST
            guard let data = try? JSONSerialization.data(withJSONObject: body) else {
                throw CallFailure(failure: Failure(message: "MLflow \(name): request not encodable"), code: nil)
            }
            request.body = .bytes(ByteBuffer(bytes: data))
        }
        let status: HTTPResponseStatus
        let bytes: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: .seconds(30))
            status = response.status
            bytes = try await response.body.collect(upTo: 8 << 20)
        } catch {
            throw CallFailure(
                failure: Failure(message: "MLflow at \(base) is unreachable (\(name): \(Self.describe(error)))"),
                code: nil)
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any]
        guard status == .ok else {
            let code = object?["error_code"] as? String
            let message = (object?["message"] as? String).map { ": \($0.prefix(300))" } ?? ""
            throw CallFailure(
                failure: Failure(
                    message: "MLflow \(name) failed with HTTP \(status.code)\(code.map { " \($0)" } ?? "")\(message)"),
                code: code)
        }
        guard let object else {
            throw CallFailure(failure: Failure(message: "MLflow \(name) answered with no JSON object"), code: nil)
        }
        return object
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return "\(error)" }
        return String(describing: error)
    }
}
