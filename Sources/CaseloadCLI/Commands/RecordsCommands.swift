import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

/// Asks before something that cannot be undone. On a terminal the person types `erase`; a script must say
/// `--yes`, so nothing is ever erased by a command run without someone meaning it.
func confirmErasure(_ question: String, yes: Bool) throws {
  if yes { return }
  guard isatty(0) != 0 else {
    throw CLIError("\(question) Nothing was erased: add --yes to erase without being asked.")
  }
  FileHandle.standardError.write(
    Data(Output.cleaned("\(question) This cannot be undone. Type erase to go ahead: ").utf8))
  guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "erase" else {
    throw CLIError("Nothing was erased.")
  }
}

struct RetentionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "retention",
    abstract: "Erase leavers whose records are past the school's retention period.",
    discussion: """
      The period is the settings' years from the date of birth (31 by default, as the school's records \
      policy says). Each erased pupil's record, history, access log, drafts and preferences go, the file is \
      rewritten so their bytes leave the disk, and the erasure log keeps one line with no personal data.
      """)

  @ParentCommand var global: Caseload
  @Flag(help: "List who would be erased, and erase nothing.") var dryRun = false
  @Flag(help: "Erase without asking (for scripts).") var yes = false
  @Flag(help: "Print the erasure log instead.") var log = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    var out = Output()
    if log {
      let lines = try session.store.erasureLog()
      if lines.isEmpty { out.line("Nothing has been erased from this store.") }
      var table = Table()
      for l in lines {
        table.add(
          l.localTime, l.actor, l.rule,
          "\(l.records) record\(l.records == 1 ? "" : "s"), \(l.events) changes, \(l.steps) steps")
      }
      table.render(indent: "").forEach { out.line($0) }
      return out.flush()
    }
    let years = try session.settings().retentionYears
    let due = try session.store.retentionDue(today: session.today, years: years)
    guard !due.isEmpty else {
      out.line(
        "No leaver's records are past the retention period (\(years) years from date of birth).")
      out.flush()
      // Finishes an earlier erasure whose rewrite another session held up.
      if !dryRun { try session.store.compactFile() }
      return
    }
    out.line(
      "\(due.count) leaver\(due.count == 1 ? "'s records are" : "s' records are") past the retention period of \(years) years from date of birth:"
    )
    var table = Table()
    for d in due {
      table.add(
        d.pupil.displayName, "born \(d.pupil.dateOfBirth.british)",
        "left \(d.pupil.left?.british ?? "?")", "kept until \(d.keptUntil.british)")
    }
    table.render().forEach { out.line($0) }
    if dryRun {
      out.line("A dry run: nothing was erased. Run `caseload retention` to erase them.")
      return out.flush()
    }
    out.flush()
    try confirmErasure(
      "Erase everything held about \(due.count == 1 ? "this pupil" : "these \(due.count) pupils")?",
      yes: yes)
    let line = try session.store.erase(due.map(\.pupil.id), rule: .retention(years: years))
    Output.say(
      "Erased \(line.records) record\(line.records == 1 ? "" : "s") and \(line.events) changes from the history; the erasure log keeps one line."
    )
  }
}

struct EraseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "erase",
    abstract:
      "Erase a pupil's record entered in error (the wrong child, a duplicate), history and all.",
    discussion: """
      For a record that should never have been made. To take back a recent change use `caseload undo`; for \
      leavers past the retention period use `caseload retention`.
      """)

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("A pupil: id, UPN or name.", valueName: "pupil")) var pupil: String
  @Flag(help: "Erase without asking (for scripts).") var yes = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let s = try session.resolve(pupil)
    var who = "\(s.displayName) (born \(s.dateOfBirth.british), \(s.yearGroup(on: session.today))"
    if let upn = s.upn { who += ", UPN \(upn)" }
    who += ")"
    try confirmErasure("Erase everything held about \(who) as a record entered in error?", yes: yes)
    let line = try session.store.erase([s.id], rule: .enteredInError)
    Output.say(
      "Erased \(s.displayName)'s record and \(line.events) changes from the history; the erasure log keeps one line."
    )
  }
}

struct AccessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "access",
    abstract: "Who has looked at a pupil's record, and when (one line per person and hour).")

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("A pupil: id, UPN or name.", valueName: "pupil")) var pupil: String
  @Flag(help: "Print JSON.") var json = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let s = try session.resolve(pupil)
    let lines = try session.store.accessLog(for: s.id)
    if json { return try JSON.print(lines) }
    var out = Output()
    if lines.isEmpty { out.line("No one has looked at \(s.displayName)'s record yet.") }
    var table = Table()
    for l in lines { table.add(l.localHour, l.actor, l.what.joined(separator: ", ")) }
    table.render(indent: "").forEach { out.line($0) }
    out.flush()
  }
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract:
      "Check the store for damage: the file, every record, the summaries and the whole history.",
    discussion: """
      Exit 0 when the store is sound, 1 with a report when it is not. With --repair, summaries that do not \
      match the records are rebuilt from the history (the records and history themselves are never changed).
      """)

  @ParentCommand var global: Caseload
  @Flag(help: "Rebuild the summaries from the history when only they are wrong.") var repair = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    var report = try session.store.check()
    if repair, !report.isSound, report.problems.allSatisfy({ $0.contains("derived row") }) {
      try session.store.rebuildFromHistory()
      Output.say("Rebuilt the summaries from the history.")
      report = try session.store.check()
    }
    guard report.isSound else {
      var lines = ["The store \(session.store.path) is damaged:"]
      lines += report.problems.prefix(50).map { "  \($0)" }
      if report.problems.count > 50 { lines.append("  … and \(report.problems.count - 50) more") }
      throw CLIError(lines.joined(separator: "\n"))
    }
    Output.say(
      "The store \(session.store.path) is sound: \(report.records) records, \(report.events) changes in the history, all checked."
    )
  }
}
