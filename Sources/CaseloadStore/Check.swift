import CaseloadCore
import Foundation
import GRDB

/// What `caseload check` found: each problem in a sentence, and what was looked at.
public struct CheckReport: Sendable, Hashable {
  public var problems: [String]
  public var records: Int
  public var events: Int
  public var isSound: Bool { problems.isEmpty }
}

extension Store {
  /// Checks everything that can be checked without changing anything: SQLite's own integrity check, that every
  /// record decodes and passes the checks an edit would, that the derived rows (summaries, deadlines, parent
  /// meetings) are what the records give, and that the history replays to the records as stored.
  public func check() throws -> CheckReport {
    var problems: [String] = []
    let integrity = try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    if integrity != ["ok"] {
      problems += integrity.prefix(5).map { "SQLite's integrity check: \($0)" }
      return CheckReport(problems: problems, records: 0, events: 0)
    }
    problems += try schemaProblems()
    guard problems.isEmpty else { return CheckReport(problems: problems, records: 0, events: 0) }
    var records = 0
    var events = 0
    var stored: [String: (kind: String, version: Int, document: [UInt8])] = [:]
    try read { db in
      let rows = try Row.fetchCursor(db, sql: "SELECT id, kind, version, document FROM aggregate")
      while let row = try rows.next() {
        records += 1
        let id: String = try row.decode(atIndex: 0)
        let kind: String = try row.decode(atIndex: 1)
        let document = try row.decode(Data?.self, atIndex: 3).map { [UInt8]($0) } ?? []
        stored[id] = (kind, try row.decode(atIndex: 2), document)
        guard !document.isEmpty else { continue }
        do {
          switch AggregateKind(rawValue: kind) {
          case .pupil:
            let p = try RecordCheck.strictDecoder().decode(Pupil.self, from: Data(document))
            problems += RecordCheck.problems(in: p).map {
              "The record of \(p.displayName) (\(id)): \($0)."
            }
          case .settings:
            let s = try RecordCheck.strictDecoder().decode(
              SchoolSettings.self, from: Data(document))
            problems += RecordCheck.problems(in: s).map { "The school settings: \($0)." }
          case nil:
            problems.append("The record \(id) is of a kind Caseload does not know (\(kind)).")
          }
        } catch {
          problems.append("The record \(id) cannot be read: \(BackupRestorer.reason(error)).")
        }
      }
      // The history, replayed from nothing, must give every record as stored.
      var replayed: [String: (version: Int, document: [UInt8])] = [:]
      let history = try Row.fetchCursor(
        db,
        sql: "SELECT seq, aggregate_id, delta, after_hash, after_version FROM event ORDER BY seq")
      while let e = try history.next() {
        events += 1
        let seq: Int64 = try e.decode(atIndex: 0)
        let id: String = try e.decode(atIndex: 1)
        let before = replayed[id]?.document ?? []
        do {
          let after = try DocumentDelta(json: [UInt8](try e.decode(Data.self, atIndex: 2))).apply(
            to: before)
          if DocumentHash.of(after) != (try e.decode(Int64.self, atIndex: 3)) {
            problems.append("Event \(seq) of the history does not give \(id) as it was saved.")
          }
          replayed[id] = (try e.decode(atIndex: 4), after)
        } catch {
          problems.append("Event \(seq) of the history cannot be applied to \(id).")
          replayed[id] = nil
        }
      }
      for (id, record) in stored where replayed[id]?.document != record.document {
        problems.append("The record \(id) is not where its history leaves it.")
      }
      for id in replayed.keys where stored[id] == nil {
        problems.append("The history holds \(id), which has no record.")
      }
    }
    if problems.isEmpty { problems += try derivedRowProblems() }
    return CheckReport(problems: problems, records: records, events: events)
  }

  /// The tables Caseload needs, and whether each is there.
  func schemaProblems() throws -> [String] {
    let tables = Set(
      try read { db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      })
    return Schema.tables.filter { !tables.contains($0) }.map {
      "The store's table \($0) is missing: the store's structure is damaged."
    }
  }

  /// Rebuilds the derived rows from the records in a transaction that is rolled back, and compares.
  private func derivedRowProblems() throws -> [String] {
    let before = try stateDump()
    var after: [String] = []
    do {
      try queue.writeWithoutTransaction { db in
        try db.inTransaction(.immediate) {
          try Projection.rebuildDerivedRows(db)
          after = try Self.dump(db)
          return .rollback
        }
      }
    } catch {
      return [
        "The summaries cannot be rebuilt from the records: \(StoreError.from(error, path: path))."
      ]
    }
    let stale = Set(before).symmetricDifference(after)
    guard !stale.isEmpty else { return [] }
    return [
      "\(stale.count) derived row\(stale.count == 1 ? " does" : "s do") not match the records (summaries, deadlines or parent meetings); `caseload check --repair` rebuilds them."
    ]
  }
}
