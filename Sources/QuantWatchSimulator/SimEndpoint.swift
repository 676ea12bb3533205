import QuantWatchDomain

/// One address a simulated model answers on, in one dialect (for printing and for building targets).
public struct SimEndpoint: Sendable, Equatable {
    public var modelID: String
    public var modelName: String
    public var dialect: BackendKind
    /// Base URL to give a backend (`http://127.0.0.1:PORT`).
    public var baseURL: String
    /// Full URL of the generation endpoint, for people reading the listing.
    public var generateURL: String

    public init(modelID: String, modelName: String, dialect: BackendKind, baseURL: String, generateURL: String) {
        self.modelID = modelID
        self.modelName = modelName
        self.dialect = dialect
        self.baseURL = baseURL
        self.generateURL = generateURL
    }
}
