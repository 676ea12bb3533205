import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `quantwatch sim` running as a child process, so the simulator's CPU is not the monitor's: the lag bench then
/// measures the monitor as it runs in production, beside servers it does not host.
final class SimProcess: Sendable {
    /// One simulated model: its id, the name it reports, and where it listens.
    struct Model: Sendable {
        var id: String
        var modelName: String
        var baseURL: String
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let models: [Model]
    private let process: Process
    private let pid: Int32

    private init(models: [Model], process: Process) {
        self.models = models
        self.process = process
        self.pid = process.processIdentifier
    }

    /// The `quantwatch` executable built beside this bench (`swift build` puts every product in one folder).
    static func besideThisExecutable() throws -> String {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let path = folder.appendingPathComponent("quantwatch").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure(
                description: "no quantwatch executable at \(path): build it (same -c and --scratch-path), "
                    + "or pass --quantwatch PATH")
        }
        return path
    }

    /// Starts `executable sim --port 0 arguments...` and waits for its table of endpoints (every model on an
    /// ephemeral port of 127.0.0.1).
    static func start(executable: String, arguments: [String]) async throws -> SimProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["sim", "--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        // The pipe is read on a thread of its own, to its end: reading blocks, and a full pipe would stall the
        // simulator. The table ends with the "canaries recognised" line.
        let table: String? = await withCheckedContinuation { continuation in
            let reader = Thread {
                var text = ""
                var resumed = false
                let handle = output.fileHandleForReading
                while true {
                    let data = handle.availableData
                    if data.isEmpty { break }
                    guard !resumed else { continue }
                    text += String(decoding: data, as: UTF8.self)
                    if text.contains("canaries recognised") {
                        resumed = true
                        continuation.resume(returning: text)
                    }
                }
                if !resumed { continuation.resume(returning: nil) }
            }
            reader.start()
        }
        guard let table else {
            process.waitUntilExit()
            throw Failure(description: "\(executable) sim exited (status \(process.terminationStatus)) before serving")
        }
        var byID: [String: Model] = [:]
        var order: [String] = []
        for line in table.split(separator: "\n") {
            let cells = line.split(whereSeparator: { $0 == " " || $0 == "|" }).map(String.init)
            guard let url = cells.first(where: { $0.hasPrefix("http://") }), let id = cells.first,
                let name = cells.last, let base = Self.base(of: url)
            else { continue }
            if byID[id] == nil { order.append(id) }
            byID[id] = Model(id: id, modelName: name, baseURL: base)
        }
        let models = order.compactMap { byID[$0] }
        guard !models.isEmpty else {
            process.terminate()
            throw Failure(description: "no endpoints in the simulator's table:\n\(table)")
        }
        return SimProcess(models: models, process: process)
    }

    /// `http://host:port` of an endpoint URL.
    private static func base(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host, let port = components.port
        else { return nil }
        return "http://\(host):\(port)"
    }

    /// User + system CPU seconds the simulator has used so far (from /proc/PID/stat), 0 where unreadable.
    func cpuSeconds() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM (the simulator shuts down gracefully on it) and waits for the exit.
    func stop() async {
        process.terminate()
        let process = self.process
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                process.waitUntilExit()
                continuation.resume()
            }.start()
        }
    }
}
