import Foundation

/// `factum generate` on synthetic domains of growing size, against swift-openapi-generator on
/// OpenAPI documents with as many object schemas of six properties, in the same run.
enum GeneratorBenchmark {
    static func syntheticOpenAPI(schemas: Int) -> String {
        var text = "openapi: \"3.1.0\"\ninfo:\n  title: Synthetic\n  version: \"1.0.0\"\npaths: {}\ncomponents:\n  schemas:\n"
        for index in 0..<schemas {
            text += """
                    Thing\(index):
                      type: object
                      description: Thing number \(index).
                      properties:
                        name: {type: string}
                        count: {type: integer}
                        price: {type: number}
                        status: {type: string, enum: [open, closed, pending]}
                        tags: {type: array, items: {type: string}}
                        note: {type: string}
                      required: [name, count, price, status, tags]

                """
        }
        return text
    }

    /// Sizes, the factum executables by configuration name, and optionally the peer.
    static func run(sizes: [Int], factum: [(String, String)], openAPIGenerator: String?) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("factum-generator-bench-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        print("")
        print("| events (schemas) | " + factum.map { "factum generate, \($0.0)" }.joined(separator: " | ") + (openAPIGenerator == nil ? "" : " | swift-openapi-generator 1.14.3, release (baseline)") + " | " + factum.map { "\($0.0) ÷ baseline" }.joined(separator: " | ") + " |")
        print("| ---: |" + String(repeating: " ---: |", count: factum.count * 2 + (openAPIGenerator == nil ? 0 : 1)))
        for size in sizes {
            let folder = scratch + "/\(size)"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? syntheticDomain(events: size).write(toFile: folder + "/Synthetic.domain.yaml", atomically: true, encoding: .utf8)
            var cells: [String] = []
            var results: [ChildRun] = []
            for (_, executable) in factum {
                let result = medianRun(5) { runChild(executable, ["generate", "Synthetic.domain.yaml", "--output", "out-\(UUID().uuidString)", "--quiet"], in: folder) }
                results.append(result)
                cells.append(result.status == 0 ? String(format: "%.2f s, %.0f MB", result.seconds, result.peakMegabytes) : "failed (\(result.status))")
            }
            var ratios = Array(repeating: "", count: factum.count)
            if let peer = openAPIGenerator {
                // One run from 1,000 schemas on: the peer takes seconds to a minute or more there.
                try? syntheticOpenAPI(schemas: size).write(toFile: folder + "/openapi.yaml", atomically: true, encoding: .utf8)
                let baseline = medianRun(size >= 1000 ? 1 : 3) { runChild(peer, ["generate", "openapi.yaml", "--mode", "types", "--access-modifier", "internal", "--output-directory", "openapi-out-\(UUID().uuidString)"], in: folder) }
                cells.append(baseline.status == 0 ? String(format: "%.2f s, %.0f MB", baseline.seconds, baseline.peakMegabytes) : "failed (\(baseline.status))")
                if baseline.status == 0 {
                    ratios = results.map { String(format: "%.3f× (%.0f× faster)", $0.seconds / baseline.seconds, baseline.seconds / max($0.seconds, 0.000_001)) }
                }
            }
            print("| \(size) | " + cells.joined(separator: " | ") + " | " + ratios.joined(separator: " | ") + " |")
        }
    }
}
