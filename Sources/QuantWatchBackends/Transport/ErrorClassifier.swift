import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// Maps errors thrown by AsyncHTTPClient, NIO and the stream decoders to an error class.
enum ErrorClassifier {
    /// - Parameter headReceived: whether the response head had arrived (transport errors are retried only before).
    static func classify(_ error: any Error, headReceived: Bool) -> AttemptFailure {
        if let failure = error as? AttemptFailure { return failure }
        if error is CancellationError { return AttemptFailure(.cancelled, "cancelled") }
        if let framing = error as? StreamFramingError { return .malformed(framing.description) }
        if error is DecodingError { return .malformed("malformed JSON in stream: \(error)") }
        let phase = headReceived ? "mid-response" : "before a response"
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return AttemptFailure(.connect, "connect timed out", retryable: !headReceived)
            case .remoteConnectionClosed:
                return AttemptFailure(.connect, "connection closed by the server \(phase)", retryable: !headReceived)
            case .readTimeout:
                return AttemptFailure(.timeout, "read timed out \(phase)")
            case .deadlineExceeded:
                // The client's deadline is the total deadline plus a margin; it wins only when the watchdog woke
                // late (a loaded machine), and it is the same limit.
                return AttemptFailure(.timeout, "total deadline exceeded \(phase)")
            case .cancelled:
                return AttemptFailure(.cancelled, "request cancelled")
            case .invalidURL, .emptyHost, .emptyScheme, .missingSocketPath:
                return AttemptFailure(.connect, "invalid target URL (\(client))")
            default:
                return AttemptFailure(headReceived ? .protocol : .connect, "HTTP client error \(phase): \(client)")
            }
        }
        if error is NIOConnectionError {
            return AttemptFailure(.connect, "cannot connect: \(error)", retryable: true)
        }
        if let channel = error as? ChannelError {
            switch channel {
            case .connectTimeout:
                return AttemptFailure(.connect, "connect timed out", retryable: true)
            default:
                return AttemptFailure(.connect, "connection failed \(phase): \(channel)", retryable: !headReceived)
            }
        }
        if let io = error as? IOError {
            return AttemptFailure(.connect, "connection error \(phase): \(io)", retryable: !headReceived)
        }
        if let parser = error as? HTTPParserError {
            if case .invalidEOFState = parser {
                return AttemptFailure(.connect, "connection closed \(phase)", retryable: !headReceived)
            }
            return .malformed("malformed HTTP response: \(parser)")
        }
        // TLS and other transport errors come from modules Core does not import; name them, class them as connect.
        return AttemptFailure(
            .connect, "transport error \(phase): \(String(describing: type(of: error))): \(error)",
            retryable: !headReceived)
    }
}
