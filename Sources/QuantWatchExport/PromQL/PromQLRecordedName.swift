import QuantWatchDomain

/// What a recorded series' name means: which level, window and figure (the inverse of `RecordedSeries`).
enum PromQLRecordedName: Sendable, Equatable {
    case quantile(family: String, name: String)
    case requestRate
    case tokenRate
    case errorRatio
    case errorsByClass

    /// Every recorded name `top` reads, built from `RecordedSeries` so the two cannot drift apart.
    static let table: [String: (RecordedSeries.Level, MetricWindow, PromQLRecordedName)] = {
        var table: [String: (RecordedSeries.Level, MetricWindow, PromQLRecordedName)] = [:]
        for level in RecordedSeries.Level.allCases {
            for window in MetricWindow.allCases {
                let text = window.rawValue
                for family in RecordedSeries.latencies {
                    for (name, _) in RecordedSeries.quantiles {
                        table[RecordedSeries.quantile(level, family, name, text)] =
                            (level, window, .quantile(family: family, name: name))
                    }
                }
                table[RecordedSeries.requestRate(level, text)] = (level, window, .requestRate)
                table[RecordedSeries.tokenRate(level, text)] = (level, window, .tokenRate)
                table[RecordedSeries.errorRatio(level, text)] = (level, window, .errorRatio)
                table[RecordedSeries.errorClassIncrease(level, text)] = (level, window, .errorsByClass)
            }
        }
        return table
    }()
}
