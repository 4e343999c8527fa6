import CaseloadCore
import Foundation
import GRDB

extension Store {
  /// The facts behind `caseload status`, answered in SQL from the summary tables: counts are grouped in the
  /// database and only the pupils a list names are read, so the answer stays fast on a large caseload.
  /// `expectedMeetings`: pupils on SEN support with fewer meetings with parents this school year are listed.
  public func statusFacts(today: Day, expectedMeetings: Int) throws -> StatusFacts {
    let dueBy = StatusReport.horizon(from: today)
    let schoolYear = SchoolYear(containing: today)
    return try read { db in
      // A pupil named by several rows is read once.
      var known: [String: StatusReport.PupilRef] = [:]
      func ref(_ row: Row, from i: Int) throws -> StatusReport.PupilRef {
        let id: String = try row.decode(atIndex: i)
        if let r = known[id] { return r }
        let dob = Day(isoFast: (try row.decode(String.self, atIndex: i + 2))) ?? Day(ordinal: 0)
        let r = StatusReport.PupilRef(
          AggregateID(id), name: (try row.decode(atIndex: i + 1)), dateOfBirth: dob,
          year: YearGroup(
            dateOfBirth: dob, in: schoolYear, offset: (try row.decode(atIndex: i + 3))))
        known[id] = r
        return r
      }
      let counts = try Row.fetchAll(
        db,
        sql:
          "SELECT status, stage, count(*) FROM pupil_summary WHERE left_on IS NULL GROUP BY status, stage"
      ).map { row in
        StatusFacts.Count(
          status: ((try row.decode(String?.self, atIndex: 0))).flatMap(SENStatus.init(rawValue:)),
          stage: ((try row.decode(String?.self, atIndex: 1))).flatMap(Stage.init(rawValue:)),
          pupils: (try row.decode(atIndex: 2)))
      }
      // CROSS JOIN keeps the deadlines (by their due index) outside: left to itself SQLite walks every pupil.
      let due = try Self.collect(
        try Row.fetchCursor(
          db,
          sql: """
            SELECT p.id, p.display_name, p.date_of_birth, p.year_offset, d.kind, d.due, d.met, d.detail,
              d.title, d.owner, d.ref
            FROM deadline d CROSS JOIN pupil_summary p ON p.id = d.pupil_id
            WHERE d.due <= ? AND (d.met IS NULL OR d.met > ?) AND p.left_on IS NULL
            """, arguments: [dueBy.iso, today.iso])
      ) { row -> StatusFacts.Due? in
        guard let kind = DeadlineKind(rawValue: (try row.decode(atIndex: 4))),
          let day = Day(isoFast: (try row.decode(String.self, atIndex: 5)))
        else { return nil }
        let met = ((try row.decode(String?.self, atIndex: 6))).flatMap { Day(isoFast: $0) }
        return StatusFacts.Due(
          pupil: try ref(row, from: 0),
          deadline: Deadline(
            kind: kind, due: day, met: met, detail: (try row.decode(atIndex: 7)),
            title: (try row.decode(atIndex: 8)), owner: (try row.decode(atIndex: 9)),
            ref: AgendaRef(rawValue: (try row.decode(atIndex: 10))) ?? .none))
      }
      let escalations = try Row.fetchAll(
        db,
        sql: """
          SELECT id, display_name, date_of_birth, year_offset, less_than_expected FROM pupil_summary
          WHERE escalation AND left_on IS NULL
          """
      ).map {
        StatusReport.Escalation(
          pupil: try ref($0, from: 0), lessThanExpectedReviews: (try $0.decode(atIndex: 4)))
      }
      let year = SchoolYear(containing: today)
      guard expectedMeetings > 0 else {
        return StatusFacts(counts: counts, due: due, escalations: escalations, meetingGaps: [])
      }
      // Counted per pupil through its (pupil, day) index: a grouped join built a temporary index every time.
      let gaps = try Self.collect(
        try Row.fetchCursor(
          db,
          sql: """
            SELECT id, display_name, date_of_birth, year_offset, n FROM (
              SELECT p.id, p.display_name, p.date_of_birth, p.year_offset, (
                SELECT count(*) FROM parent_meeting m
                WHERE m.pupil_id = p.id AND m.day >= ?1 AND m.day <= ?2
              ) AS n
              FROM pupil_summary p WHERE p.left_on IS NULL AND p.status = 'sen-support'
            ) WHERE n < ?3
            """, arguments: [year.firstDay.iso, today.iso, expectedMeetings])
      ) {
        StatusReport.MeetingGap(pupil: try ref($0, from: 0), meetings: (try $0.decode(atIndex: 4)))
      }
      return StatusFacts(counts: counts, due: due, escalations: escalations, meetingGaps: gaps)
    }
  }

  /// Reads a cursor's rows in place, without copying each row first.
  static func collect<T>(_ rows: RowCursor, _ transform: (Row) throws -> T?) throws -> [T] {
    var out: [T] = []
    while let row = try rows.next() {
      if let value = try transform(row) { out.append(value) }
    }
    return out
  }

  /// Names held by more than one pupil: lists show their date of birth beside them.
  public func sharedNames() throws -> Set<String> {
    try read { db in
      Set(
        try String.fetchAll(
          db,
          sql: "SELECT display_name FROM pupil_summary GROUP BY display_name HAVING count(*) > 1"))
    }
  }
}
