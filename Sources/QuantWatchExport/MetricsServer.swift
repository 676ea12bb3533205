import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// Serves `GET /metrics` (the exporter's text exposition) over HTTP/1.1 with Hummingbird.
///
/// Run it with `run()` (until cancelled or gracefully shut down) or put it in a `ServiceGroup` next to the
/// monitor; `onBound` receives the address actually bound (the real port when asked for port 0).
public struct MetricsServer: Service {
    public let address: MetricsAddress
    private let exporter: MetricsExporter
    private let logger: Logger
    private let onBound: @Sendable (MetricsAddress) async -> Void

    /// - Parameters:
    ///   - address: where to listen (validated with `MetricsAddress(parsing:)`).
    ///   - exporter: what to serve.
    ///   - logger: server messages (never stdout while the TUI owns the terminal).
    ///   - onBound: called once listening, with the bound host and port.
    public init(
        address: MetricsAddress = .default, exporter: MetricsExporter,
        logger: Logger = Logger(label: "quantwatch.metrics"),
        onBound: @escaping @Sendable (MetricsAddress) async -> Void = { _ in }
    ) {
        self.address = address
        self.exporter = exporter
        self.logger = logger
        self.onBound = onBound
    }

    /// Listens until the task is cancelled or the service group shuts down; throws when the address cannot be bound.
    public func run() async throws {
        let router = Router()
        let exporter = exporter
        router.get("/metrics") { _, _ -> Response in
            Self.textResponse(exporter.render(), contentType: MetricsExporter.contentType)
        }
        router.get("/") { _, _ -> Response in
            Self.textResponse("quantwatch: Prometheus metrics at /metrics\n", contentType: "text/plain; charset=utf-8")
        }
        let requested = address
        let onBound = onBound
        let logger = logger
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(address.host, port: address.port),
                serverName: "quantwatch"),
            onServerRunning: { channel in
                let bound = MetricsAddress(host: requested.host, port: channel.localAddress?.port ?? requested.port)
                logger.info("serving Prometheus metrics", metadata: ["address": "\(bound)"])
                await onBound(bound)
            },
            logger: logger
        )
        try await application.run()
    }

    private static func textResponse(_ text: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
