import CYAML
import FactumSchema
import FactumYAML
import Foundation

// Measures loading and linting against the cost of merely parsing the same text with libyaml,
// in the same run, and prints the figures. Run it in a debug build (the configuration SwiftPM
// builds plugin tools in) and in a release build:
//
//     swift run --package-path Benchmarks GeneratorBenchmarks
//     swift run -c release --package-path Benchmarks GeneratorBenchmarks

/// A synthetic domain file with `events` events of six fields each, in several entities.
func syntheticDomain(events: Int) -> String {
    var text = """
        domain: Synthetic
        description: A generated domain for benchmarks.
        types:
          Money:
            fields:
              amount: Decimal
              currency: String
          Status:
            cases: [open, closed, pending]
        entities:

        """
    let perEntity = 100
    for entity in 0..<((events + perEntity - 1) / perEntity) {
        text += "  Entity\(entity):\n    description: Entity number \(entity).\n    events:\n"
        for index in 0..<min(perEntity, events - entity * perEntity) {
            let number = entity * perEntity + index
            let id = String(format: "%08x-0000-4000-8000-%012x", number, number)
            text += """
                      Thing\(number)Happened:
                        id: \(id)
                        description: Thing number \(number) happened to the entity.
                        fields:
                          name: String
                          count: {type: Int, default: 0}
                          price: Money
                          status: {type: Status, default: open}
                          tags: "[String]"
                          note: String?

                """
        }
    }
    return text
}

/// Parses the text with libyaml's event parser and nothing else: the floor for any loader.
func parseOnly(_ bytes: [UInt8]) -> Int {
    var parser = yaml_parser_t()
    yaml_parser_initialize(&parser)
    defer { yaml_parser_delete(&parser) }
    var events = 0
    bytes.withUnsafeBufferPointer { buffer in
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            let done = event.type == YAML_STREAM_END_EVENT
            yaml_event_delete(&event)
            events += 1
            if done { break }
        }
    }
    return events
}

/// The median wall time of `runs` runs, in milliseconds.
func measure(runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    return times.sorted()[times.count / 2]
}

#if DEBUG
let configuration = "debug"
#else
let configuration = "release"
#endif

let arguments = CommandLine.arguments.dropFirst()
let sections = Set(arguments.filter { !$0.hasPrefix("--") && !$0.hasPrefix("/") })
func wants(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex else { return nil }
    return arguments[arguments.index(after: index)]
}

if wants("generator"), let release = option("--factum-release") ?? option("--factum") {
    var executables = [("release", release)]
    if let debug = option("--factum-debug") { executables.append(("debug", debug)) }
    print("factum generate: wall time and peak memory of one process, median of 5 runs (of 3 for the peer at 200 schemas, 1 from 1,000 on)")
    // The sizes of issue 16's goals: 200 events (a real domain), 5,000 (a large one).
    GeneratorBenchmark.run(sizes: [200, 1_000, 5_000], factum: executables, openAPIGenerator: option("--openapi-generator"))
    print("")
}

if wants("render") {
    try RenderBenchmark.run(configuration: configuration)
    print("")
}

if wants("compile"), let factum = option("--factum-release") ?? option("--factum"), let modules = option("--modules") {
    CompileBenchmark.run(events: option("--compile-events").flatMap { Int($0) } ?? 1_000, rounds: option("--compile-rounds").flatMap { Int($0) } ?? 3, factum: factum, modules: modules)
    print("")
}

if wants("lint") {
print("Factum load-and-lint benchmark (\(configuration) build), median of 5 runs")
print("")
print("| events | file size | libyaml parse only (baseline) | YAML reader (node tree) | load + validate + lint | lint ÷ baseline |")
print("| ---: | ---: | ---: | ---: | ---: | ---: |")
for count in [500, 5_000, 10_000] {
    let text = syntheticDomain(events: count)
    let bytes = Array(text.utf8)
    let source = SourceFile(path: "Synthetic.domain.yaml", bytes: bytes)
    let check = Linter.lint([source])
    guard !check.hasErrors, check.files.first?.domain.entities.flatMap(\.events).count == count else {
        print("the synthetic domain did not load cleanly: \(check.findings.prefix(3))")
        exit(1)
    }
    let baseline = measure(runs: 5) { _ = parseOnly(bytes) }
    let reader = measure(runs: 5) {
        var copy = bytes
        _ = Reader().read(bytes: &copy)
    }
    let lint = measure(runs: 5) { _ = Linter.lint([source]) }
    if CommandLine.arguments.contains("--stages") {
        var files: [WrittenFile] = []
        let load = measure(runs: 5) {
            var copy = bytes
            var sink = FindingSink()
            files = DomainLoader().load(path: "x", bytes: &copy, into: &sink).map { [$0] } ?? []
        }
        let validate = measure(runs: 5) {
            var sink = FindingSink()
            _ = Validator.validate(files, into: &sink)
        }
        let naming = measure(runs: 5) {
            var sink = FindingSink()
            NamingLint.lint(files, pastTense: PastTense(), into: &sink)
        }
        print(String(format: "stages for %d events: load %.1f ms, validate %.1f ms, naming %.1f ms", count, load, validate, naming))
    }
    let size = String(format: "%.2f MB", Double(bytes.count) / 1_000_000)
    print(String(format: "| %d | %@ | %.1f ms | %.1f ms | %.1f ms | %.2f× |", count, size, baseline, reader, lint, lint / baseline))
}

}

// Naming: judging 10,000 event names (built from the name corpus's words) against splitting the
// same names into words, the least any name rule must do.
let subjects = ["Order", "Cart", "Invoice", "Payment", "UserAccount", "Shipment", "Kitchen", "Dish", "Ticket", "OAuth2Token"]
let verbs = ["Placed", "Shipped", "Paid", "Sent", "Withdrawn", "Reset", "AddedToCart", "CheckedOut", "Start", "Add", "Mark", "Cancelled"]
let tails = ["", "V2", "Event", "ToCustomer", "Successfully"]
var names: [String] = []
var seed: UInt64 = 1
while names.count < 10_000 {
    seed = seed &* 6364136223846793005 &+ 1442695040888963407
    let a = Int(seed >> 33)
    let subject = subjects[a % subjects.count]
    let verb = verbs[(a / 7) % verbs.count]
    let tail = tails[(a / 91) % tails.count]
    names.append(a % 5 == 0 ? verb + subject + tail : subject + verb + tail)
}
if wants("naming") {
let judge = PastTense()
let splitTime = measure(runs: 5) {
    for name in names { _ = Names.words(name) }
}
let judgeTime = measure(runs: 5) {
    for name in names { _ = judge.judge(name) }
}
print("")
print("| naming, 10,000 event names | time | names per second | ÷ baseline |")
print("| --- | ---: | ---: | ---: |")
print(String(format: "| splitting into words (baseline) | %.1f ms | %.0f | 1.00× |", splitTime, 10_000 / splitTime * 1000))
print(String(format: "| event-past-tense judgement | %.1f ms | %.0f | %.2f× |", judgeTime, 10_000 / judgeTime * 1000, judgeTime / splitTime))
}
