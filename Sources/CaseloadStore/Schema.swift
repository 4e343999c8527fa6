import GRDB

/// Reports a long migration's progress: events converted so far, of how many.
public typealias MigrationProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// The store's tables, built by migrations so old stores are brought up to date and newer ones refused.
enum Schema {
  /// `PRAGMA application_id`: marks a file as a Caseload store ("CSLD").
  static let applicationID: Int32 = 0x4353_4C44

  typealias Progress = MigrationProgress

  /// Every table a store of this version has.
  static let tables = [
    "aggregate", "pupil_summary", "deadline", "parent_meeting", "step", "event", "preference",
    "erasure_log", "erasing", "access_log",
  ]

  static func migrator(progress: Progress? = nil) -> DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      // One row per aggregate; a removed aggregate keeps its row with a NULL document so versions never repeat.
      try db.execute(
        sql: """
          CREATE TABLE aggregate (
            id TEXT PRIMARY KEY NOT NULL,
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            document BLOB
          );
          CREATE TABLE pupil_summary (
            id TEXT PRIMARY KEY NOT NULL REFERENCES aggregate(id),
            display_name TEXT NOT NULL,
            legal_name TEXT NOT NULL,
            sort_name TEXT NOT NULL,
            search_key TEXT NOT NULL,
            date_of_birth TEXT NOT NULL,
            year_offset INTEGER NOT NULL,
            upn TEXT,
            registration_group TEXT,
            status TEXT,
            primary_need TEXT,
            secondary_need TEXT,
            stage TEXT,
            next_due TEXT,
            next_due_kind TEXT,
            left_on TEXT,
            less_than_expected INTEGER NOT NULL,
            escalation INTEGER NOT NULL,
            parent_meetings TEXT NOT NULL
          );
          CREATE UNIQUE INDEX pupil_upn ON pupil_summary(upn) WHERE upn IS NOT NULL;
          -- Covers the status queries, which scan the register without touching the wide rows.
          CREATE INDEX pupil_register ON pupil_summary(
            left_on, status, stage, escalation, id, display_name, date_of_birth, year_offset, less_than_expected);
          CREATE TABLE deadline (
            pupil_id TEXT NOT NULL REFERENCES aggregate(id),
            kind TEXT NOT NULL,
            due TEXT NOT NULL,
            met TEXT,
            detail TEXT NOT NULL
          );
          CREATE INDEX deadline_pupil ON deadline(pupil_id, due, met, kind, detail);
          CREATE INDEX deadline_due ON deadline(due);
          CREATE TABLE parent_meeting (
            pupil_id TEXT NOT NULL REFERENCES aggregate(id),
            day TEXT NOT NULL
          );
          CREATE INDEX parent_meeting_pupil ON parent_meeting(pupil_id, day);
          -- Undo bookkeeping: one row per user action. state: do/redo steps are 'live' or 'undone';
          -- undo steps are 'live' (can be redone), 'redone', or 'dropped' (a new action cleared them).
          CREATE TABLE step (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            reverts INTEGER REFERENCES step(id),
            user TEXT NOT NULL,
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            summary TEXT NOT NULL,
            state TEXT NOT NULL
          );
          CREATE INDEX step_user ON step(user, kind, state, id);
          -- The append-only history: nothing is ever updated or deleted here.
          CREATE TABLE event (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            step INTEGER NOT NULL REFERENCES step(id),
            actor TEXT NOT NULL,
            at TEXT NOT NULL,
            aggregate_id TEXT NOT NULL,
            aggregate_kind TEXT NOT NULL,
            summary TEXT NOT NULL,
            before BLOB,
            after BLOB,
            before_version INTEGER,
            after_version INTEGER NOT NULL,
            reverts INTEGER REFERENCES step(id)
          );
          CREATE INDEX event_aggregate ON event(aggregate_id, seq);
          CREATE INDEX event_step ON event(step);
          CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          CREATE TABLE preference (
            user TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (user, key)
          );
          """)
    }
    m.registerMigration("v2-history-as-changes") { db in
      try HistoryMigration.eventsAsChanges(db, progress: progress)
    }
    m.registerMigration("v3-erasure-and-access") { db in
      try db.execute(
        sql: """
          -- The two lawful ways history may shrink (retention, a record entered in error) leave a line here, with
          -- no personal data: how much went, under which rule, when and by whom.
          CREATE TABLE erasure_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
            actor TEXT NOT NULL,
            rule TEXT NOT NULL,
            records INTEGER NOT NULL,
            events INTEGER NOT NULL,
            steps INTEGER NOT NULL
          );
          -- Records being erased, inside the erasing transaction only: the one door through the history's guard.
          CREATE TABLE erasing (aggregate_id TEXT PRIMARY KEY NOT NULL);
          DROP TRIGGER event_append_only_delete;
          CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
            WHEN NOT EXISTS (SELECT 1 FROM erasing WHERE aggregate_id = OLD.aggregate_id)
            BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
          -- Who looked at a pupil's record: one row per user, pupil and hour, apart from the history.
          CREATE TABLE access_log (
            pupil_id TEXT NOT NULL,
            user TEXT NOT NULL,
            hour TEXT NOT NULL,
            actor TEXT NOT NULL,
            what TEXT NOT NULL,
            PRIMARY KEY (pupil_id, hour, user)
          ) WITHOUT ROWID;
          """)
    }
    m.registerMigration("v4-agenda") { db in
      // The agenda's rows: what an item says, who owns it, and the record it opens. The rows themselves are
      // rebuilt by the rules version check that follows every opening (`Projection.rulesVersion`).
      try db.execute(
        sql: """
          ALTER TABLE deadline ADD COLUMN title TEXT NOT NULL DEFAULT '';
          ALTER TABLE deadline ADD COLUMN owner TEXT NOT NULL DEFAULT '';
          ALTER TABLE deadline ADD COLUMN ref TEXT NOT NULL DEFAULT '';
          ALTER TABLE pupil_summary ADD COLUMN next_ehc_due TEXT;
          ALTER TABLE pupil_summary ADD COLUMN booked_due TEXT;
          ALTER TABLE pupil_summary ADD COLUMN booked_kind TEXT;
          ALTER TABLE pupil_summary ADD COLUMN booked_until TEXT;
          """)
    }
    m.registerMigration("v5-shared-names") { db in
      // Names two pupils share are told apart by date of birth in every list: found from this index, not by
      // sorting every name each time.
      try db.execute(sql: "CREATE INDEX pupil_name ON pupil_summary(display_name)")
    }
    return m
  }

  /// The history table since v2: each event keeps what changed, not the record before and after.
  static let eventTable = """
    CREATE TABLE event (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      step INTEGER NOT NULL REFERENCES step(id),
      actor TEXT NOT NULL,
      at TEXT NOT NULL,
      aggregate_id TEXT NOT NULL,
      aggregate_kind TEXT NOT NULL,
      summary TEXT NOT NULL,
      -- DocumentDelta as JSON: the changed values with their paths, before and after.
      delta BLOB NOT NULL,
      -- DocumentHash of the record after the event: undo checks the record is still as the event left it.
      after_hash INTEGER NOT NULL,
      before_version INTEGER,
      after_version INTEGER NOT NULL,
      reverts INTEGER REFERENCES step(id)
    );
    CREATE INDEX event_aggregate ON event(aggregate_id, seq);
    CREATE INDEX event_step ON event(step);
    CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event
      BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event
      BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    """
}
