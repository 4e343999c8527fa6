import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

/// Times `caseload export all` (whole processes, printing to /dev/null and writing a file) and `caseload import
/// all` of what it wrote, on generated stores.
struct ExportMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Time `caseload export all` and `import all` on generated stores.")
  @Option(help: "Pupil counts to measure, comma-separated.") var sizes = "2000"
  @Option(help: "Events at most per store.") var maxEvents = 100_000
  @Option(help: "Folder for the generated stores (kept for reuse).") var folder =
    "/tmp/caseload-bench"
  @Option var runs = 10
  @Option var today = "2026-11-29"

  func run() throws {
    let day = Day(iso: today)!
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
      .appendingPathComponent("caseload").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    print(
      "| pupils | events | backup size | `export all` to stdout p50 / p95 | `export all --output` p50 / p95 | `import all` p50 / p95 |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
      let events = min(size * 50, maxEvents)
      let path = "\(folder)/bench-\(size)-\(events).sqlite"
      if !FileManager.default.fileExists(atPath: path) {
        try Generator.generate(at: path, pupils: size, events: events, today: day)
      }
      let backup = "\(folder)/backup-\(size)-\(events).json"
      var toStdout: [Double] = []
      var toFile: [Double] = []
      var restore: [Double] = []
      for _ in 0..<runs {
        toStdout.append(try Self.time(exe, ["export", "all", "--store", path]))
        toFile.append(
          try Self.time(exe, ["export", "all", "--output", backup, "--store", path]))
      }
      for i in 0..<max(1, runs / 2) {
        let target = "\(folder)/restored-\(size)-\(i).sqlite"
        for suffix in ["", "-wal", "-shm"] {
          try? FileManager.default.removeItem(atPath: target + suffix)
        }
        restore.append(try Self.time(exe, ["import", "all", backup, "--store", target]))
        for suffix in ["", "-wal", "-shm"] {
          try? FileManager.default.removeItem(atPath: target + suffix)
        }
      }
      let bytes = (try? FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int) ?? 0
      print(
        "| \(size) | \(events) | \(String(format: "%.1f MB", Double(bytes) / 1e6)) | \(Measure.fmt(toStdout)) | \(Measure.fmt(toFile)) | \(Measure.fmt(restore)) |"
      )
    }
  }

  /// As `Measure.time`, with stderr quiet too (an export says on stderr where it wrote).
  static func time(_ exe: String, _ args: [String]) throws -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([exe] + args).map { strdup($0) } + [nil]
    defer { for arg in argv { free(arg) } }
    var pid: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else {
      throw ValidationError("cannot start \(exe)")
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    guard status == 0 else {
      throw ValidationError("\(exe) \(args.joined(separator: " ")) failed (\(status))")
    }
    return ms
  }
}
