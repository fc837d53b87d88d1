import Foundation

/// The compile cost of generated code: the Swift `factum generate` writes for N events, against
/// the floor of N hand-written plain `Codable` structs of the same fields, both compiled by
/// `swiftc` to an object file the same way (whole module, debug, as `swift build` would).
enum CompileBenchmark {
    /// The structs a developer would write without the tool: the events' fields, nothing else.
    static func handWritten(events: Int) -> String {
        var text = """
            import Foundation

            struct Money: Codable, Hashable, Sendable {
                var amount: Decimal
                var currency: String
            }

            enum Status: String, Codable, Hashable, Sendable {
                case open, closed, pending
            }

            """
        for index in 0..<events {
            text += """

                struct Thing\(index)Happened: Codable, Hashable, Sendable {
                    var name: String
                    var count: Int = 0
                    var price: Money
                    var status: Status = .open
                    var tags: [String]
                    var note: String?
                }

                """
        }
        return text
    }

    static func run(events: Int, rounds: Int = 3, factum: String, modules: String) {
        guard let swiftc = executable(named: "swiftc") else {
            print("compile benchmark: swiftc not found on PATH")
            return
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("factum-compile-bench-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try? syntheticDomain(events: events).write(toFile: scratch + "/Synthetic.domain.yaml", atomically: true, encoding: .utf8)
        try? handWritten(events: events).write(toFile: scratch + "/HandWritten.swift", atomically: true, encoding: .utf8)
        let generated = runChild(factum, ["generate", "Synthetic.domain.yaml", "--output", "Generated", "--quiet"], in: scratch)
        guard generated.status == 0 else {
            print("compile benchmark: factum generate failed")
            return
        }
        let common = ["-c", "-wmo", "-parse-as-library", "-Onone", "-swift-version", "6", "-I", URL(fileURLWithPath: modules).standardizedFileURL.path]
        // Each compile takes most of a minute, during which a shared machine's speed drifts: the
        // two alternate, `rounds` times, and each keeps its best run.
        // The compiler's own timing of its front end (type checking, SILGen, IRGen, SIL
        // optimization) moves less with the machine than the wall time does.
        var floorRuns: [ChildRun] = []
        var ourRuns: [ChildRun] = []
        var floorFrontEnd = Double.infinity
        var ourFrontEnd = Double.infinity
        for round in 0..<rounds {
            let floorStats = scratch + "/floor-stats-\(round)"
            let ourStats = scratch + "/generated-stats-\(round)"
            for folder in [floorStats, ourStats] { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            floorRuns.append(runChild(swiftc, common + ["-module-name", "Floor", "HandWritten.swift", "-o", "floor.o", "-stats-output-dir", floorStats], in: scratch))
            ourRuns.append(runChild(swiftc, common + ["-module-name", "Synthetic", "Generated/Synthetic.domain.swift", "-o", "generated.o", "-stats-output-dir", ourStats], in: scratch))
            floorFrontEnd = min(floorFrontEnd, frontEndSeconds(statsIn: floorStats) ?? .infinity)
            ourFrontEnd = min(ourFrontEnd, frontEndSeconds(statsIn: ourStats) ?? .infinity)
        }
        let floor = floorRuns.min { $0.seconds < $1.seconds }!
        let ours = ourRuns.min { $0.seconds < $1.seconds }!
        let floorCPU = floorRuns.map(\.cpuSeconds).min()!
        let ourCPU = ourRuns.map(\.cpuSeconds).min()!
        let lines = { (path: String) in ((try? String(contentsOfFile: scratch + "/" + path, encoding: .utf8)) ?? "").split(separator: "\n").count }
        print("")
        print("| compiling \(events) events (swiftc -c -wmo -Onone), best of \(rounds) alternating runs | lines | wall time | ÷ floor | CPU time | ÷ floor | peak memory |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        print(String(format: "| hand-written plain Codable structs (floor) | %d | %.2f s | 1.00× | %.2f s | 1.00× | %.0f MB |", lines("HandWritten.swift"), floor.seconds, floorCPU, floor.peakMegabytes))
        print(String(format: "| factum's generated code | %d | %.2f s | %.2f× | %.2f s | %.2f× | %.0f MB |", lines("Generated/Synthetic.domain.swift"), ours.seconds, ours.seconds / floor.seconds, ourCPU, ourCPU / floorCPU, ours.peakMegabytes))
        if floor.status != 0 || ours.status != 0 { print("(a compile failed: floor \(floor.status), generated \(ours.status))") }
        if floorFrontEnd.isFinite, ourFrontEnd.isFinite {
            print("")
            print(String(format: "Front end alone (type checking, SILGen, IRGen, SIL optimization, from -stats-output-dir): floor %.2f s, generated code %.2f s, %.2f×", floorFrontEnd, ourFrontEnd, ourFrontEnd / floorFrontEnd))
        }
    }

    /// The front end's phases, summed from the statistics file swiftc writes into `folder`.
    static func frontEndSeconds(statsIn folder: String) -> Double? {
        guard let name = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.first(where: { $0.hasSuffix(".json") }),
              let data = FileManager.default.contents(atPath: folder + "/" + name),
              let stats = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        let phases = ["Type checking and Semantic analysis", "SILGen", "IRGen", "SIL optimization"]
        let times = phases.compactMap { (stats["time.swift.\($0).wall"] as? NSNumber)?.doubleValue }
        return times.count == phases.count ? times.reduce(0, +) : nil
    }

    static func executable(named name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
