import Foundation

/// Random chains of safe evolutions, for the property test: each event starts with a few fields
/// and goes through generations that add defaulted or optional fields, drop fields, rename them
/// and widen their types. For a payload of any generation, `expected` computes what the current
/// generation must hold by the contract's rules, independently of the generator.
struct EvolutionChains {
    enum Kind: String, CaseIterable {
        case int8 = "Int8", int16 = "Int16", int32 = "Int32", int64 = "Int64", float = "Float", double = "Double", string = "String", bool = "Bool"

        /// The types this one widens to losslessly.
        var widenings: [Kind] {
            switch self {
            case .int8: return [.int16, .int32, .int64]
            case .int16: return [.int32, .int64]
            case .int32: return [.int64]
            case .float: return [.double]
            default: return []
            }
        }
    }

    struct FieldShape: Equatable {
        var name: String
        var kind: Kind
        var optional = false
        /// A JSON literal, for fields added with a default.
        var defaultJSON: String?
        var renamedFrom: String?

        var typeText: String { optional ? "\"\(kind.rawValue)?\"" : kind.rawValue }
    }

    struct Chain {
        var name: String
        var id: String
        /// Generation 1 first.
        var generations: [[FieldShape]]
    }

    var chains: [Chain] = []

    init(seed: UInt64, count: Int) {
        var random = Random(state: seed)
        var fieldCounter = 0
        func freshName() -> String {
            fieldCounter += 1
            return "f\(fieldCounter)"
        }
        for index in 0..<count {
            var fields = (0..<random.int(2...4)).map { _ in FieldShape(name: freshName(), kind: Kind.allCases[random.int(0...7)]) }
            var generations = [fields]
            for _ in 0..<random.int(1...4) {
                var next = fields.map { field -> FieldShape in
                    var carried = field
                    carried.renamedFrom = nil
                    carried.defaultJSON = nil
                    return carried
                }
                for _ in 0..<random.int(1...3) {
                    switch random.int(0...4) {
                    case 0:
                        let kind = [Kind.int64, .string, .bool][random.int(0...2)]
                        let value = kind == .string ? "\"d\(random.int(0...9))\"" : kind == .bool ? "true" : String(random.int(-50...50))
                        next.append(FieldShape(name: freshName(), kind: kind, defaultJSON: value))
                    case 1:
                        next.append(FieldShape(name: freshName(), kind: Kind.allCases[random.int(0...7)], optional: true))
                    case 2 where next.count > 1:
                        next.remove(at: random.int(0...(next.count - 1)))
                    case 3 where !next.isEmpty:
                        let position = random.int(0...(next.count - 1))
                        if next[position].defaultJSON == nil, fields.contains(where: { $0.name == next[position].name }) {
                            next[position].renamedFrom = next[position].name
                            next[position].name = freshName()
                        }
                    default:
                        guard !next.isEmpty else { break }
                        let position = random.int(0...(next.count - 1))
                        guard fields.contains(where: { $0.name == next[position].name }), next[position].renamedFrom == nil, next[position].defaultJSON == nil else { break }
                        if let wider = next[position].kind.widenings.first, random.int(0...1) == 0 {
                            next[position].kind = wider
                        } else if !next[position].optional {
                            next[position].optional = true
                        }
                    }
                }
                generations.append(next)
                fields = next
            }
            let id = String(format: "%08x-1111-4222-8333-%012x", index + 1, Int(seed % 100_000) * 1000 + index)
            chains.append(Chain(name: "Thing\(index)Happened", id: id, generations: generations))
        }
    }

    /// The domain file declaring every chain as one event of one entity.
    var domainFile: String {
        var text = "domain: Chains\nentities:\n  Thing:\n    events:\n"
        for chain in chains {
            let current = chain.generations.count
            text += "      \(chain.name):\n        id: \(chain.id)\n        generation: \(current)\n"
            text += fieldsYAML(chain.generations[current - 1], indent: 8)
            if current > 1 {
                text += "        history:\n"
                for number in 1..<current {
                    text += "          \(number):\n" + fieldsYAML(chain.generations[number - 1], indent: 12)
                }
            }
        }
        return text
    }

    private func fieldsYAML(_ fields: [FieldShape], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = "\(pad)fields:\n"
        for field in fields {
            var parts = ["type: \(field.typeText)"]
            if let value = field.defaultJSON { parts.append("default: \(value)") }
            if let old = field.renamedFrom { parts.append("renamedFrom: \(old)") }
            text += "\(pad)  \(field.name): {\(parts.joined(separator: ", "))}\n"
        }
        return text
    }

    /// A payload of generation `number` of a chain, with values every type in the chain can hold.
    func payload(_ chain: Chain, generation number: Int, random: inout Random) -> [String: Any] {
        var payload: [String: Any] = [:]
        for field in chain.generations[number - 1] {
            if field.optional, random.int(0...2) == 0 { continue }
            switch field.kind {
            case .int8, .int16, .int32, .int64: payload[field.name] = random.int(-100...100)
            case .float, .double: payload[field.name] = Double(random.int(-40...40)) / 4
            case .string: payload[field.name] = "s\(random.int(0...999))"
            case .bool: payload[field.name] = random.int(0...1) == 1
            }
        }
        return payload
    }

    /// What the current generation holds for a payload of generation `number`, by the rules:
    /// carried fields keep their value (renamed or widened), new fields take their default or
    /// nil, dropped fields are gone.
    func expected(_ chain: Chain, generation number: Int, payload: [String: Any]) -> [String: Any] {
        var values = payload
        for step in number..<chain.generations.count {
            var next: [String: Any] = [:]
            for field in chain.generations[step] {
                let source = field.renamedFrom ?? field.name
                let carried = chain.generations[step - 1].contains { $0.name == source }
                if carried {
                    if let value = values[source] { next[field.name] = value }
                } else if let json = field.defaultJSON {
                    next[field.name] = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
                }
            }
            values = next
        }
        return values
    }

    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
    }
}
