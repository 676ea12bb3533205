import Hummingbird
import NIOCore

/// Request context that keeps the connection's channel, so a fault can reset it mid-stream.
public struct SimRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}
