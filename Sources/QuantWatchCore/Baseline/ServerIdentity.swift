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
    /// OpenAI `system_fingerprint`.
    public var systemFingerprint: String?
    /// What was asked for and not reported, as sentences ("system_fingerprint: ...").
    public var missing: [String]

    enum CodingKeys: String, CodingKey {
        case missing
        case modelPath = "model_path"
        case buildInfo = "build_info"
        case modelIDs = "model_ids"
        case modelDigest = "model_digest"
        case systemFingerprint = "system_fingerprint"
    }

    public init(
        modelPath: String? = nil, buildInfo: String? = nil, modelIDs: [String] = [], modelDigest: String? = nil,
        systemFingerprint: String? = nil, missing: [String] = []
    ) {
        self.modelPath = modelPath
        self.buildInfo = buildInfo
        self.modelIDs = modelIDs
        self.modelDigest = modelDigest
        self.systemFingerprint = systemFingerprint
        self.missing = missing
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
        if !recorded.modelIDs.isEmpty, !modelIDs.isEmpty, recorded.modelIDs != modelIDs {
            changes.append(
                "model ids \(recorded.modelIDs.joined(separator: ",")) -> \(modelIDs.joined(separator: ","))")
        }
        return changes
    }
}
