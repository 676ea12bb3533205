import Foundation
import Hummingbird
import QuantWatchBackends
import QuantWatchDomain
import Synchronization
import Testing

/// Webhook retries against a real loopback receiver, and the `on_alert` command with its environment.
struct AlertDeliveryTests {
    private let event = AlertEvent(
        at: Date(timeIntervalSince1970: 1_795_000_000.5), targetID: "llama3-q4km", rule: "p99", from: .ok,
        to: .critical, message: "p99 2310 ms > 1500 ms"
    )
    private let target = TargetConfig(
        id: "llama3-q4km", backend: .llamacpp, url: "http://127.0.0.1:1", model: "llama-3.1-8b", quant: "Q4_K_M"
    )

    @Test(.timeLimit(.minutes(1)))
    func webhookIsRetriedUntilAcceptedAndDeliveredOnce() async throws {
        let receiver = WebhookReceiver { attempt in attempt <= 2 ? .internalServerError : .noContent }
        try await receiver.serve { port in
            let delivery = try AlertDelivery(
                configuration: fastRetries(url: "http://127.0.0.1:\(port)/hooks/secret-token"), targets: [target]
            )
            await delivery.deliver(event)
            await delivery.close(timeout: .seconds(30))
            #expect(await delivery.counts.webhookDelivered == 1)
            #expect(await delivery.counts.webhookFailed == 0)
        }
        #expect(receiver.attempts == 3)
        let accepted = receiver.accepted
        #expect(accepted.count == 1)
        let body = try #require(accepted.first)
        let payload = try JSONDecoder().decode(AlertPayload.self, from: body)
        #expect(payload == AlertPayload(event, target: target))
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["target"] as? String == "llama3-q4km")
        #expect(json["rule"] as? String == "p99")
        #expect(json["from"] as? String == "ok")
        #expect(json["to"] as? String == "critical")
        #expect(json["message"] as? String == "p99 2310 ms > 1500 ms")
        #expect(json["at"] as? String == "2026-11-18T11:06:40.500Z")
        #expect(json["quant"] as? String == "Q4_K_M")
        #expect(json["backend"] as? String == "llamacpp")
    }

    @Test(.timeLimit(.minutes(1)))
    func webhookGivesUpAfterTheAttemptsAndDoesNotRetryAClientError() async throws {
        let failing = WebhookReceiver { _ in .serviceUnavailable }
        try await failing.serve { port in
            let delivery = try AlertDelivery(configuration: fastRetries(url: "http://127.0.0.1:\(port)/h"))
            await delivery.deliver(event)
            await delivery.close(timeout: .seconds(30))
            #expect(await delivery.counts.webhookFailed == 1)
        }
        #expect(failing.attempts == 4)
        let refusing = WebhookReceiver { _ in .badRequest }
        try await refusing.serve { port in
            let delivery = try AlertDelivery(configuration: fastRetries(url: "http://127.0.0.1:\(port)/h"))
            await delivery.deliver(event)
            await delivery.close(timeout: .seconds(30))
            #expect(await delivery.counts.webhookFailed == 1)
        }
        #expect(refusing.attempts == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func deliverReturnsWhileTheReceiverIsStillHanging() async throws {
        let gate = Gate()
        let receiver = WebhookReceiver { _ in
            await gate.wait()
            return .ok
        }
        try await receiver.serve { port in
            let delivery = try AlertDelivery(configuration: fastRetries(url: "http://127.0.0.1:\(port)/h"))
            // Returns although the first request cannot finish until the gate opens below.
            for _ in 0..<3 { await delivery.deliver(event) }
            await gate.open()
            await delivery.close(timeout: .seconds(30))
            #expect(await delivery.counts.webhookDelivered == 3)
        }
    }

    @Test func invalidWebhookURLsAreRefused() {
        for url in ["ftp://example.com/x", "not a url", "http://"] {
            #expect(throws: AlertDeliveryError.self) {
                try AlertDelivery(configuration: AlertDeliveryConfiguration(webhookURL: url))
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func onAlertCommandGetsTheEventInItsEnvironment() async throws {
        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let output = directory + "/env.txt"
        let command = "env | grep -E '^QUANTWATCH_(TARGET|RULE|FROM|TO|MESSAGE|AT)=' | sort > '\(output)'"
        let delivery = try AlertDelivery(configuration: AlertDeliveryConfiguration(onAlert: command), targets: [target])
        await delivery.deliver(event)
        await delivery.close(timeout: .seconds(30))
        #expect(await delivery.counts.hookSucceeded == 1)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "QUANTWATCH_AT=2026-11-18T11:06:40.500Z",
                "QUANTWATCH_FROM=ok",
                "QUANTWATCH_MESSAGE=p99 2310 ms > 1500 ms",
                "QUANTWATCH_RULE=p99",
                "QUANTWATCH_TARGET=llama3-q4km",
                "QUANTWATCH_TO=critical",
            ])
    }

    @Test(.timeLimit(.minutes(1)))
    func slowOrFailingCommandsAreCountedAsFailures() async throws {
        let slow = try AlertDelivery(
            configuration: AlertDeliveryConfiguration(onAlert: "sleep 30", hookTimeout: .milliseconds(300))
        )
        await slow.deliver(event)
        await slow.close(timeout: .seconds(20))
        #expect(await slow.counts.hookFailed == 1)
        let failing = try AlertDelivery(configuration: AlertDeliveryConfiguration(onAlert: "exit 3"))
        await failing.deliver(event)
        await failing.close(timeout: .seconds(20))
        #expect(
            await failing.counts
                == {
                    var counts = DeliveryCounts()
                    counts.hookFailed = 1
                    return counts
                }())
    }

    private func fastRetries(url: String) -> AlertDeliveryConfiguration {
        AlertDeliveryConfiguration(
            webhookURL: url, webhookAttempts: 4, webhookBaseDelay: .milliseconds(10),
            webhookMaxDelay: .milliseconds(50), webhookTimeout: .seconds(10)
        )
    }
}

// MARK: - Fixtures

/// A loopback HTTP server that answers each POST with the status `respond` picks for that attempt (1-based).
private final class WebhookReceiver: Sendable {
    private let state = Mutex<(attempts: Int, accepted: [Data])>((0, []))
    private let respond: @Sendable (Int) async -> HTTPResponse.Status

    init(respond: @escaping @Sendable (Int) async -> HTTPResponse.Status) {
        self.respond = respond
    }

    var attempts: Int { state.withLock { $0.attempts } }
    var accepted: [Data] { state.withLock { $0.accepted } }

    /// Runs the server on 127.0.0.1:0 for the duration of `body`, which gets the port.
    func serve(_ body: @Sendable (Int) async throws -> Void) async throws {
        let router = Router()
        router.post("/**") { [self] request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let attempt = state.withLock { state in
                state.attempts += 1
                return state.attempts
            }
            let status = await respond(attempt)
            if (200..<300).contains(status.code) {
                state.withLock { $0.accepted.append(Data(bytes.readableBytesView)) }
            }
            return Response(status: status)
        }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in sink.yield(channel.localAddress?.port ?? 0) }
        )
        let server = Task { try await application.run() }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port)
    }
}

/// Holds requests until opened.
private actor Gate {
    private var isOpen = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func wait() async {
        if isOpen { return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func open() {
        isOpen = true
        waiters.forEach { $0.resume() }
        waiters = []
    }
}
