/// A `keys:` entry of the fleet file that cannot be used; the CLI prints it.
public struct KeyMapError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
