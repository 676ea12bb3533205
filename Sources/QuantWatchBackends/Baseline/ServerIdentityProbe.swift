import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuantWatchDomain

/// Asks a target's server what it is: llama.cpp `/props`, OpenAI-style `/v1/models`, Ollama `/api/tags`.
///
/// `system_fingerprint` and the served model come in completion bodies: the recorder and the monitor take them
/// from the probes' responses (`ServerIdentity.observing`), not from here.
public enum ServerIdentityProbe {
    public static func identify(
        _ target: TargetConfig, httpClient: HTTPClient, environment: [String: String]
    ) async -> ServerIdentity {
        var identity = ServerIdentity()
        let headers = authorization(target, environment: environment)
        switch target.backend {
        case .llamacpp:
            if let props = await object(EndpointURL.make(base: target.url, path: "/props"), headers, httpClient) {
                identity.modelPath = props["model_path"] as? String
                identity.buildInfo = props["build_info"] as? String
            }
            identity.modelIDs = await modelIDs(
                EndpointURL.make(base: target.url, path: "/v1/models"), headers, httpClient)
            if identity.modelPath == nil { identity.missing.append("model_path: /props did not report it") }
            if identity.buildInfo == nil { identity.missing.append("build_info: /props did not report it") }
        case .openai:
            let url = EndpointURL.make(base: target.url, path: "/v1/models", dropVersionSuffix: true)
            identity.modelIDs = await modelIDs(url, headers, httpClient)
        case .ollama:
            if let tags = await object(EndpointURL.make(base: target.url, path: "/api/tags"), headers, httpClient),
                let models = tags["models"] as? [[String: Any]]
            {
                identity.modelIDs = models.compactMap { ($0["name"] as? String) ?? ($0["model"] as? String) }.sorted()
                identity.modelDigest =
                    models.first {
                        ($0["name"] as? String) == target.model || ($0["model"] as? String) == target.model
                    }?[
                        "digest"] as? String
            }
            if identity.modelDigest == nil { identity.missing.append("model_digest: /api/tags did not report it") }
        case .anthropic:
            identity.missing.append("model ids: the Anthropic messages API reports none here")
        }
        if identity.modelIDs.isEmpty, target.backend != .anthropic {
            identity.missing.append("model ids: no model listing answered")
        }
        return identity
    }

    private static func authorization(_ target: TargetConfig, environment: [String: String]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for (name, value) in target.headers { headers.add(name: name, value: value) }
        if let name = target.apiKeyEnv, let key = environment[name], !key.isEmpty {
            switch target.backend {
            case .anthropic: headers.add(name: "x-api-key", value: key)
            default: headers.add(name: "Authorization", value: "Bearer \(key)")
            }
        }
        return headers
    }

    private static func object(_ url: String, _ headers: HTTPHeaders, _ client: HTTPClient) async -> [String: Any]? {
        var request = HTTPClientRequest(url: url)
        request.headers = headers
        guard let response = try? await client.execute(request, timeout: .seconds(5)), response.status == .ok,
            let body = try? await response.body.collect(upTo: 4 << 20)
        else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
    }

    private static func modelIDs(_ url: String, _ headers: HTTPHeaders, _ client: HTTPClient) async -> [String] {
        guard let listing = await object(url, headers, client), let data = listing["data"] as? [[String: Any]] else {
            return []
        }
        return data.compactMap { $0["id"] as? String }.sorted()
    }
}
