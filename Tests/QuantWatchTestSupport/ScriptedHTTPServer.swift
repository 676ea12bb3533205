import NIOCore
import NIOHTTP1
import NIOPosix

/// A raw HTTP/1.1 server on 127.0.0.1 (random port) that answers each request with a script, for tests and
/// benchmarks of clients: slow heads, chunked streams with injected delays, resets, stalls, broken framing.
///
/// ```swift
/// let server = try await ScriptedHTTPServer.start { request in
///     .sse([ScriptedResponse.event(#"{"content":"hi","stop":true}"#)], firstDelay: .milliseconds(50))
/// }
/// defer { Task { await server.shutdown() } }   // or await it at the end of the test
/// // ... point a client at server.baseURL; then assert on server.requests
/// ```
/// The handler runs once per request (method, path, headers and body are in `RecordedRequest`), may be async,
/// and must be `Sendable`: keep per-test state in an actor or a `Mutex`. Requests on one connection are served
/// in order; a script that ends with `.reset`, `.close` or `.stall` ends its connection.
public final class ScriptedHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) async -> ScriptedResponse

    /// The bound port.
    public let port: Int
    private let channel: any Channel
    private let recorder: ServerRecorder

    private init(port: Int, channel: any Channel, recorder: ServerRecorder) {
        self.port = port
        self.channel = channel
        self.recorder = recorder
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Binds 127.0.0.1 on `port` (0: a free one) and starts serving.
    public static func start(port: Int = 0, handler: @escaping Handler) async throws -> ScriptedHTTPServer {
        let recorder = ServerRecorder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    try child.pipeline.syncOperations.addHandler(
                        ScriptedConnectionHandler(recorder: recorder, handler: handler))
                }
            }
            .bind(host: "127.0.0.1", port: port)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ScriptedServerError.noPort
        }
        return ScriptedHTTPServer(port: port, channel: channel, recorder: recorder)
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { recorder.requests }

    /// Server-side instants of the `.mark` steps played for request `index` (see `RecordedRequest.index`).
    public func marks(forRequest index: Int) -> [String: ContinuousClock.Instant] {
        recorder.marks(request: index)
    }

    /// Stops listening and closes every open connection (stalled ones included).
    public func shutdown() async {
        try? await channel.close()
        for connection in recorder.openConnections {
            try? await connection.close()
        }
    }
}

/// Why the scripted server could not start.
public enum ScriptedServerError: Error, Sendable {
    case noPort
}
