import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Who changed what and when: the whole store's history, or one pupil's.")

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("A pupil: id, UPN or name.", valueName: "pupil")) var pupil: String?
  @Option(help: "How many steps, newest first.") var limit = 20
  @Flag(help: "Print JSON.") var json = false

  /// One step: what someone did, and the pupils it changed (`records` also names the settings).
  struct Entry: Encodable {
    var step: Int64
    var at: String
    var actor: String
    var summary: String
    var reverts: Int64?
    var pupils: [StatusReport.PupilRef]
    var records: [String]
  }

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be 1 or more.") }
  }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let id = try pupil.map { try session.resolve($0).id }
    let raw = try session.store.history(for: id, limit: limit)
    var known: [AggregateID: PupilSummary?] = [:]
    func summary(_ id: AggregateID) throws -> PupilSummary? {
      if let s = known[id] { return s }
      let s = try session.store.summary(id)
      known[id] = s
      return s
    }
    let year = SchoolYear(containing: session.today)
    let entries = try raw.map { e in
      Entry(
        step: e.step, at: e.at, actor: e.actor, summary: e.summary, reverts: e.reverts,
        pupils: try e.records.compactMap { try summary($0) }.map {
          StatusReport.PupilRef(
            $0.id, name: $0.displayName, dateOfBirth: $0.dateOfBirth,
            year: YearGroup(dateOfBirth: $0.dateOfBirth, in: year, offset: $0.yearGroupOffset))
        },
        records: e.records.map(\.rawValue))
    }
    if json { return try JSON.print(entries) }
    var out = Output()
    if entries.isEmpty { out.line("No history yet.") }
    var table = Table()
    for (e, entry) in zip(raw, entries) {
      // A step over several pupils says how many, so an import of thirty is one line.
      let who =
        id != nil || entry.pupils.count < 2 ? "" : " (\(entry.pupils.count) pupils)"
      table.add(e.localTime, e.actor, e.summary + who)
    }
    table.render(indent: "").forEach { out.line($0) }
    out.flush()
  }
}

struct UndoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "undo", abstract: "Undo your last step (also one made before a restart).")
  @ParentCommand var global: Caseload
  @Flag(
    help:
      "Keep your last step as it is (someone has changed the pupil since) and undo the one before it."
  )
  var skip = false

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    if skip {
      let kept = try session.store.keepLastStep()
      Output.say("Kept: \(kept.summary)")
    }
    do {
      Output.say("Undone: \(try session.store.undo().summary)")
    } catch let error as StoreError where error.kind == .undoRefused {
      throw CLIError(
        error.message
          + " Undo their change first, or run `caseload undo --skip` to keep yours and undo the step before it."
      )
    }
  }
}

struct RedoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "redo", abstract: "Redo the step you last undid.")
  @ParentCommand var global: Caseload

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let outcome = try session.store.redo()
    Output.say("Redone: \(outcome.summary)")
  }
}

struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo", abstract: "Write the invented demo caseload into a new store.")
  @ParentCommand var global: Caseload

  func run() throws {
    guard Session.explicitStorePath(global) != nil else {
      throw ValidationError("Say where to write the demo: caseload demo --store PATH (a new file).")
    }
    let session = try Session.open(global, create: true)
    defer { session.close() }
    try DemoWriter.write(into: session.store, today: session.today)
    Output.say(
      "Wrote the demo caseload (\(try session.store.pupilCount()) invented pupils) to \(session.store.path)."
    )
  }
}
