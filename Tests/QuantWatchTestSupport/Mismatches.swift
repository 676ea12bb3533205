import Synchronization

/// What a randomized comparison found different, collected where `#expect` cannot be used (on a thread of
/// `OffThePool`, outside the test's task), then expected empty by the test itself.
public final class Mismatches: Sendable {
    private let found = Mutex<[String]>([])

    public init() {}

    public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        let text = message()
        found.withLock { $0.append(text) }
    }

    public func record(_ message: String) {
        found.withLock { $0.append(message) }
    }

    public var all: [String] { found.withLock { $0 } }
}
