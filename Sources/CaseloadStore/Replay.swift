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
        db,
        sql:
          "SELECT seq, aggregate_id, aggregate_kind, delta, after_hash, after_version FROM event ORDER BY seq"
      )
      var last: [String: (kind: String, version: Int, document: [UInt8])] = [:]
      var order: [String] = []
      while let e = try events.next() {
        let id: String = (try e.decode(atIndex: 1))
        if last[id] == nil { order.append(id) }
        let seq: Int64 = (try e.decode(atIndex: 0))
        let after: [UInt8]
        do {
          after = try DocumentDelta(json: [UInt8]((try e.decode(Data.self, atIndex: 3)))).apply(
            to: last[id]?.document ?? [])
        } catch {
          throw StoreError(
            .damaged,
            "Event \(seq) of the history cannot be applied to \(id); the store is damaged.")
        }
        guard DocumentHash.of(after) == ((try e.decode(Int64.self, atIndex: 4))) else {
          throw StoreError(
            .damaged,
            "Event \(seq) of the history does not give \(id) as it was saved; the store is damaged."
          )
        }
        last[id] = ((try e.decode(atIndex: 2)), (try e.decode(atIndex: 5)), after)
      }
      for id in order {
        guard let (kind, version, document) = last[id] else { continue }
        try Projection.put(
          db, id: AggregateID(id), kind: AggregateKind(rawValue: kind) ?? .pupil, version: version,
          document: document.isEmpty ? nil : Data(document))
      }
    }
  }

  /// Every row of the state tables as text, in a fixed order: two stores with equal dumps hold the same state.
  public func stateDump() throws -> [String] {
    try read { db in try Self.dump(db) }
  }

  static func dump(_ db: Database) throws -> [String] {
    var lines: [String] = []
    for (table, order) in [
      ("aggregate", "id"), ("pupil_summary", "id"),
      ("deadline", "pupil_id, kind, due, detail, ref"),
      ("parent_meeting", "pupil_id, day"),
    ] {
      for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY \(order)") {
        lines.append("\(table): \(row.description)")
      }
    }
    return lines
  }
}
