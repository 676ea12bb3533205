import Yams

/// Loading the canary suites a fleet file names, and checks across a target's suites.
extension NodeReader {
    /// Every suite named anywhere in the file, loaded once each; unreadable files are reported where named,
    /// invalid ones with their own file:line issues.
    mutating func loadSuites(drafts: [TargetDraft], defaults: FleetDefaults) -> [String: CanarySuite] {
        let references = (defaults.settings.suites ?? []) + drafts.flatMap { $0.settings.suites ?? [] }
        var suites: [String: CanarySuite] = [:]
        var attempted: Set<String> = []
        for reference in references where attempted.insert(reference.resolved).inserted {
            switch TextFile.read(reference.resolved) {
            case .failure(let error):
                let shown = reference.written == reference.resolved ? "" : " (\(reference.resolved))"
                report("cannot read suite '\(reference.written)'\(shown): \(error.reason)", at: reference.node)
            case .success(let text):
                do {
                    suites[reference.resolved] = try CanarySuiteLoader.parse(yaml: text, path: reference.resolved)
                } catch {
                    append(error.issues)
                }
            }
        }
        return suites
    }

    /// Reports a canary id that two suites of the same target share: results are keyed by canary id.
    mutating func checkCanaryIds(drafts: [TargetDraft], defaults: FleetDefaults, suites: [String: CanarySuite]) {
        var reported: Set<String> = []
        for draft in drafts {
            guard let references = draft.settings.suites ?? defaults.settings.suites else { continue }
            var owner: [String: SuiteReference] = [:]
            for reference in references {
                for canary in suites[reference.resolved]?.canaries ?? [] {
                    guard let earlier = owner[canary.id] else {
                        owner[canary.id] = reference
                        continue
                    }
                    let key = "\(canary.id)|\(earlier.resolved)|\(reference.resolved)"
                    guard reported.insert(key).inserted else { continue }
                    report(
                        "canary id '\(canary.id)' is in both suite '\(earlier.written)' and '\(reference.written)': "
                            + "ids must be unique among the suites of a target", at: reference.node)
                }
            }
        }
    }
}
