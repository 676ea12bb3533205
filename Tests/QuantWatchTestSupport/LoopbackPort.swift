import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Loopback ports for tests that need a port with nothing behind it, or one that goes away and comes back.
public enum LoopbackPort {
    public struct Exhausted: Error, CustomStringConvertible {
        public var description: String { "no free loopback port between 20000 and 32000" }
    }

    /// A port below Linux's ephemeral range (32768-60999) that nothing is bound to right now.
    ///
    /// Tests run in parallel and bind port 0, so the kernel hands them ports from the ephemeral range; a port a
    /// test frees there can go to another test's server at once, which then receives (and counts) requests meant
    /// for nobody. Ports below the range are never handed out for port 0.
    public static func unusedOutsideEphemeralRange() throws -> Int {
        for _ in 0..<200 {
            let port = Int.random(in: 20_000..<32_000)
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socket >= 0 else { continue }
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            if bound == 0 { return port }
        }
        throw Exhausted()
    }
}
