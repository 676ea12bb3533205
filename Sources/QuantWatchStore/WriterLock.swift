import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on `<database>.lock` holding the writer's pid, so a second writer fails fast with a clear
/// message instead of fighting over SQLite locks.
///
/// The kernel drops the lock when the process dies (even SIGKILL).
///
/// A sidecar file, not the database itself: closing any descriptor of the database file would drop SQLite's own
/// POSIX locks in this process.
final class WriterLock {
    private var descriptor: Int32
    /// The lock file still named a pid: the last writer died without `release()` (killed, crashed).
    let previousWriterDied: Bool

    /// Takes the lock or throws `.locked` with the holder's pid.
    init(databasePath: String) throws(StoreError) {
        let lockPath = Self.lockPath(for: databasePath)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .io(path: databasePath, detail: "cannot open lock file \(lockPath): \(reason)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(fd)
            if reason == EWOULDBLOCK {
                throw .locked(path: databasePath, pid: Self.owner(of: lockPath))
            }
            throw .io(path: databasePath, detail: "cannot lock \(lockPath): \(String(cString: strerror(reason)))")
        }
        descriptor = fd
        var existing = [UInt8](repeating: 0, count: 16)
        previousWriterDied = pread(fd, &existing, existing.count, 0) > 0
        let pid = Array("\(getpid())\n".utf8)
        // Best effort: the pid only improves the message another process prints.
        if ftruncate(fd, 0) == 0 {
            _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
    }

    deinit { release() }

    /// Drops the lock and clears the pid; safe to call twice.
    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    static func lockPath(for databasePath: String) -> String { databasePath + ".lock" }

    /// The pid of the process holding the writer lock of a database, nil when nobody holds it (or it is unknown).
    static func holder(ofDatabase databasePath: String) -> Int32? {
        let lockPath = lockPath(for: databasePath)
        let fd = open(lockPath, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // A shared lock we can take means no writer holds the exclusive one; a stale pid in the file means nothing.
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        // Our own lock (this process is the writer) is not "another quantwatch".
        guard let pid = owner(of: lockPath), pid != getpid() else { return nil }
        return pid
    }

    /// The pid written in a lock file, when the file holds one.
    static func owner(of lockPath: String) -> Int32? {
        guard let data = FileManager.default.contents(atPath: lockPath),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
