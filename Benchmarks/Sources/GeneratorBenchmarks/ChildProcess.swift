#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One run of a command: its wall time, its CPU time and its peak resident memory, as the kernel
/// counted them (its own and its waited-for children's, such as swiftc's frontend).
struct ChildRun {
    var seconds: Double
    var peakMegabytes: Double
    var status: Int32
    /// User and system time: unlike the wall time, it does not count the moments a busy
    /// machine gave the core to another process.
    var cpuSeconds: Double = 0
}

/// Runs a command to completion, with output discarded, and reads its resource usage from
/// `wait4`: the real peak memory of that one process, not of this one.
func runChild(_ path: String, _ arguments: [String], in folder: String) -> ChildRun {
    let executable = URL(fileURLWithPath: path).standardizedFileURL.path
    let previous = FileManager.default.currentDirectoryPath
    _ = FileManager.default.changeCurrentDirectoryPath(folder)
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else {
        return ChildRun(seconds: 0, peakMegabytes: 0, status: -1)
    }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    #if canImport(Darwin)
    let megabytes = Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
    #else
    let megabytes = Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #endif
    let cpu = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
    return ChildRun(seconds: seconds, peakMegabytes: megabytes, status: (status >> 8) & 0xFF, cpuSeconds: cpu)
}

/// The median run of several, by wall time.
func medianRun(_ count: Int, _ body: () -> ChildRun) -> ChildRun {
    let runs = (0..<count).map { _ in body() }.sorted { $0.seconds < $1.seconds }
    return runs[runs.count / 2]
}
