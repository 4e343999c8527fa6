import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

/// Times `caseload status`, `caseload undo` (whole processes) and one durable edit commit.
struct Measure: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time the hot paths on generated stores.")
  @Option(help: "Pupil counts to measure, comma-separated.") var sizes = "100,2000,10000"
  @Option(help: "Events at most per store.") var maxEvents = 100_000
  @Option(help: "Folder for the generated stores (kept for reuse).") var folder =
    "/tmp/caseload-bench"
  @Option var runs = 20
  @Option var today = "2026-11-29"

  func run() throws {
    let day = Day(iso: today)!
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
      .appendingPathComponent("caseload").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    print("| pupils | events | status p50 / p95 | undo p50 / p95 | edit commit p50 / p95 |")
    print("|---:|---:|---:|---:|---:|")
    for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
      let events = min(size * 50, maxEvents)
      let path = "\(folder)/bench-\(size)-\(events).sqlite"
      if !FileManager.default.fileExists(atPath: path) {
        try Generator.generate(at: path, pupils: size, events: events, today: day)
      }
      let store = try Store.open(at: path)
      let id = AggregateID("pgen000001")
      var status: [Double] = []
      var undo: [Double] = []
      var commit: [Double] = []
      for _ in 0..<runs {
        status.append(try Self.time(exe, ["status", "--store", path, "--today", today]))
      }
      for i in 0..<runs {
        try store.edit(id, .setPupilVoice("Bench \(i)"), today: day)
        undo.append(try Self.time(exe, ["undo", "--store", path, "--today", today]))
      }
      for i in 0..<(runs * 10) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try store.edit(id, .setParentViews("Bench \(i)"), today: day)
        commit.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      }
      print(
        "| \(size) | \(events) | \(Self.fmt(status)) | \(Self.fmt(undo)) | \(Self.fmt(commit)) |")
    }
  }

  /// Wall time of a whole process, in milliseconds, from spawn to exit (posix_spawn and waitpid: Foundation's
  /// Process adds tens of milliseconds of its own).
  static func time(_ exe: String, _ args: [String]) throws -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([exe] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
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

  static func fmt(_ xs: [Double]) -> String {
    let s = xs.sorted()
    func q(_ p: Double) -> Double {
      s[min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)]
    }
    return String(format: "%.1f / %.1f ms", q(0.5), q(0.95))
  }
}
