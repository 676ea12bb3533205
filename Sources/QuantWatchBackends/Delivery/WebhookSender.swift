import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// POSTs alert payloads to one webhook with bounded retries, exponential backoff and full jitter.
struct WebhookSender: Sendable {
    let url: String
    /// `scheme://host[:port]`: what logs may show of a URL that can carry a token.
    let redacted: String
    let configuration: AlertDeliveryConfiguration
    let logger: Logger

    init(url: String, configuration: AlertDeliveryConfiguration, logger: Logger) throws(AlertDeliveryError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https"
        else { throw .invalidWebhookURL(reason: "expected an http:// or https:// URL") }
        guard let host = parsed.host, !host.isEmpty else { throw .invalidWebhookURL(reason: "the URL has no host") }
        self.url = url
        self.redacted = "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "")
        self.configuration = configuration
        self.logger = logger
    }

    /// Tries until accepted (2xx), refused for good (4xx other than 408/425/429) or out of attempts; true when
    /// delivered. Cancellation stops it between attempts.
    func send(_ payload: AlertPayload) async -> Bool {
        let body: Data
        do {
            body = try payload.json()
        } catch {
            logger.error("cannot encode alert payload", metadata: ["error": "\(error)"])
            return false
        }
        var lastProblem = ""
        for attempt in 0..<configuration.webhookAttempts {
            if attempt > 0 {
                let wait = backoff(attempt: attempt - 1)
                guard (try? await Task.sleep(for: wait)) != nil else { break }
            }
            let outcome = await post(body)
            switch outcome {
            case .delivered:
                if attempt > 0 {
                    logger.info("webhook delivered after retries", metadata: ["attempts": "\(attempt + 1)"])
                }
                return true
            case .rejected(let status):
                logger.error(
                    "webhook refused the alert; not retrying",
                    metadata: ["webhook": "\(redacted)", "status": "\(status)", "target": "\(payload.target)"]
                )
                return false
            case .retry(let problem):
                lastProblem = problem
                guard attempt + 1 < configuration.webhookAttempts else { break }
                logger.warning(
                    "webhook delivery failed; will retry",
                    metadata: ["webhook": "\(redacted)", "attempt": "\(attempt + 1)", "problem": "\(problem)"]
                )
            }
        }
        logger.error(
            "webhook delivery gave up",
            metadata: [
                "webhook": "\(redacted)", "attempts": "\(configuration.webhookAttempts)", "problem": "\(lastProblem)",
                "target": "\(payload.target)", "rule": "\(payload.rule)",
            ]
        )
        return false
    }

    private enum Outcome {
        case delivered
        case rejected(status: UInt)
        case retry(String)
    }

    private func post(_ body: Data) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "quantwatch")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let timeout = TimeAmount.milliseconds(Int64(configuration.webhookTimeout.milliseconds.rounded()))
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            // Drain (bounded) so the connection can be reused.
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = response.status.code
            switch status {
            case 200..<300: return .delivered
            case 408, 425, 429, 500..<600: return .retry("HTTP \(status)")
            default: return .rejected(status: status)
            }
        } catch {
            return .retry(Self.describe(error))
        }
    }

    /// Full jitter: a random wait in 0...min(max, base * 2^attempt).
    func backoff(attempt: Int) -> Duration {
        let base = configuration.webhookBaseDelay.seconds * pow(2, Double(min(attempt, 30)))
        let bound = min(configuration.webhookMaxDelay.seconds, base)
        return .milliseconds(Int((Double.random(in: 0...max(bound, 0)) * 1000).rounded()))
    }

    /// An error's kind without the URL (AsyncHTTPClient errors can include it).
    private static func describe(_ error: any Error) -> String {
        if let clientError = error as? HTTPClientError {
            return "\(clientError)".replacingOccurrences(of: "HTTPClientError.", with: "")
        }
        return String(describing: type(of: error))
    }
}
