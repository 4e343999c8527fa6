import Foundation
import GRDB

/// Brings a store written before v2 to the history of changes: every event's record before and after becomes the
/// delta between them, in the migration's one transaction, so a store is either wholly converted or untouched.
enum HistoryMigration {
  static func eventsAsChanges(_ db: Database, progress: Schema.Progress?) throws {
    let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM event") ?? 0
    try db.execute(
      sql: """
        DROP TRIGGER event_append_only_update;
        DROP TRIGGER event_append_only_delete;
        ALTER TABLE event RENAME TO event_v1;
        DROP INDEX event_aggregate;
        DROP INDEX event_step;
        """)
    try db.execute(sql: Schema.eventTable)
    let insert = try db.makeStatement(
      sql: """
        INSERT INTO event (seq, step, actor, at, aggregate_id, aggregate_kind, summary, delta, after_hash,
          before_version, after_version, reverts)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT seq, step, actor, at, aggregate_id, aggregate_kind, summary, before, after, before_version,
          after_version, reverts
        FROM event_v1 ORDER BY seq
        """)
    var done = 0
    while let row = try rows.next() {
      let before = ((try row.decode(Data?.self, atIndex: 7))).map { [UInt8]($0) } ?? []
      let after = ((try row.decode(Data?.self, atIndex: 8))).map { [UInt8]($0) } ?? []
      let delta = try HistoryDelta.make(before, after)
      try insert.execute(arguments: [
        (try row.decode(Int64.self, atIndex: 0)), (try row.decode(Int64.self, atIndex: 1)),
        (try row.decode(String.self, atIndex: 2)), (try row.decode(String.self, atIndex: 3)),
        (try row.decode(String.self, atIndex: 4)),
        (try row.decode(String.self, atIndex: 5)), (try row.decode(String.self, atIndex: 6)),
        Data(delta.json), DocumentHash.of(after),
        (try row.decode(Int64?.self, atIndex: 9)), (try row.decode(Int64.self, atIndex: 10)),
        (try row.decode(Int64?.self, atIndex: 11)),
      ])
      done += 1
      if done % 2_000 == 0 { progress?(done, total) }
    }
    if total > 0 { progress?(total, total) }
    try db.execute(sql: "DROP TABLE event_v1")
  }
}

/// Deltas as the store writes them: checked by applying them before they are kept.
enum HistoryDelta {
  /// The delta from `before` to `after`. Should the changes found not rebuild `after` exactly (a record with
  /// bytes the delta cannot express), the whole record is kept instead: the history is never wrong.
  static func make(_ before: [UInt8], _ after: [UInt8]) throws -> DocumentDelta {
    if let delta = try? DocumentDelta.between(before, after),
      (try? delta.apply(to: before)) == after
    {
      return delta
    }
    return DocumentDelta(changes: [
      .replace(path: [], before: before.isEmpty ? nil : before, after: after.isEmpty ? nil : after)
    ])
  }
}
