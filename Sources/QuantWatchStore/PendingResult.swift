import Foundation
import GRDB
import QuantWatchDomain

/// A result waiting for the next commit, already converted to its column values and logprobs blob: the
/// conversion (answer normalisation, blob encoding, binding values) runs when the result is appended, so the write transaction,
/// which is serial, only binds and inserts.
struct PendingResult: Sendable {
    let result: ProbeResult
    /// Statement arguments in `ResultRow.insertResultSQL` order, but for the last (`logprob_set`).
    let arguments: StatementArguments
    /// The encoded logprobs, nil without any.
    let logprobs: Data?

    init(_ result: ProbeResult) {
        self.result = result
        arguments = ResultRow.arguments(for: result)
        logprobs = result.generation.flatMap { LogprobCodec.encode($0.logprobs) }
    }
}
