/// What a server says it is, as far as its API tells: the fields a silent model change would move.
///
/// Every field is nil (or empty) when the server does not report it; `missing` says which were asked for and not
/// given, so a recording never pretends to know more than it was told.
public struct ServerIdentity: Sendable, Equatable, Codable {
    /// llama.cpp `/props` `model_path`.
    public var modelPath: String?
    /// llama.cpp `/props` `build_info`.
    public var buildInfo: String?
    /// OpenAI-style `/v1/models` ids (sorted).
    public var modelIDs: [String]
    /// Ollama `/api/tags` digest of the target's model.
    public var modelDigest: String?
    /// OpenAI `system_fingerprint`, from the responses.
    public var systemFingerprint: String?
    /// The model the responses name (OpenAI-style `model` field).
    public var servedModel: String?
    /// What was asked for and not reported, as sentences ("system_fingerprint: ...").
    public var missing: [String]

    enum CodingKeys: String, CodingKey {
        case missing
        case modelPath = "model_path"
        case buildInfo = "build_info"
        case modelIDs = "model_ids"
        case modelDigest = "model_digest"
        case systemFingerprint = "system_fingerprint"
        case servedModel = "served_model"
    }

    public init(
        modelPath: String? = nil, buildInfo: String? = nil, modelIDs: [String] = [], modelDigest: String? = nil,
        systemFingerprint: String? = nil, servedModel: String? = nil, missing: [String] = []
    ) {
        self.modelPath = modelPath
        self.buildInfo = buildInfo
        self.modelIDs = modelIDs
        self.modelDigest = modelDigest
        self.systemFingerprint = systemFingerprint
        self.servedModel = servedModel
        self.missing = missing
    }

    /// This identity with what a response said (fingerprint, served model) filled in where it says anything.
    public func observing(_ generation: Generation) -> ServerIdentity {
        var identity = self
        if let fingerprint = generation.systemFingerprint { identity.systemFingerprint = fingerprint }
        if let model = generation.servedModel { identity.servedModel = model }
        return identity
    }

    /// What differs from `recorded`, as "field recorded -> now" phrases; a field either side does not report is
    /// not compared (a server that stopped reporting is not a model change).
    public func changes(since recorded: ServerIdentity) -> [String] {
        var changes: [String] = []
        func compare(_ name: String, _ old: String?, _ new: String?) {
            guard let old, let new, old != new else { return }
            changes.append("\(name) \(old) -> \(new)")
        }
        compare("model_path", recorded.modelPath, modelPath)
        compare("build_info", recorded.buildInfo, buildInfo)
        compare("model_digest", recorded.modelDigest, modelDigest)
        compare("system_fingerprint", recorded.systemFingerprint, systemFingerprint)
        compare("served model", recorded.servedModel, servedModel)
        if !recorded.modelIDs.isEmpty, !modelIDs.isEmpty, recorded.modelIDs != modelIDs {
            changes.append(
                "model ids \(recorded.modelIDs.joined(separator: ",")) -> \(modelIDs.joined(separator: ","))")
        }
        return changes
    }
}
