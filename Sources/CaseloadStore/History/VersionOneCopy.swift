import Foundation
import GRDB

extension Store {
  /// Writes a copy of this store as Caseload wrote stores before v2 (every event with the record before and
  /// after, no erasure or access log, no agenda columns), as an older Caseload can open it: the tests convert such copies to try the
  /// migration, killed part-way or not.
  public func writeVersionOneCopy(to path: String) throws {
    try backup(to: path)
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: """
          DROP TRIGGER event_append_only_update; DROP TRIGGER event_append_only_delete;
          ALTER TABLE event RENAME TO event_v2; DROP INDEX event_aggregate; DROP INDEX event_step;
          CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, step INTEGER NOT NULL REFERENCES step(id),
            actor TEXT NOT NULL, at TEXT NOT NULL, aggregate_id TEXT NOT NULL, aggregate_kind TEXT NOT NULL,
            summary TEXT NOT NULL, before BLOB, after BLOB, before_version INTEGER, after_version INTEGER NOT NULL,
            reverts INTEGER REFERENCES step(id));
          CREATE INDEX event_aggregate ON event(aggregate_id, seq);
          CREATE INDEX event_step ON event(step);
          """)
      var records: [String: [UInt8]] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT * FROM event_v2 ORDER BY seq") {
        let id: String = try row.decode(forColumn: "aggregate_id")
        let before = records[id] ?? []
        let after = try DocumentDelta(json: [UInt8](try row.decode(Data.self, forColumn: "delta")))
          .apply(to: before)
        records[id] = after
        try db.execute(
          sql: """
            INSERT INTO event (seq, step, actor, at, aggregate_id, aggregate_kind, summary, before, after,
              before_version, after_version, reverts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
          arguments: [
            try row.decode(DatabaseValue.self, forColumn: "seq"),
            try row.decode(DatabaseValue.self, forColumn: "step"),
            try row.decode(DatabaseValue.self, forColumn: "actor"),
            try row.decode(DatabaseValue.self, forColumn: "at"), id,
            try row.decode(DatabaseValue.self, forColumn: "aggregate_kind"),
            try row.decode(DatabaseValue.self, forColumn: "summary"),
            before.isEmpty ? nil : Data(before), after.isEmpty ? nil : Data(after),
            try row.decode(DatabaseValue.self, forColumn: "before_version"),
            try row.decode(DatabaseValue.self, forColumn: "after_version"),
            try row.decode(DatabaseValue.self, forColumn: "reverts"),
          ])
      }
      try db.execute(
        sql: """
          DROP TABLE event_v2;
          DROP TABLE erasure_log; DROP TABLE erasing; DROP TABLE access_log;
          ALTER TABLE deadline DROP COLUMN title; ALTER TABLE deadline DROP COLUMN owner;
          ALTER TABLE deadline DROP COLUMN ref;
          DROP INDEX pupil_register; DROP INDEX pupil_name;
          ALTER TABLE pupil_summary DROP COLUMN next_ehc_due; ALTER TABLE pupil_summary DROP COLUMN booked_due;
          ALTER TABLE pupil_summary DROP COLUMN booked_kind; ALTER TABLE pupil_summary DROP COLUMN booked_until;
          CREATE INDEX pupil_register ON pupil_summary(
            left_on, status, stage, escalation, id, display_name, date_of_birth, year_offset, less_than_expected);
          PRAGMA user_version = 0;
          CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          DELETE FROM grdb_migrations WHERE identifier <> 'v1';
          """)
    }
    try queue.close()
  }
}
