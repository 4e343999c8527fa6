import ArgumentParser
import CNcurses
import CaseloadCore
import CaseloadStore
import CaseloadTUI
import Foundation
import TerminalUI

/// Times the caseload screen: a real `caseload` process in a pseudo-terminal for start-up and the bytes each
/// move sends, and the screen's update and view in-process for the cost of each keystroke.
struct ScreenMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen", abstract: "Time the caseload screen on generated stores.")
  @Option(help: "Folder for the generated stores (kept for reuse).") var folder =
    "/tmp/caseload-bench"
  @Option var runs = 20
  @Option var today = "2026-11-29"
  @Flag(help: "Only the in-process keystroke timings (for a profiler).") var keysOnly = false

  func run() throws {
    let day = Day(iso: today)!
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().appendingPathComponent("caseload").path
    let five = try storePath(5_000, day)
    let ten = try storePath(10_000, day)

    var firstFrames: [Double] = []
    for _ in 0..<(keysOnly ? 0 : runs) {
      let session = try PseudoTerminalSession(
        exe, ["--store", five, "--today", today], width: 100, height: 30)
      firstFrames.append(session.firstFrameMilliseconds)
      session.finish()
    }
    print("| measure | p50 | p95 | p99 | target |")
    print("|---|---:|---:|---:|---:|")
    if !keysOnly {
      row("start to first frame, 5,000 pupils (pty, 100×30)", firstFrames, target: "≤ 50 ms")
    }

    // Keystrokes in-process: update, view and the diff ncurses is given.
    let store = try Store.open(at: ten)
    var app = try CaseloadApp(store: store, today: day, width: 100, height: 30)
    var previous = app.frame(width: 100, height: 30)
    func key(_ k: Key) -> Double {
      let t0 = DispatchTime.now().uptimeNanoseconds
      _ = app.handle(.key(k))
      let grid = app.frame(width: 100, height: 30)
      _ = grid.changes(from: previous)
      previous = grid
      return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }
    var moves: [Double] = []
    for i in 0..<2_000 { moves.append(key(i % 400 < 200 ? .down : .up)) }
    row("keystroke to frame, moving, 10,000 pupils", moves, target: "p99 ≤ 2 ms")

    var searchKeys: [Double] = []
    for _ in 0..<runs {
      _ = key(.char("/"))
      for c in "lily atk" { searchKeys.append(key(.char(c))) }
      for _ in 0..<8 { searchKeys.append(key(.backspace)) }
      _ = key(.escape)
    }
    row("search keystroke, 10,000 pupils", searchKeys, target: "≤ 5 ms")

    var filterKeys: [Double] = []
    for _ in 0..<runs {
      _ = key(.char("f"))
      for c in "K y7 overdue" { filterKeys.append(key(.char(c))) }
      _ = key(.escape)
    }
    row("filter keystroke, 10,000 pupils", filterKeys, target: "—")

    try measureEditing(day)
    try measureTimelineAndDeadlines(day)
    if keysOnly { return }
    // Bytes on the wire per move, through ncurses, in a 100-column terminal.
    let session = try PseudoTerminalSession(
      exe, ["--store", ten, "--today", today], width: 100, height: 30)
    var bytes: [Double] = []
    var latencies: [Double] = []
    for i in 0..<300 {
      let (count, ms) = session.send(i % 100 < 50 ? "j" : "k")
      bytes.append(Double(count))
      latencies.append(ms)
    }
    session.finish()
    row("bytes per cursor move (pty, 100 cols)", bytes, target: "≤ 150", unit: "B")
    print(
      "| mean bytes per cursor move | \(String(format: "%.0f B", bytes.reduce(0, +) / Double(bytes.count))) | | | ≤ 150 |"
    )
    row("keystroke to last byte on the pty, 10,000 pupils", latencies, target: "—")
  }

  /// A keystroke in a form and a save from it, on a 2,000-pupil store.
  func measureEditing(_ day: Day) throws {
    let path = try storePath(2_000, day)
    let store = try Store.open(at: path)
    var app = try CaseloadApp(store: store, today: day, width: 100, height: 30)
    var previous = app.frame(width: 100, height: 30)
    func key(_ k: Key) -> Double {
      let t0 = DispatchTime.now().uptimeNanoseconds
      _ = app.handle(.key(k))
      let grid = app.frame(width: 100, height: 30)
      _ = grid.changes(from: previous)
      previous = grid
      return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
    }
    var typing: [Double] = []
    var saves: [Double] = []
    for i in 0..<(runs * 10) {
      _ = key(.char("e"))
      for _ in 0..<8 { typing.append(key(.tab)) }
      typing.append(key(.ctrl("u")))
      for c in "R\(i % 7)-\(i)" { typing.append(key(.char(c))) }
      saves.append(key(.ctrl("s")))
    }
    row("form keystroke, 2,000 pupils", typing, target: "≤ 2 ms")
    row(
      "save from a form (durable commit and list reload), 2,000 pupils", saves,
      target: "p95 ≤ 10 ms")
  }

  /// The timeline of a pupil with twelve years of history, and the school-wide deadlines over 2,000 pupils, each
  /// from the key that opens it to the frame.
  func measureTimelineAndDeadlines(_ day: Day) throws {
    let longPath = "\(folder)/bench-timeline.sqlite"
    if !FileManager.default.fileExists(atPath: longPath) {
      let store = try Store.open(at: longPath)
      try store.perform { try $0.add(Generator.twelveYears(today: day), today: day) }
    }
    var timeline: [Double] = []
    var app = try CaseloadApp(
      store: try Store.open(at: longPath), today: day, width: 100, height: 30)
    for _ in 0..<(runs * 5) {
      let t0 = DispatchTime.now().uptimeNanoseconds
      _ = app.handle(.key(.char("t")))
      _ = app.frame(width: 100, height: 30)
      timeline.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      _ = app.handle(.key(.escape))
    }
    row("open the timeline, 12 years (36 cycles, 200 contacts)", timeline, target: "≤ 10 ms")

    var deadlines: [Double] = []
    var school = try CaseloadApp(
      store: try Store.open(at: try storePath(2_000, day)), today: day, width: 100, height: 30)
    for _ in 0..<(runs * 2) {
      let t0 = DispatchTime.now().uptimeNanoseconds
      _ = school.handle(.key(.char("D")))
      _ = school.frame(width: 100, height: 30)
      deadlines.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      _ = school.handle(.key(.escape))
    }
    row("open the deadlines screen, 2,000 pupils", deadlines, target: "≤ 30 ms")
  }

  func storePath(_ pupils: Int, _ day: Day) throws -> String {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let events = min(pupils * 50, 100_000)
    let path = "\(folder)/bench-\(pupils)-\(events).sqlite"
    if !FileManager.default.fileExists(atPath: path) {
      try Generator.generate(at: path, pupils: pupils, events: events, today: day)
    }
    return path
  }

  func row(_ name: String, _ xs: [Double], target: String, unit: String = "ms") {
    let s = xs.sorted()
    func q(_ p: Double) -> String {
      let v = s[min(s.count - 1, max(0, Int((Double(s.count) * p).rounded(.up)) - 1))]
      return unit == "ms" ? String(format: "%.2f ms", v) : String(format: "%.0f \(unit)", v)
    }
    print("| \(name) | \(q(0.5)) | \(q(0.95)) | \(q(0.99)) | \(target) |")
  }
}

