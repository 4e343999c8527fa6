import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadTUI
import Foundation

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Who changed what and when: the whole store's history, or one pupil's.")

  @ParentCommand var global: Caseload
  @Argument(help: ArgumentHelp("A pupil: id, UPN or name.", valueName: "pupil")) var pupil: String?
  @Option(help: "How many entries, newest first.") var limit = 20
  @Flag(help: "Print JSON.") var json = false

  struct Entry: Encodable {
    var seq: Int64
    var step: Int64
    var at: String
    var actor: String
    var pupil: String
    var summary: String
    var reverts: Int64?
  }

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be 1 or more.") }
  }

  func run() throws {
    let session = try Session.open(global)
    defer { session.close() }
    let id = try pupil.map { try session.resolve($0).id }
    let raw = try session.store.history(for: id, limit: limit)
    let entries = raw.map {
      Entry(
        seq: $0.seq, step: $0.step, at: $0.at, actor: $0.actor, pupil: $0.aggregateID.rawValue,
        summary: $0.summary,
        reverts: $0.reverts)
    }
    if json { return try JSON.print(entries) }
    var out = Output()
    if entries.isEmpty { out.line("No history yet.") }
    var table = Table()
    for e in raw { table.add(e.localTime, e.actor, e.summary) }
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
      print("Kept: \(kept.summary)")
    }
    do {
      print("Undone: \(try session.store.undo().summary)")
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
    print("Redone: \(outcome.summary)")
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
    print(
      "Wrote the demo caseload (\(try session.store.pupilCount()) invented pupils) to \(session.store.path)."
    )
  }
}
