/// A byte stream that cannot be framed into events or lines (garbage, or a line without end).
public enum StreamFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A single line (or SSE event) grew past the parser's limit without a terminator.
    case lineTooLong(limit: Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit): "stream line longer than \(limit) bytes without a line break"
        }
    }
}