/// A `caseload` process on a pseudo-terminal of a given size, as a terminal emulator would run it.
final class PseudoTerminalSession {
  let master: Int32
  let pid: pid_t
  /// From spawning to the last byte of the first frame.
  private(set) var firstFrameMilliseconds = 0.0

  init(_ exe: String, _ args: [String], width: Int, height: Int) throws {
    var name = [CChar](repeating: 0, count: 128)
    master = cl_open_pty(&name, Int32(name.count), Int32(height), Int32(width))
    guard master >= 0 else { throw ValidationError("no pseudo-terminal") }
    let slave = String(cString: name)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // A new session, so that opening the terminal makes it the controlling one.
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, slave, O_RDWR, 0)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, cl_posix_spawn_setsid())
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LANG"] = "C.UTF-8"
    environment.removeValue(forKey: "NO_COLOR")
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    let argv = ([exe] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var child: pid_t = 0
    let t0 = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&child, exe, &actions, &attributes, argv, envp) == 0 else {
      throw ValidationError("cannot start \(exe)")
    }
    pid = child
    let (_, last) = drain(quietMilliseconds: 300)
    firstFrameMilliseconds = Double(last - t0) / 1e6
  }

  /// Sends a key and waits until the screen has stopped changing: the bytes that came back, and the time to the
  /// last of them.
  func send(_ text: String) -> (bytes: Int, milliseconds: Double) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, text.utf8.count) }
    let (count, last) = drain(quietMilliseconds: 30)
    return (count, Double(max(last, t0) - t0) / 1e6)
  }

  /// Reads until nothing arrives for `quietMilliseconds`: how many bytes came and when the last did.
  func drain(quietMilliseconds: Int32) -> (Int, UInt64) {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    var total = 0
    var last: UInt64 = 0
    while true {
      var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      guard poll(&pfd, 1, quietMilliseconds) > 0 else { break }
      let n = read(master, &buffer, buffer.count)
      guard n > 0 else { break }
      total += n
      last = DispatchTime.now().uptimeNanoseconds
    }
    return (total, last)
  }

  /// Quits the screen and reaps the process.
  func finish() {
    _ = send("q")
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }
}
