import ArgumentParser
import FactumCodegen
import FactumSchema
import FactumWorkspace
import Foundation

// What the commands that write Swift (generate, scaffold) do alike.
extension Workspace {
    /// The built-in templates, overridden by the flag's folder or else the configuration's.
    func templates(overriddenBy flag: String?) throws -> TemplateSet {
        guard let folder = flag ?? configuration.templates else { return .builtIn }
        return try usageErrors { try TemplateSet.builtIn.overriding(with: folder) }
    }
}

/// Runs `body`, reporting a template that cannot be used as a wrong call (exit status 2).
func usageErrors<Value>(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let failure as TemplateSet.Failure {
        throw Workspace.UsageError(description: failure.description)
    }
}
