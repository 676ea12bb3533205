/// A fault script that cannot be used, with the place in the file that is wrong.
public struct FaultScriptError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int?, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    /// `incident.yaml:12:5: unknown fault 'latncy' ...`
    public var description: String {
        var location = path
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}
