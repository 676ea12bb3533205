/// The terminal cannot be used for the dashboard.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
