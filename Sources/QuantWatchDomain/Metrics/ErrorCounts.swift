/// Failure counts by class in fixed fields, so counting is an increment and not a dictionary update.
struct ErrorCounts: Sendable, Equatable {
    private var timeout = 0
    private var connect = 0
    private var http4xx = 0
    private var http429 = 0
    private var http5xx = 0
    private var `protocol` = 0
    private var cancelled = 0

    subscript(errorClass: ErrorClass) -> Int {
        get {
            switch errorClass {
            case .timeout: timeout
            case .connect: connect
            case .http4xx: http4xx
            case .http429: http429
            case .http5xx: http5xx
            case .protocol: `protocol`
            case .cancelled: cancelled
            }
        }
        set {
            switch errorClass {
            case .timeout: timeout = newValue
            case .connect: connect = newValue
            case .http4xx: http4xx = newValue
            case .http429: http429 = newValue
            case .http5xx: http5xx = newValue
            case .protocol: `protocol` = newValue
            case .cancelled: cancelled = newValue
            }
        }
    }

    var total: Int { timeout + connect + http4xx + http429 + http5xx + `protocol` + cancelled }

    mutating func add(_ other: ErrorCounts) {
        for errorClass in ErrorClass.allCases { self[errorClass] += other[errorClass] }
    }

    /// The non-zero classes, as the snapshot reports them.
    var dictionary: [ErrorClass: Int] {
        var result: [ErrorClass: Int] = [:]
        for errorClass in ErrorClass.allCases where self[errorClass] > 0 { result[errorClass] = self[errorClass] }
        return result
    }
}
