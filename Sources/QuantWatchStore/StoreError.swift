import Foundation
import GRDB

/// Why the result store could not open, read or write its database; every case names the file.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the database (our writer lock, or SQLite stayed busy past the busy timeout).
    case locked(path: String, pid: Int32?)
    /// The file is not an SQLite database, or SQLite found it damaged.
    case corrupt(path: String, detail: String)
    /// The file exists but was written by a newer quantwatch (an unknown schema migration).
    case newerSchema(path: String)
    /// A read-only open of a database that does not exist.
    case notFound(path: String)
    /// Anything else: permissions, full disk, a bad directory.
    case io(path: String, detail: String)

    public var description: String {
        switch self {
        case .locked(let path, let pid):
            let owner = pid.map { "another quantwatch (pid \($0))" } ?? "another quantwatch or program"
            return "database is locked by \(owner): \(path); stop it or pass --db PATH to use another file"
        case .corrupt(let path, let detail):
            return "\(path) is not a usable quantwatch database (\(detail)); move it aside or pass --db PATH"
        case .newerSchema(let path):
            return "\(path) was written by a newer quantwatch; upgrade, or pass --db PATH to use another file"
        case .notFound(let path):
            return "no quantwatch database at \(path); run `quantwatch run` first or pass --db PATH"
        case .io(let path, let detail):
            return "cannot use database \(path): \(detail)"
        }
    }
}

extension StoreError: LocalizedError {
    public var errorDescription: String? { description }
}

extension StoreError {
    /// Maps any error thrown by GRDB (or the file system) to a store error about `path`. `holdsWriterLock`: the
    /// caller is the writer, so a busy database is held by some other program, not by a quantwatch writer.
    static func from(_ error: any Error, path: String, holdsWriterLock: Bool = false) -> StoreError {
        if let storeError = error as? StoreError { return storeError }
        guard let databaseError = error as? DatabaseError else {
            return .io(path: path, detail: String(describing: error))
        }
        switch databaseError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, pid: holdsWriterLock ? nil : WriterLock.holder(ofDatabase: path))
        case .SQLITE_NOTADB:
            return .corrupt(path: path, detail: "file is not a database")
        case .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: "database disk image is malformed")
        default:
            let message = databaseError.message ?? "\(databaseError.resultCode)"
            return .io(path: path, detail: message)
        }
    }
}
