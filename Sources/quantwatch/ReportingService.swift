import ServiceLifecycle

/// Runs a side service (the /metrics server) whose failure is reported and does not stop the monitor.
///
/// After a failure it waits to be shut down: ending early during the group's shutdown would count as a failure.
struct ReportingService<Wrapped: Service>: Service, CustomStringConvertible {
    let wrapped: Wrapped
    /// Names the service in the error line, e.g. `/metrics on 127.0.0.1:9464`.
    let label: String

    init(_ wrapped: Wrapped, label: String) {
        self.wrapped = wrapped
        self.label = label
    }

    var description: String { label }

    func run() async {
        do {
            try await wrapped.run()
        } catch {
            StandardError.print("quantwatch: \(label): \(error)")
            try? await gracefulShutdown()
        }
    }
}
