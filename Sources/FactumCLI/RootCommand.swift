import ArgumentParser
import FactumSchema
import FactumWorkspace
import Foundation

/// The `factum` command: its subcommands are thin; the work is in FactumSchema.
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factum",
        abstract: "Typed Swift from event-sourced domain files, with a linter that keeps them sound.",
        discussion: """
            Domain files (*.domain.yaml) declare entities and the events that happen to them. \
            PATHS are domain files or folders, searched recursively (hidden folders such as .build \
            never); no PATHS means the current folder. Files are read per SwiftPM target, as the build \
            plugin reads them: each folder under Sources/ or Tests/ of a package is one namespace, and \
            the files outside any target are another.

            Exit status: 0 when there is no error-level finding, 1 when there is one, \
            2 when the call itself is wrong (an unknown flag, a missing path, an unreadable config).
            """,
        version: factumVersion,
        subcommands: [LintCommand.self, GenerateCommand.self, LockCommand.self, BreakingCommand.self, ScaffoldCommand.self, RulesCommand.self]
    )
}

/// The entry point of both executables (`factum`, and the plugins' copy of it): parses the
/// arguments, runs the command, and maps every outcome to the exit statuses of the contract.
public enum FactumMain {
    public static func main() -> Never {
        do {
            var command = try RootCommand.parseAsRoot()
            try command.run()
            exit(0)
        } catch let code as ExitCode {
            exit(code.rawValue)
        } catch let error as Workspace.UsageError {
            FileHandle.standardError.write(Data("factum: error: \(error.description)\n".utf8))
            exit(2)
        } catch {
            let code = RootCommand.exitCode(for: error)
            if code == .success {
                print(RootCommand.fullMessage(for: error))
                exit(0)
            }
            FileHandle.standardError.write(Data((RootCommand.fullMessage(for: error) + "\n").utf8))
            exit(2)
        }
    }
}
