import NIOCore
import NIOHTTP1

/// Collects each request on one connection and hands it to a task that plays the scripts in order.
final class ScriptedConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let recorder: ServerRecorder
    private let handler: ScriptedHTTPServer.Handler
    private let requests: AsyncStream<RecordedRequest>
    private let continuation: AsyncStream<RecordedRequest>.Continuation
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(recorder: ServerRecorder, handler: @escaping ScriptedHTTPServer.Handler) {
        self.recorder = recorder
        self.handler = handler
        (requests, continuation) = AsyncStream.makeStream(of: RecordedRequest.self)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        let requests = requests
        let recorder = recorder
        let handler = handler
        recorder.opened(channel)
        Task {
            for await request in requests {
                let script = await handler(request)
                let keepAlive = await ScriptRunner(channel: channel, recorder: recorder, request: request.index)
                    .run(script)
                if !keepAlive { break }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        recorder.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.removeAll()
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let requestHead = head else { return }
            let request = RecordedRequest(
                index: recorder.nextIndex(), method: requestHead.method.rawValue, uri: requestHead.uri,
                headers: requestHead.headers.map { (name: $0.name, value: $0.value) }, body: body,
                receivedAt: .now)
            recorder.record(request)
            head = nil
            body = []
            continuation.yield(request)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that resets or sends garbage just loses its connection; the server goes on.
        context.close(promise: nil)
    }
}
