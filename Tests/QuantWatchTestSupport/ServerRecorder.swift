import NIOCore
import Synchronization

/// The scripted server's shared state: received requests, marks, and open connections (closed on shutdown).
final class ServerRecorder: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var marks: [Int: [String: ContinuousClock.Instant]] = [:]
        var connections: [ObjectIdentifier: any Channel] = [:]
        var nextIndex = 0
    }

    private let state = Mutex(State())

    func nextIndex() -> Int {
        state.withLock { state in
            defer { state.nextIndex += 1 }
            return state.nextIndex
        }
    }

    func record(_ request: RecordedRequest) {
        state.withLock { $0.requests.append(request) }
    }

    func mark(_ name: String, request: Int, at instant: ContinuousClock.Instant) {
        state.withLock { $0.marks[request, default: [:]][name] = instant }
    }

    func opened(_ channel: any Channel) {
        state.withLock { $0.connections[ObjectIdentifier(channel)] = channel }
    }

    func closed(_ channel: any Channel) {
        _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    var requests: [RecordedRequest] { state.withLock { $0.requests.sorted { $0.index < $1.index } } }

    func marks(request: Int) -> [String: ContinuousClock.Instant] { state.withLock { $0.marks[request] ?? [:] } }

    var openConnections: [any Channel] { state.withLock { Array($0.connections.values) } }
}
