/// The version of Factum, printed by `factum --version`: the one place it is written. A
/// release changes it in the commit that is tagged with the same number (docs/cli.md).
public let factumVersion = "0.1.0"
