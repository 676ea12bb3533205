import Dispatch
import Foundation

/// Turns SIGTERM, SIGINT, SIGHUP and SIGWINCH into mailbox posts through DispatchSource (no work in a
/// signal handler); `stop()` puts the default handlers back.
final class SignalWatcher {
    private static let ending: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    private let sources: [any DispatchSourceSignal]

    init(mailbox: DashboardMailbox) {
        var sources: [any DispatchSourceSignal] = []
        for number in SignalWatcher.ending + [SIGWINCH] {
            // The default action would kill the process before the terminal is restored.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if number == SIGWINCH { mailbox.postResize() } else { mailbox.postSignal(number) }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func stop() {
        for source in sources { source.cancel() }
        for number in SignalWatcher.ending + [SIGWINCH] { signal(number, SIG_DFL) }
    }
}
