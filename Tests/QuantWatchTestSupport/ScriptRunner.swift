#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import NIOCore

/// Plays one `ScriptedResponse` onto a connection; tells whether the connection may serve another request.
struct ScriptRunner {
    let channel: any Channel
    let recorder: ServerRecorder
    let request: Int

    func run(_ script: ScriptedResponse) async -> Bool {
        if script.headDelay > .zero { try? await Task.sleep(for: script.headDelay) }
        guard await write(Array(head(script).utf8)) else { return false }
        for step in script.steps {
            switch step {
            case .send(let bytes):
                guard !bytes.isEmpty else { continue }
                let framed =
                    script.framing == .chunked
                    ? Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8) : bytes
                guard await write(framed) else { return false }
            case .sendRaw(let bytes):
                guard await write(bytes) else { return false }
            case .sleep(let duration):
                try? await Task.sleep(for: duration)
            case .mark(let name):
                recorder.mark(name, request: request, at: .now)
            case .reset:
                await reset()
                return false
            case .close:
                try? await channel.close()
                return false
            case .stall:
                try? await channel.closeFuture.get()
                return false
            }
        }
        switch script.framing {
        case .chunked:
            return await write(Array("0\r\n\r\n".utf8))
        case .contentLength:
            return true
        case .closeDelimited:
            try? await channel.close()
            return false
        }
    }

    private func head(_ script: ScriptedResponse) -> String {
        var text = "HTTP/1.1 \(script.status) \(script.reason)\r\n"
        for header in script.headers { text += "\(header.name): \(header.value)\r\n" }
        switch script.framing {
        case .chunked:
            text += "transfer-encoding: chunked\r\n"
        case .contentLength:
            let length = script.steps.reduce(0) { total, step in
                if case .send(let bytes) = step { return total + bytes.count }
                return total
            }
            text += "content-length: \(length)\r\n"
        case .closeDelimited:
            text += "connection: close\r\n"
        }
        return text + "\r\n"
    }

    private func write(_ bytes: [UInt8]) async -> Bool {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
            return true
        } catch {
            return false
        }
    }

    /// Closes with RST: SO_LINGER on with a zero timeout makes close() drop the connection abruptly.
    private func reset() async {
        if let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
