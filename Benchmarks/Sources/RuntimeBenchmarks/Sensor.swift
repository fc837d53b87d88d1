import Factum

/// The aggregate the replay benchmark rebuilds.
nonisolated struct Sensor: SensorAggregate {
    var readings = 0
    var total = 0.0

    init() {}

    mutating func apply(_ event: ReadingTaken) {
        readings += 1
        total += event.value
    }
}
