import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

extension LogKind: ExpressibleByArgument {}

/// `caseload log PUPIL …`: the quick note over SSH after a phone call. Its follow-up date joins the agenda.
struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract:
      "Log a concern or a contact (meeting, call, letter, email, note); a follow-up date joins the agenda."
  )

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("A pupil: id, UPN or name.", valueName: "pupil")) var pupil: String
  @Option(help: "concern, meeting, call, letter, email or note.") var kind: LogKind
  @Option(
    help: ArgumentHelp(
      "When it happened (default today): 31/12/2025, 2025-12-31, -3d, yesterday…", valueName: "date"
    ))
  var date: String?
  @Option(help: ArgumentHelp("Who raised it, or who it was with.", valueName: "who")) var with = ""
  @Flag(help: "Parents or carers took part (a meeting then counts towards the year's meetings).")
  var parents = false
  @Option(help: "What was said or seen.") var summary: String
  @Option(help: "What was agreed to do.") var action = ""
  @Option(
    name: .customLong("follow-up"),
    help: ArgumentHelp("When to follow it up: a date, +2w, next term…", valueName: "date"))
  var followUp: String?

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let settings = try session.settings()
    func day(_ text: String?, _ what: String) throws -> Day? {
      guard let text else { return nil }
      switch DateEntry.parse(text, today: session.today, settings: settings) {
      case .success(let d): return d
      case .failure(let e): throw CLIError("\(what) “\(text)”: \(e.message)")
      }
    }
    let target = try session.resolve(pupil)
    let entry = LogEntry(
      kind: kind, date: try day(date, "--date") ?? session.today, who: with, withParents: parents,
      summary: summary, action: action, followUp: try day(followUp, "--follow-up"))
    let saved = try session.store.edit(target.id, .log(entry), today: session.today)
    var out = Output()
    out.line("Logged: \(saved?.summary ?? entry.summary)")
    if let f = entry.followUp {
      out.line(
        "Follow-up on \(DateEntry.describe(f, today: session.today)): it is on the agenda (`caseload due`)."
      )
    }
    out.flush()
  }
}

/// `caseload done KEY`: marks an agenda item done, by the key `due --json` gives it.
struct DoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done",
    abstract:
      "Mark a follow-up, an action or a provision's end done, by its key from `caseload due --json`.",
    discussion:
      "The key looks like pdemo0001/follow-up/log:12. `caseload undo` takes the step back.")

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("The item's key.", valueName: "key")) var key: String
  @Option(help: ArgumentHelp("When it was done (default today).", valueName: "date")) var date:
    String?

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let parts = key.split(separator: "/", maxSplits: 2).map(String.init)
    guard parts.count == 3, let kind = DeadlineKind(rawValue: parts[1]),
      let ref = AgendaRef(rawValue: parts[2]), ref != .none
    else {
      throw CLIError(
        "“\(key)” is not an agenda item's key; `caseload due --json` gives each item's key, like pdemo0001/follow-up/log:12."
      )
    }
    guard kind.isMarkedDone else {
      throw CLIError("A \(kind.title) is met by recording it, not marked done.")
    }
    var day = session.today
    if let date {
      switch DateEntry.parse(date, today: session.today, settings: try session.settings()) {
      case .success(let d): day = d
      case .failure(let e): throw CLIError("--date “\(date)”: \(e.message)")
      }
    }
    let id = AggregateID(parts[0])
    guard try session.store.summary(id) != nil else {
      throw CLIError("There is no pupil with the id \(parts[0]).")
    }
    let saved = try session.store.edit(id, .markDone(ref, on: day), today: session.today)
    Output.say("Done: \(saved?.summary ?? key) — `caseload undo` takes it back")
  }
}
