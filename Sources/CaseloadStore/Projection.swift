import CaseloadCore
import Foundation
import GRDB

/// Keeps the state tables in step with a document: the aggregate row, and for pupils the summary and deadline rows
/// the lists and `status` read without decoding documents.
enum Projection {
  /// The version of the rules that build the summary and agenda rows. Raise it whenever a rule in CaseloadCore
  /// that feeds them changes: a store built by older rules has its rows rebuilt when it is next opened. 3: an E
  /// pupil without a plan record has an "EHC plan dates missing" item; the appeal window counts a mediation
  /// certificate.
  static let rulesVersion: Int32 = 3

  /// Rebuilds every summary, agenda and parent-meeting row from the records as they stand.
  static func rebuildDerivedRows(_ db: Database) throws {
    try db.execute(
      sql: "DELETE FROM deadline; DELETE FROM parent_meeting; DELETE FROM pupil_summary")
    let rows = try Row.fetchCursor(
      db, sql: "SELECT id, kind, version, document FROM aggregate WHERE document IS NOT NULL")
    while let row = try rows.next() {
      try put(
        db, id: AggregateID(try row.decode(atIndex: 0)),
        kind: AggregateKind(rawValue: try row.decode(atIndex: 1)) ?? .pupil,
        version: try row.decode(atIndex: 2), document: try row.decode(atIndex: 3))
    }
  }

  /// Every pupil's summary, agenda and parent-meeting rows again, as the records and settings stand.
  static func rebuildPupilRows(_ db: Database) throws {
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT id, version, document FROM aggregate WHERE kind = ? AND document IS NOT NULL",
      arguments: [AggregateKind.pupil.rawValue])
    while let row = try rows.next() {
      try put(
        db, id: AggregateID(try row.decode(atIndex: 0)), kind: .pupil,
        version: try row.decode(atIndex: 1), document: try row.decode(atIndex: 2))
    }
  }

  /// The school's phase-transfer years as its settings record holds them (the usual ones before it has any).
  static func transferYears(_ db: Database) throws -> [Int] {
    // Read in SQLite, not by decoding the settings: every pupil saved asks.
    guard
      let text = try String.fetchOne(
        db.cachedStatement(
          sql:
            "SELECT json_extract(CAST(document AS TEXT), '$.phaseTransferYears') FROM aggregate WHERE id = ?"
        ), arguments: [AggregateID.settings.rawValue])
    else { return StatutoryLimits.phaseTransferYears }
    let years = text.split(whereSeparator: { "[], ".contains($0) }).compactMap { Int($0) }
    return years.allSatisfy({ (-1...13).contains($0) }) ? years : StatutoryLimits.phaseTransferYears
  }

  /// `pupil` is the document decoded, when the caller has it: decoding it again costs more than the writes.
  static func put(
    _ db: Database, id: AggregateID, kind: AggregateKind, version: Int, document: Data?,
    pupil known: Pupil? = nil
  ) throws {
    // A change of the school's phases moves every pupil's phase-transfer dates: their rows follow.
    let transfersBefore = kind == .settings ? try transferYears(db) : nil
    try db.runCached(
      sql: """
        INSERT INTO aggregate (id, kind, version, document) VALUES (?, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, version = excluded.version, document = excluded.document
        """,
      arguments: [id.rawValue, kind.rawValue, version, document])
    if let transfersBefore, try transferYears(db) != transfersBefore {
      try rebuildPupilRows(db)
    }
    guard kind == .pupil else { return }
    try db.runCached(sql: "DELETE FROM deadline WHERE pupil_id = ?", arguments: [id.rawValue])
    try db.runCached(sql: "DELETE FROM parent_meeting WHERE pupil_id = ?", arguments: [id.rawValue])
    guard let document else {
      try db.runCached(sql: "DELETE FROM pupil_summary WHERE id = ?", arguments: [id.rawValue])
      return
    }
    let pupil = try known ?? Documents.decode(Pupil.self, from: document, id: id.rawValue)
    try putSummary(db, pupil)
  }

  /// Two pupils would share a UPN: the step that caused it cannot be saved.
  struct UPNClash: Error {
    var upn: String
    var holder: String
  }

  static func putSummary(_ db: Database, _ pupil: Pupil) throws {
    // The agenda is worked out once for the summary and the rows: years of follow-ups make it long.
    let agenda = pupil.hasLeft ? [] : pupil.deadlines(transfers: try transferYears(db))
    let s = PupilSummary(pupil, agenda: agenda)
    if let upn = s.upn,
      let other = try Row.fetchOne(
        db.cachedStatement(
          sql: "SELECT display_name, date_of_birth FROM pupil_summary WHERE upn = ? AND id <> ?"),
        arguments: [upn, s.id.rawValue])
    {
      let born = Day(isoFast: (try other.decode(String.self, atIndex: 1))).map(\.british) ?? "?"
      throw UPNClash(
        upn: upn, holder: "\((try other.decode(String.self, atIndex: 0))) (born \(born))")
    }
    try db.runCached(sql: "DELETE FROM pupil_summary WHERE id = ?", arguments: [s.id.rawValue])
    try db.runCached(
      sql: """
        INSERT INTO pupil_summary (id, display_name, legal_name, sort_name, search_key, date_of_birth,
          year_offset, upn, registration_group, status, primary_need, secondary_need, stage, next_due, next_due_kind,
          left_on, less_than_expected, escalation, parent_meetings, next_ehc_due, booked_due, booked_kind,
          booked_until)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        s.id.rawValue, s.displayName, s.legalName, s.sortName, s.searchKey, s.dateOfBirth.iso,
        s.yearGroupOffset,
        s.upn, s.registrationGroup, s.status?.rawValue, s.primaryNeed?.rawValue,
        s.secondaryNeed?.rawValue,
        s.stage?.rawValue, s.nextDue?.iso, s.nextDueKind?.rawValue, s.left?.iso,
        s.lessThanExpectedReviews,
        s.escalationCandidate, s.parentMeetings.map(\.iso).joined(separator: ","),
        s.nextEHCDue?.iso,
        s.booked?.due.iso, s.booked?.kind.rawValue, s.booked?.until.iso,
      ])
    let meeting = try db.cachedStatement(
      sql: "INSERT INTO parent_meeting (pupil_id, day) VALUES (?, ?)")
    for day in s.parentMeetings { try meeting.execute(arguments: [pupil.id.rawValue, day.iso]) }
    guard !pupil.hasLeft else { return }
    let insert = try db.cachedStatement(
      sql:
        "INSERT INTO deadline (pupil_id, kind, due, met, detail, title, owner, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    )
    for d in agenda {
      try insert.execute(arguments: [
        pupil.id.rawValue, d.kind.rawValue, d.due.iso, d.met?.iso, d.detail, d.title, d.owner,
        d.ref.rawValue,
      ])
    }
  }
}

extension Database {
  /// Runs a statement the store runs again and again (once per record written), compiled once per connection.
  func runCached(sql: String, arguments: StatementArguments = []) throws {
    try cachedStatement(sql: sql).execute(arguments: arguments)
  }
}
