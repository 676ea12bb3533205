import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// A piece of a response with the instant it arrived on the event loop.
enum StampedPart: Sendable {
    case head(HTTPResponseHead, at: ContinuousClock.Instant)
    case body(ByteBuffer, at: ContinuousClock.Instant)
}

/// Receives a response on the event loop, stamps each part as it arrives and hands the parts to the consuming task
/// through a bounded buffer.
///
/// The async API's body sequence is read after the hop from the event loop to the consuming task, so a busy
/// cooperative pool delays every instant taken there (a target probed back to back read +3.3 ms TTFT). These
/// callbacks run on the event loop that read the bytes, so the instant is taken where they arrive; they also reset
/// the read-idle clock. Backpressure: once `highWatermark` parts wait, a callback returns an unfulfilled future and
/// AsyncHTTPClient stops reading the socket until the consumer has drained to `lowWatermark`, so a huge body never
/// buffers more than that many reads.
final class StampedResponseDelegate: HTTPClientResponseDelegate {
    typealias Response = Void
    typealias Parts = NIOThrowingAsyncSequenceProducer<
        StampedPart, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, ReadDemand
    >

    private let source: Parts.Source
    private let demand: ReadDemand
    private let timeline: AttemptTimeline

    private init(source: Parts.Source, demand: ReadDemand, timeline: AttemptTimeline) {
        self.source = source
        self.demand = demand
        self.timeline = timeline
    }

    /// A delegate and the sequence its parts come out of (the consumer alone may hold the sequence: dropping it
    /// cancels the request).
    static func make(
        timeline: AttemptTimeline, lowWatermark: Int = 2, highWatermark: Int = 16
    ) -> (delegate: StampedResponseDelegate, parts: Parts) {
        let demand = ReadDemand()
        let made = Parts.makeSequence(
            elementType: StampedPart.self, failureType: (any Error).self,
            backPressureStrategy: .init(lowWatermark: lowWatermark, highWatermark: highWatermark),
            finishOnDeinit: true, delegate: demand)
        return (StampedResponseDelegate(source: made.source, demand: demand, timeline: timeline), made.sequence)
    }

    /// Ties the delegate to its request: the request is cancelled when the consumer stops reading, and the parts end
    /// with the request (also on paths that call no delegate method, such as a client already shut down).
    func attach(_ task: HTTPClient.Task<Void>) {
        demand.attach(task)
        let source = source
        task.futureResult.whenComplete { result in
            switch result {
            case .success: source.finish()
            case .failure(let error): source.finish(error)
            }
        }
    }

    func didReceiveHead(task: HTTPClient.Task<Void>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        timeline.touch(now)
        return deliver(.head(head, at: now), on: task.eventLoop)
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Void>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let now = ContinuousClock.now
        timeline.touch(now)
        return deliver(.body(buffer, at: now), on: task.eventLoop)
    }

    func didReceiveError(task: HTTPClient.Task<Void>, _ error: any Error) {
        source.finish(error)
    }

    func didFinishRequest(task: HTTPClient.Task<Void>) throws {
        source.finish()
    }

    /// Hands `part` to the consumer; the future completes when AsyncHTTPClient may read the next one.
    func deliver(_ part: StampedPart, on loop: any EventLoop) -> EventLoopFuture<Void> {
        demand.expectResume()
        switch source.yield(part) {
        case .produceMore:
            return loop.makeSucceededVoidFuture()
        case .stopProducing:
            return demand.waitForResume(on: loop)
        case .dropped:
            // The consumer is gone; `ReadDemand.didTerminate` has cancelled the request.
            return loop.makeSucceededVoidFuture()
        }
    }
}
