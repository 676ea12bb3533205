import Yams

/// A target as written in the fleet file, before fleet defaults are merged and cross-target checks run.
struct TargetDraft {
    /// The target's mapping node (its mark is the line of `- id: ...`).
    let node: Node
    /// 1-based position in the `targets` list, to name targets without an id.
    let position: Int
    var id: String?
    var idNode: Node?
    var backend: BackendKind?
    var url: String?
    var model = ""
    var quant = ""
    var baseline: String?
    var baselineNode: Node?
    /// The recording named by `baseline_file`, loaded (nil when absent or unusable: then reported).
    var recordedBaseline: RecordedBaseline?
    var apiKeyEnv: String?
    var apiKeyEnvNode: Node?
    var settings = ProbeSettings()
    /// Whether the target names its own suites (the key is there even if its value is bad).
    var suitesGiven = false
    var price: Price?
    var headers: [String: String] = [:]
    var metrics = MetricsEndpoint.automatic
    var metricsInterval: Duration?
    /// False when a required field is missing or invalid: the target is reported, never resolved.
    var complete = true

    init(node: Node, position: Int) {
        self.node = node
        self.position = position
    }

    /// How messages name this target: by id, or by position when it has none.
    var label: String {
        id.map { "target '\($0)'" } ?? "target #\(position)"
    }
}
