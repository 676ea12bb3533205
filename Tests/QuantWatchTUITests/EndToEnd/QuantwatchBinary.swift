import Foundation
import QuantWatchTestSupport

/// The built `quantwatch` binary and the package it belongs to (see `BuiltBinary`).
enum QuantwatchBinary {
    static let packageRoot = BuiltBinary.packageRoot()

    static func path() throws -> String { try BuiltBinary.quantwatch() }

    /// The test-only `quantwatch-fixtures` (the fixture dashboard).
    static func fixturesPath() throws -> String { try BuiltBinary.fixtures() }
}
