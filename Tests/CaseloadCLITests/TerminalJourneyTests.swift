import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// Journeys in a real terminal: tmux runs Caseload, `send-keys` types, `capture-pane` reads the screen.
/// Each step waits for text to appear rather than sleeping a fixed time.
@Suite(.serialized) struct TerminalJourneyTests {
  final class Tmux {
    /// A server of its own per journey, so nothing else on the machine is touched.
    let socket = "caseload-\(getpid())-\(UInt32.random(in: 0..<1_000_000))"
    let folder = TemporaryFolder()

    init() throws {
      // tmux forks its server from this command; Foundation's Process would wait for that server too (it keeps
      // the descriptor Process watches), so spawn and reap the command directly.
      let status = spawnAndWait([
        "tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "journey", "-x", "100",
        "-y", "30",
        "env", "PS1=$ ", "bash", "--norc", "--noprofile",
      ])
      guard status == 0 else { throw CLIFailure("tmux did not start (\(status))") }
    }

    deinit { _ = spawnAndWait(["tmux", "-L", socket, "kill-server"]) }

    func type(_ keys: String...) throws {
      try run("/usr/bin/env", ["tmux", "-L", socket, "send-keys", "-t", "journey"] + keys)
    }

    func resize(width: Int, height: Int) throws {
      try run(
        "/usr/bin/env",
        [
          "tmux", "-L", socket, "resize-window", "-t", "journey", "-x", "\(width)", "-y",
          "\(height)",
        ])
    }

    func screen() throws -> String {
      try run("/usr/bin/env", ["tmux", "-L", socket, "capture-pane", "-p", "-t", "journey"]).stdout
    }

    /// Quits Caseload and waits until its screen has gone: keys typed next reach the shell, not a Caseload still
    /// reading its input (it would take them as its own and drop them when it leaves).
    func quitCaseload() throws {
      try type("q")
      for _ in 0..<300 {
        if !(try screen().contains("Caseload — ")) { return }
        usleep(50_000)
      }
      throw CLIFailure("Caseload did not leave after q:\n\(try screen())")
    }

    /// Waits (up to 15 s) until the screen shows every one of `texts` and none of `without`, and returns the
    /// screen. A capture can fall between two writes of one frame, so everything a test reads from a screen is
    /// waited for together rather than checked on the first capture that shows part of it.
    @discardableResult
    func waitFor(_ texts: String..., without: [String] = []) throws -> String {
      for _ in 0..<300 {
        let s = try screen()
        if texts.allSatisfy(s.contains), !without.contains(where: s.contains) { return s }
        usleep(50_000)
      }
      throw CLIFailure(
        "the screen never showed \(texts.map { "“\($0)”" }.joined(separator: ", "))"
          + (without.isEmpty ? "" : " without \(without)") + ":\n\(try screen())")
    }
  }

  struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
  }

  /// Journeys need tmux; without it they fail loudly rather than pass without running.
  static func requireTmux() -> Bool {
    guard FileManager.default.fileExists(atPath: "/usr/bin/tmux") else {
      Issue.record("tmux is needed for the terminal journeys (.ci/run installs it)")
      return false
    }
    return true
  }

  @Test func openTheDemoSearchOpenAPupilGoBackAndQuit() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    try t.type("\(Binary.caseload) --demo --today 2026-11-29", "Enter")
    try t.waitFor("35 shown")
    try t.type("/")
    try t.type("-l", "oisin")
    try t.waitFor("1 shown")
    try t.type("Enter")
    try t.type("Enter")
    try t.waitFor("SEN status", "Oisín O'Brien")
    try t.type("Escape")
    try t.waitFor("1 shown")
    try t.quitCaseload()
    try t.type("echo prompt-back-$((40+2))", "Enter")
    try t.waitFor("prompt-back-42")
  }

  @Test func resizingRedrawsAndATooSmallTerminalRecovers() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let store = t.folder.file("resize.sqlite")
    try run(Binary.caseload, ["demo", "--store", store, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(store) --today 2026-11-29", "Enter")
    try t.waitFor("35 shown", "Flags")
    try t.resize(width: 30, height: 8)
    try t.waitFor("Terminal too small")
    try t.resize(width: 60, height: 16)
    let narrow = try t.waitFor("35 shown", without: ["Terminal too small"])
    #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 })
    try t.quitCaseload()
    try t.type("echo prompt-back-$((40+2))", "Enter")
    try t.waitFor("prompt-back-42")
  }

  @Test func anotherProcessesEditShowsOnTheScreen() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let path = t.folder.file("live.sqlite")
    try run(Binary.caseload, ["demo", "--store", path, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(path) --today 2026-11-29", "Enter")
    try t.waitFor("35 shown")
    try t.type("/")
    try t.type("-l", "oisin")
    try t.type("Enter")
    try t.waitFor("1 shown")
    // This test process is the other session: it renames the pupil the screen has selected.
    let other = try Store.open(
      at: path, actor: ChangeActor(user: "colleague", host: "office", via: "ssh"))
    guard case .one(let oisin) = try other.findPupil("Oisín O'Brien") else {
      Issue.record("the demo has no Oisín O'Brien")
      return
    }
    let today = Day(iso: "2026-11-29")!
    try other.edit(
      oisin.id,
      .setNames(
        legal: PersonName(given: "Oisín", family: "O'Brien"),
        preferred: PersonName(given: "Ossie", family: "O'Brien")),
      today: today)
    // The search still holds.
    try t.waitFor("Ossie O'Brien (Oisín O'Brien)", "1 shown")
    try t.type("Enter")
    try t.waitFor("SEN status")
    try t.quitCaseload()
  }

  /// The demo caseload in the terminal with Oisín's details open, and the store as another process (a
  /// colleague over SSH) sees it.
  static func oisinsDetailsOpen(in t: Tmux) throws -> (Store, PupilSummary) {
    let path = t.folder.file("together.sqlite")
    try run(Binary.caseload, ["demo", "--store", path, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(path) --today 2026-11-29", "Enter")
    try t.waitFor("35 shown")
    try t.type("/")
    try t.type("-l", "oisin")
    try t.type("Enter")
    try t.waitFor("1 shown")
    try t.type("e")
    try t.waitFor("Oisín O'Brien — details")
    let other = try Store.open(
      at: path, actor: ChangeActor(user: "colleague", host: "office", via: "ssh"))
    guard case .one(let oisin) = try other.findPupil("Oisín O'Brien") else {
      throw CLIFailure("the demo has no Oisín O'Brien")
    }
    return (other, oisin)
  }

  @Test func twoProcessesEditingOnePupilMeetAConflictNotAnOverwrite() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let (other, oisin) = try Self.oisinsDetailsOpen(in: t)
    try other.edit(oisin.id, .setRegistrationGroup("4T"), today: Day(iso: "2026-11-29")!)
    for _ in 0..<8 { try t.type("Tab") }
    try t.type("C-u")
    try t.type("-l", "4E")
    try t.type("C-s")
    try t.waitFor("Saved by someone else", "colleague@office")
    #expect(try other.pupil(oisin.id)?.value.registrationGroup == "4T", "nothing overwritten")
    try t.type("r")
    try t.waitFor("Your unsaved values")
    try t.type("Escape")
    try t.waitFor("1 shown")
    try t.quitCaseload()
  }

  @Test func twoProcessesChangingDifferentFieldsMergeAndAClashIsSettledByAPick() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let (other, oisin) = try Self.oisinsDetailsOpen(in: t)
    let day = Day(iso: "2026-11-29")!
    // Another field: the save merges without asking, and the screen said whose save came in.
    try other.edit(oisin.id, .setUPN("A123456789012"), today: day)
    try t.waitFor("Updated: saved meanwhile by colleague@office")
    for _ in 0..<8 { try t.type("Tab") }
    try t.type("C-u")
    try t.type("-l", "4E")
    // The same field meanwhile: the box asks, m keeps this session's value.
    try other.edit(oisin.id, .setRegistrationGroup("4T"), today: day)
    try t.waitFor("Saved meanwhile by colleague@office")
    try t.type("C-s")
    try t.waitFor("Saved by someone else", "Registration group — pick m or t")
    try t.type("m")
    try t.type("Enter")
    try t.waitFor("1 shown")
    let stored = try #require(try other.pupil(oisin.id)).value
    #expect(stored.registrationGroup == "4E", "the value picked")
    #expect(stored.upn == "A123456789012", "the other session's change kept")
    try t.quitCaseload()
  }

  @Test func addAPupilWriteAnOutcomeUndoRedoQuitReopenAndItIsThere() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let path = t.folder.file("journey.sqlite")
    try run(Binary.caseload, ["demo", "--store", path, "--today", "2026-11-29"])
    let open = "\(Binary.caseload) --store \(path) --today 2026-11-29"
    try t.type(open, "Enter")
    try t.waitFor("35 shown")
    // A new pupil.
    try t.type("a")
    try t.waitFor("New pupil")
    try t.type("-l", "Zoë")
    try t.type("Tab")
    try t.type("-l", "Núñez")
    for _ in 0..<4 { try t.type("Tab") }
    try t.type("-l", "12/03/2016")
    try t.type("C-s")
    try t.waitFor("Saved: Zoë Núñez: added")
    try t.type("/")
    try t.type("-l", "zoe nunez")
    try t.type("Enter")
    try t.waitFor("1 shown")
    // On SEN support for a specific learning difficulty, from today.
    try t.type("n")
    try t.waitFor("needs and SEN status")
    try t.type("a")
    try t.type("-l", "spld")
    try t.type("Enter")
    try t.type("Tab")
    try t.type("Enter")
    try t.type("-l", "add")
    try t.type("Enter")
    try t.type("C-s")
    try t.waitFor("Saved: Zoë Núñez: SEN support (K)")
    // The first cycle, and an outcome in its plan.
    try t.type("p")
    try t.waitFor("starts the first cycle")
    try t.type("N")
    try t.waitFor("Starts on")
    try t.type("Enter")
    try t.waitFor("cycle 1 started")
    try t.type("g")
    try t.type("j")
    try t.type("Enter")
    try t.type("a")
    try t.waitFor("new outcome")
    try t.type("Tab")
    try t.type("-l", "Zoë will read 40 words a minute")
    try t.type("C-s")
    try t.waitFor("outcome 1 added")
    try t.type("Escape")
    try t.waitFor("Outcomes (1)")
    try t.type("u")
    try t.waitFor("Outcomes (0)")
    try t.type("C-r")
    try t.waitFor("Outcomes (1)")
    try t.type("Escape")
    try t.waitFor("1 shown")
    try t.quitCaseload()
    try t.type("echo prompt-back-$((40+2))", "Enter")
    try t.waitFor("prompt-back-42")
    // Reopened, the outcome is there.
    try t.type("clear", "Enter")
    try t.type(open, "Enter")
    try t.waitFor("1 shown")
    try t.type("p")
    try t.waitFor("Outcomes (1)")
    try t.type("Escape")
    try t.waitFor("1 shown")
    try t.quitCaseload()
    let plan = try run(
      Binary.caseload, ["plan", "zoe nunez", "--store", path, "--today", "2026-11-29"])
    #expect(plan.stdout.contains("1. Zoë will read 40 words a minute"))
  }

  @Test func logAConcernAndSeeItOnTheTimeline() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let path = t.folder.file("timeline.sqlite")
    try run(Binary.caseload, ["demo", "--store", path, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(path) --today 2026-11-29", "Enter")
    try t.waitFor("35 shown")
    try t.type("/")
    try t.type("-l", "oisin")
    try t.type("Enter")
    try t.waitFor("1 shown")
    try t.type("c")
    try t.waitFor("new concern")
    try t.type("Tab")
    try t.type("Tab")
    try t.type("-l", "Mrs Airey (class teacher)")
    try t.type("Tab")
    try t.type("Tab")
    try t.type("-l", "Muddles b and d when tired")
    try t.type("C-s")
    try t.waitFor("Saved: Oisín O'Brien")
    try t.type("t")
    try t.waitFor("Concerns")
    try t.type("Home")
    try t.waitFor("Muddles b and d when tired", "Mrs Airey")
    try t.type("Escape")
    try t.waitFor("1 shown")
    try t.quitCaseload()
  }

  @Test(arguments: ["TERM", "HUP"])
  func aSignalRestoresTheTerminal(signal: String) throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let store = t.folder.file("signal-\(signal).sqlite")
    try run(Binary.caseload, ["demo", "--store", store, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(store) --today 2026-11-29; echo exited-$?", "Enter")
    try t.waitFor("35 shown")
    try run("/usr/bin/env", ["pkill", "-\(signal)", "-f", "caseload --store \(store)"])
    try t.waitFor("exited-")
    try t.type("echo prompt-back-$((40+2))", "Enter")
    let screen = try t.waitFor("prompt-back-42")
    #expect(!screen.contains("35 shown"), "the caseload screen is gone after the signal")
  }

  @Test func closingTheTerminalEndsCaseloadInsteadOfLeavingItRunning() throws {
    guard Self.requireTmux() else { return }
    let t = try Tmux()
    let store = t.folder.file("closed.sqlite")
    try run(Binary.caseload, ["demo", "--store", store, "--today", "2026-11-29"])
    try t.type("\(Binary.caseload) --store \(store) --today 2026-11-29", "Enter")
    try t.waitFor("35 shown")
    // Close the terminal the hard way: its tmux server dies, and SIGHUP may or may not arrive.
    _ = spawnAndWait(["tmux", "-L", t.socket, "kill-server"])
    var stillRunning = true
    for _ in 0..<200 where stillRunning {
      stillRunning = spawnAndWait(["pgrep", "-f", "caseload --store \(store)"]) == 0
      if stillRunning { usleep(50_000) }
    }
    #expect(!stillRunning, "Caseload kept running after its terminal closed")
    if stillRunning { _ = spawnAndWait(["pkill", "-9", "-f", "caseload --store \(store)"]) }
  }
}

/// Runs a program found on PATH with output discarded, and waits for that program alone to exit.
func spawnAndWait(_ arguments: [String]) -> Int32 {
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  for fd: Int32 in [0, 1, 2] {
    posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
  }
  let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  var environment = ProcessInfo.processInfo.environment
  environment.removeValue(forKey: "TMUX")
  let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer { envp.forEach { free($0) } }
  // The terminal under test starts with default signal handling and nothing blocked, as from a login shell.
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var none = sigset_t()
  sigemptyset(&none)
  var all = sigset_t()
  sigfillset(&all)
  posix_spawnattr_setsigmask(&attributes, &none)
  posix_spawnattr_setsigdefault(&attributes, &all)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  var pid: pid_t = 0
  guard posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp) == 0 else { return -1 }
  var status: Int32 = 0
  while waitpid(pid, &status, 0) < 0, errno == EINTR {}
  return (status >> 8) & 0xFF
}
