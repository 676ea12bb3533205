import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs CPU-heavy test work on a thread of its own at the lowest priority: seconds of computation in a debug
/// build, on the cooperative pool (two threads on 2 cores), starve every async timing test running beside it
/// (probes read as timeouts, deadlines pass while nothing runs).
public enum OffThePool {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                #if canImport(Glibc)
                    // Linux nice is per thread (who 0 = the calling thread): the timing tests get the cores first.
                    setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                continuation.resume(returning: body())
            }
            thread.start()
        }
    }
}
