import QuantWatchDomain

/// A model server `quantwatch init` looks for on loopback, at its usual port.
public enum LocalRuntime: String, Sendable, CaseIterable, Equatable {
    case llamacpp
    case ollama
    case vllm

    /// The port the runtime listens on out of the box.
    public var defaultPort: Int {
        switch self {
        case .llamacpp: 8080
        case .ollama: 11434
        case .vllm: 8000
        }
    }

    /// The dialect quantwatch speaks to it (vLLM serves the OpenAI API).
    public var backend: BackendKind {
        switch self {
        case .llamacpp: .llamacpp
        case .ollama: .ollama
        case .vllm: .openai
        }
    }

    /// The `url:` of a target on this runtime at `host:port`.
    public func targetURL(host: String, port: Int) -> String {
        switch self {
        case .llamacpp, .ollama: "http://\(host):\(port)"
        case .vllm: "http://\(host):\(port)/v1"
        }
    }

    /// The paths that list its models, tried in order.
    public var modelListPaths: [String] {
        switch self {
        case .llamacpp: ["/props", "/v1/models"]
        case .ollama: ["/api/tags"]
        case .vllm: ["/v1/models"]
        }
    }

    /// How people name it.
    public var displayName: String {
        switch self {
        case .llamacpp: "llama.cpp"
        case .ollama: "Ollama"
        case .vllm: "vLLM"
        }
    }
}

/// One model a runtime said it serves.
public struct DiscoveredModel: Sendable, Equatable {
    public var runtime: LocalRuntime
    /// The target's `url:`.
    public var url: String
    /// The name the runtime reports (what requests name in `model`).
    public var name: String
    /// The precision the runtime itself reports (Ollama's `quantization_level`), when it does.
    public var reportedQuant: String?

    public init(runtime: LocalRuntime, url: String, name: String, reportedQuant: String? = nil) {
        self.runtime = runtime
        self.url = url
        self.name = name
        self.reportedQuant = reportedQuant
    }
}

/// What probing one runtime's port found.
public struct RuntimeProbe: Sendable, Equatable {
    public var runtime: LocalRuntime
    public var port: Int
    /// nil: nothing answered like this runtime; otherwise the models it lists (possibly none).
    public var models: [DiscoveredModel]?

    public init(runtime: LocalRuntime, port: Int, models: [DiscoveredModel]?) {
        self.runtime = runtime
        self.port = port
        self.models = models
    }
}
