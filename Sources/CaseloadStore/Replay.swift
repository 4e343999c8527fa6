import CaseloadCore
import Foundation
import GRDB

extension Store {
  /// Rebuilds every state table from the history alone, in one transaction. The result must equal the tables as
  /// they were: history is the source of truth, and this is how to repair a store whose summaries were lost.
  public func rebuildFromHistory() throws {
    try write { db in
      try db.execute(
        sql:
          "DELETE FROM deadline; DELETE FROM parent_meeting; DELETE FROM pupil_summary; DELETE FROM aggregate;"
      )
      let events = try Row.fetchCursor(
        db, sql: "SELECT aggregate_id, aggregate_kind, after, after_version FROM event ORDER BY seq"
      )
      var last: [String: (kind: String, version: Int, document: Data?)] = [:]
      var order: [String] = []
      while let e = try events.next() {
        let id: String = e["aggregate_id"]
        if last[id] == nil { order.append(id) }
        last[id] = (e["aggregate_kind"], e["after_version"], e["after"])
      }
      for id in order {
        let (kind, version, document) = last[id]!
        try Projection.put(
          db, id: AggregateID(id), kind: AggregateKind(rawValue: kind) ?? .pupil, version: version,
          document: document)
      }
    }
  }

  /// Every row of the state tables as text, in a fixed order: two stores with equal dumps hold the same state.
  public func stateDump() throws -> [String] {
    try read { db in
      var lines: [String] = []
      for (table, order) in [
        ("aggregate", "id"), ("pupil_summary", "id"), ("deadline", "pupil_id, kind, due, detail"),
        ("parent_meeting", "pupil_id, day"),
      ] {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
          lines.append("\(table): \(row.description)")
        }
      }
      return lines
    }
  }
}
