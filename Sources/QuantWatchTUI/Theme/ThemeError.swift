/// A theme that cannot be used, with the file (and line) at fault.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
