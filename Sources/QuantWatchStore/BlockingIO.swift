import Dispatch

/// Runs blocking file and SQLite work (opening, migrating, checking a database) on a GCD thread, off Swift's
/// cooperative pool: a few threads shared by every task, which a blocked call would stall.
enum BlockingIO {
    static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Result { () throws(E) -> T in try work() })
            }
        }
        return try result.get()
    }
}
