import AsyncHTTPClient
import NIOCore
import Synchronization

/// The consumer's side of a stamped response's backpressure: resumes reading when the consumer has drained the
/// buffer, and cancels the request when the consumer stops reading.
///
/// A resume can come on the consumer's thread between the event loop's `yield` saying "stop" and its asking to wait,
/// so a resume with nobody waiting is remembered until the next part (`expectResume` clears it before each yield).
final class ReadDemand: NIOAsyncSequenceProducerDelegate {
    private struct State {
        var waiting: EventLoopPromise<Void>?
        var resumed = false
        var terminated = false
        var task: HTTPClient.Task<Void>?
    }

    private let state = Mutex(State())

    /// Forgets an earlier resume: called on the event loop just before each part is yielded.
    func expectResume() {
        state.withLock { $0.resumed = false }
    }

    /// A future that completes when the consumer wants more parts (at once if it already asked, or has gone).
    func waitForResume(on loop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = loop.makePromise(of: Void.self)
        let proceed = state.withLock { state -> Bool in
            if state.resumed || state.terminated { return true }
            state.waiting = promise
            return false
        }
        if proceed { promise.succeed() }
        return promise.futureResult
    }

    /// Cancels `task` when the consumer stops reading (at once if it already has).
    func attach(_ task: HTTPClient.Task<Void>) {
        let cancelNow = state.withLock { state -> Bool in
            state.task = task
            return state.terminated
        }
        if cancelNow { task.cancel() }
    }

    func produceMore() {
        let promise = state.withLock { state -> EventLoopPromise<Void>? in
            guard let waiting = state.waiting else {
                state.resumed = true
                return nil
            }
            state.waiting = nil
            return waiting
        }
        promise?.succeed()
    }

    func didTerminate() {
        let (promise, task) = state.withLock { state in
            state.terminated = true
            defer { state.waiting = nil }
            return (state.waiting, state.task)
        }
        promise?.succeed()
        // A finished request ignores this; one still streaming is stopped and its connection closed.
        task?.cancel()
    }
}
