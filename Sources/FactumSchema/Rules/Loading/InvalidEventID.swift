import Foundation
import FactumYAML

extension Rule {
    public static let invalidEventID = Rule(
        id: "invalid-event-id",
        severity: .error,
        category: .loading,
        summary: "An event id that is not a UUID (8-4-4-4-12 hexadecimal digits), or is the nil UUID.",
        rationale: "The id is the event type's permanent identity in every store and every consuming service.",
        triggering: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0d5c3f1e-2b4a-4c6d-8e9f  # <-
            """,
        ],
        passing: [
            """
            domain: Shop
            entities:
              Order:
                events:
                  OrderPlaced:
                    id: 0D5C3F1E-2B4A-4C6D-8E9F-1A2B3C4D5E6F
            """,
        ]
    )
}

extension Loading {
    mutating func eventID(_ node: Node, event: String) -> UUID? {
        guard let text = node.scalar?.text else {
            sink.report(.invalidEventID, in: path, at: node.mark, "the id of event '\(event)' is \(node.kindDescription), not a UUID")
            return nil
        }
        guard let uuid = Loading.uuid(text) else {
            sink.report(.invalidEventID, in: path, at: node.mark, "the id of event '\(event)', \(quoted(text)), is not a UUID; write 32 hexadecimal digits grouped 8-4-4-4-12, such as \(UUID().uuidString.lowercased())")
            return nil
        }
        if uuid == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)) {
            sink.report(.invalidEventID, in: path, at: node.mark, "the id of event '\(event)' is the nil UUID, which identifies nothing; use a new UUID such as \(UUID().uuidString.lowercased())")
            return nil
        }
        return uuid
    }

    /// 8-4-4-4-12 hexadecimal digits, nothing else (Foundation alone would accept less strict forms on some platforms).
    static func isUUIDText(_ text: String) -> Bool {
        uuid(text) != nil
    }

    /// The UUID that `text` writes in the 8-4-4-4-12 form, read on its bytes.
    static func uuid(_ text: String) -> UUID? {
        guard text.utf8.count == 36 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        var nibbles = 0
        for (index, byte) in text.utf8.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                if byte != 45 { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 65...70: value = byte - 55
            case 97...102: value = byte - 87
            default: return nil
            }
            bytes[nibbles / 2] |= nibbles % 2 == 0 ? value << 4 : value
            nibbles += 1
        }
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
