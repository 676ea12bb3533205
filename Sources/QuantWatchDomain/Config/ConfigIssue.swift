/// One problem found in a fleet or suite file, with the place it was found.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    /// Path of the file the problem is in.
    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file (for example it cannot be read).
    public var line: Int
    /// 1-based column (in Unicode scalars, as libyaml counts); 0 with `line` 0.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `path:line:col: error: message`, the shape compilers use so editors can jump to it.
    public var description: String {
        if line <= 0 { return "\(file): error: \(message)" }
        return "\(file):\(line):\(column): error: \(message)"
    }
}
