import CaseloadCore
import Foundation
import GRDB

/// What an undo or redo did, for the line the person sees.
public struct UndoOutcome: Sendable, Hashable {
  /// The summary of the step that was undone or redone.
  public var summary: String
  public var step: Int64
}

/// The step `undo` would take back now, and where it was made: a step from another terminal or machine is
/// asked about before it is undone.
public struct PendingUndo: Sendable, Hashable {
  public var step: Int64
  public var summary: String
  /// `alice@office-pc (/dev/pts/3)`, as the history writes it.
  public var actor: String
  /// When, in local time: `03/12/2026 16:20`.
  public var at: String
}

extension Store {
  /// The step `undo()` would take back, or nil when there is none.
  public func nextUndo() throws -> PendingUndo? {
    try read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT id, actor, at FROM step WHERE user = ? AND kind IN ('do', 'redo') AND state = 'live'
            ORDER BY id DESC LIMIT 1
            """, arguments: [actor.user])
      else { return nil }
      let id: Int64 = try row.decode(atIndex: 0)
      return PendingUndo(
        step: id, summary: try originalSummary(db, step: id), actor: try row.decode(atIndex: 1),
        at: Timestamp.local(try row.decode(atIndex: 2)))
    }
  }

  /// Undoes the invoking user's last step that is still in effect, by appending a compensating step.
  ///
  /// Refused when another step has changed any of the same records since: undoing would silently throw their
  /// work away. The message names who changed it and when. With `expected` (from `nextUndo()`, after asking),
  /// refused too when another of the user's steps has come in since: it is not the step they agreed to undo.
  public func undo(expected: Int64? = nil) throws -> UndoOutcome {
    let (outcome, writer) = try write { db in
      let id = try lastUndoableStep(db)
      if let expected, expected != id {
        throw StoreError(
          .conflict,
          "Another step of yours was saved meanwhile (“\(try originalSummary(db, step: id))”); nothing was undone. Press u again to see it."
        )
      }
      let summary = try originalSummary(db, step: id)
      let writer = try revert(
        db, step: id, as: "undo", summary: "Undo: \(summary)", refusing: "undo")
      try db.execute(sql: "UPDATE step SET state = 'undone' WHERE id = ?", arguments: [id])
      return (UndoOutcome(summary: summary, step: id), writer)
    }
    writer.publish()
    return outcome
  }

  /// Redoes the invoking user's last undone step, if they have made no new change since.
  public func redo() throws -> UndoOutcome {
    let (outcome, writer) = try write { db in
      guard
        let step = try Row.fetchOne(
          db,
          sql:
            "SELECT id FROM step WHERE user = ? AND kind = 'undo' AND state = 'live' ORDER BY id DESC LIMIT 1",
          arguments: [actor.user])
      else {
        throw StoreError(
          .nothingToUndo, "Nothing to redo: \(actor.user) has no undone steps to redo.")
      }
      let id: Int64 = step["id"]
      let summary = try originalSummary(db, step: id)
      let writer = try revert(
        db, step: id, as: "redo", summary: "Redo: \(summary)", refusing: "redo")
      try db.execute(sql: "UPDATE step SET state = 'redone' WHERE id = ?", arguments: [id])
      return (UndoOutcome(summary: summary, step: id), writer)
    }
    writer.publish()
    return outcome
  }

  /// The summary of the user action behind a chain of undos and redos.
  func originalSummary(_ db: Database, step: Int64) throws -> String {
    var id = step
    while let row = try Row.fetchOne(
      db, sql: "SELECT kind, reverts, summary FROM step WHERE id = ?", arguments: [id])
    {
      guard let reverts = (try row.decode(Int64?.self, forColumn: "reverts")) else {
        return (try row.decode(forColumn: "summary"))
      }
      id = reverts
    }
    return "step \(step)"
  }

  /// Appends a step that puts every record `step` changed back as it was before it.
  @discardableResult
  private func revert(
    _ db: Database, step: Int64, as kind: String, summary: String, refusing verb: String
  ) throws -> StepWriter {
    let events = try Row.fetchAll(
      db,
      sql: """
        SELECT aggregate_id, aggregate_kind, delta, after_hash, after_version, summary, before_version
        FROM event WHERE step = ? ORDER BY seq
        """,
      arguments: [step])
    let writer = StepWriter(db: db, store: self)
    for event in events.reversed() {
      let id = AggregateID((try event.decode(forColumn: "aggregate_id")))
      let current = try aggregateRow(db, id)
      let now = current?.document.map { [UInt8]($0) } ?? []
      // The record must still be as the step left it: same version, or the same bytes again after the user's own
      // later steps were undone. Anything else is someone's newer work, which undo must not throw away.
      let unchanged =
        try current?.version == ((try event.decode(Int.self, forColumn: "after_version")))
        || DocumentHash.of(now) == ((try event.decode(Int64.self, forColumn: "after_hash")))
      if !unchanged {
        let later = try Row.fetchOne(
          db,
          sql:
            "SELECT actor, at, summary FROM event WHERE aggregate_id = ? ORDER BY seq DESC LIMIT 1",
          arguments: [id.rawValue])
        let what = ((try event.decode(String.self, forColumn: "summary")))
        let name = try recordName(db, id, document: now)
        throw StoreError(
          .undoRefused,
          "Cannot \(verb) “\(what)”: \(name) has been changed since by \(later?["actor"] as String? ?? "someone") at \(Timestamp.local(later?["at"] as String? ?? "")) (“\(later?["summary"] as String? ?? "")”)."
        )
      }
      let back: DocumentDelta
      let before: [UInt8]
      do {
        back = try DocumentDelta(json: [UInt8]((try event.decode(Data.self, forColumn: "delta"))))
          .reversed
        before = try back.apply(to: now)
      } catch {
        throw StoreError(
          .damaged,
          "Cannot \(verb) “\((try event.decode(String.self, forColumn: "summary")))”: its record in the history cannot be read, so the store may be damaged. Run `caseload check`."
        )
      }
      let kind = AggregateKind(rawValue: (try event.decode(forColumn: "aggregate_kind"))) ?? .pupil
      // The version undo goes back to is often still decoded in this process.
      var pupil: Pupil?
      if kind == .pupil, !before.isEmpty {
        if let version = (try event.decode(Int?.self, forColumn: "before_version")),
          let known = pupils.entry(id, version: version), known.bytes == before
        {
          pupil = known.pupil
        } else {
          pupil = try Documents.decode(Pupil.self, from: Data(before), id: id.rawValue)
        }
      }
      // Bringing a pupil back is refused when someone has added the same child again meanwhile.
      if now.isEmpty, let pupil,
        let twin = try Row.fetchOne(
          db,
          sql: """
            SELECT id, display_name FROM pupil_summary WHERE legal_name = ? AND date_of_birth = ? AND id <> ?
            """, arguments: [pupil.legalName.full, pupil.dateOfBirth.iso, id.rawValue])
      {
        let twinID = AggregateID(try twin.decode(atIndex: 0))
        let added = try Row.fetchOne(
          db, sql: "SELECT actor, at FROM event WHERE aggregate_id = ? ORDER BY seq LIMIT 1",
          arguments: [twinID.rawValue])
        throw StoreError(
          .conflict,
          "Cannot \(verb) “\(try event.decode(String.self, forColumn: "summary"))”: \(try twin.decode(String.self, atIndex: 1)) (born \(pupil.dateOfBirth.british)) has been added again since, by \(try added?.decode(String?.self, atIndex: 0) ?? "someone") at \(Timestamp.local(try added?.decode(String?.self, atIndex: 1) ?? "")); bringing the first record back would make them twice."
        )
      }
      try writer.stage(
        id, kind: kind, document: before.isEmpty ? nil : Data(before), pupil: pupil, delta: back,
        summary: summary)
    }
    _ = try writer.commit(summary: summary, kind: kind, reverts: step)
    return writer
  }
}

extension Store {
  /// The name a refusal gives a record, from the record itself: the pupil's name, or the settings.
  func recordName(_ db: Database, _ id: AggregateID, document: [UInt8]) throws -> String {
    if id == .settings { return "The school settings" }
    if let name = try String.fetchOne(
      db, sql: "SELECT display_name FROM pupil_summary WHERE id = ?", arguments: [id.rawValue])
    {
      return name
    }
    return "The pupil \(id.rawValue)"
  }

  /// Takes the user's last step off their undo list without reverting it, so the step before it can be undone.
  /// For a step whose undo is refused because someone has built on it since.
  public func keepLastStep() throws -> UndoOutcome {
    try write { db in
      let id = try lastUndoableStep(db)
      try db.execute(sql: "UPDATE step SET state = 'kept' WHERE id = ?", arguments: [id])
      return UndoOutcome(summary: try originalSummary(db, step: id), step: id)
    }
  }

  /// The user's newest step still in effect: the top of their undo stack.
  private func lastUndoableStep(_ db: Database) throws -> Int64 {
    let sql = """
      SELECT id FROM step WHERE user = ? AND kind IN ('do', 'redo') AND state = 'live' ORDER BY id DESC LIMIT 1
      """
    guard let id = try Int64.fetchOne(db, sql: sql, arguments: [actor.user]) else {
      throw StoreError(.nothingToUndo, "Nothing to undo: \(actor.user) has no steps left to undo.")
    }
    return id
  }
}
