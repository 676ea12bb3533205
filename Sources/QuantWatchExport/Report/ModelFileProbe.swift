import AsyncHTTPClient
import Foundation
import NIOCore
import QuantWatchDomain

/// Finds the size of the model file a llama.cpp server has loaded: `/props` names the path, the file system
/// gives the size (only when the server runs on this machine).
public enum ModelFileProbe {
    public static func fileSize(of target: TargetConfig, httpClient: HTTPClient) async -> Int64? {
        guard target.backend == .llamacpp else { return nil }
        let base = target.url.hasSuffix("/") ? String(target.url.dropLast()) : target.url
        let request = HTTPClientRequest(url: base + "/props")
        guard let response = try? await httpClient.execute(request, timeout: .seconds(5)), response.status == .ok,
            let body = try? await response.body.collect(upTo: 4 << 20),
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any],
            let path = object["model_path"] as? String,
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[FileAttributeKey.size] as? NSNumber
        else { return nil }
        return size.int64Value
    }
}
