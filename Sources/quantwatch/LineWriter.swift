import Foundation
import QuantWatchExport

/// Serialises JSON lines from several tasks so records never interleave on stdout.
actor LineWriter {
    private let encoder = JSONLineEncoder()

    func write(_ record: some Encodable & Sendable) {
        StandardOutput.line(encoder.line(record))
    }
}
