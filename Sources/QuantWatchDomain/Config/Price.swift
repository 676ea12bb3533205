/// Price of a hosted model per million tokens, in the account's currency.
public struct Price: Sendable, Equatable {
    public var input: Double
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }
}
