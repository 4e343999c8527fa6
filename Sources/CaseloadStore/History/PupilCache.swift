import CaseloadCore
import Foundation

/// The pupils this process last read or saved, decoded, with their stored bytes, by version: a pupil with ten
/// years of records is a quarter of a megabyte of JSON, and decoding and encoding it whole on every save would
/// make each save cost the length of the pupil's history.
///
/// A version is written once per record in a store, so an entry is right exactly when the stored version is
/// the same; entries are added only after their transaction commits. Used inside the store's serial queue only.
final class PupilCache: @unchecked Sendable {
  struct Entry {
    var version: Int
    var pupil: Pupil
    var bytes: [UInt8]
  }

  /// The last few versions of each pupil, newest last: undo finds the version it goes back to here.
  private var entries: [AggregateID: [Entry]] = [:]
  private var order: [AggregateID] = []
  static let capacity = 32
  static let versionsKept = 3

  func entry(_ id: AggregateID, version: Int) -> Entry? {
    entries[id]?.last(where: { $0.version == version })
  }

  func put(_ id: AggregateID, _ entry: Entry) {
    if var list = entries[id] {
      list.removeAll { $0.version == entry.version }
      list.append(entry)
      if list.count > Self.versionsKept { list.removeFirst() }
      entries[id] = list
    } else {
      entries[id] = [entry]
      order.append(id)
      if order.count > Self.capacity { entries[order.removeFirst()] = nil }
    }
  }

  func forget(_ id: AggregateID) { entries[id] = nil }

  /// Each list item's JSON by the item's id, kept while the item is unchanged: a save re-encodes only what it
  /// changed. Looked up by id and checked by equality, which is cheaper than hashing every item.
  private var logEntries: [Int: (item: LogEntry, bytes: [UInt8])] = [:]
  private var cycles: [Int: (item: Cycle, bytes: [UInt8])] = [:]

  /// The pupil as `Documents.encode` writes it, byte for byte, built from the items already encoded.
  func encode(_ pupil: Pupil) throws -> [UInt8] {
    guard pupil.chronology.count + pupil.cycles.count >= 16 else {
      return [UInt8](try Documents.encode(pupil))
    }
    var shell = pupil
    shell.chronology = []
    shell.cycles = []
    let base = [UInt8](try Documents.encode(shell))
    let log = try Self.list(pupil.chronology, cache: &logEntries)
    let cycleList = try Self.list(pupil.cycles, cache: &cycles)
    return try base.withUnsafeBufferPointer { p -> [UInt8]? in
      let members = try JSONBytes.members(p, 0..<p.count)
      guard let c = members.first(where: { Array(p[$0.key]) == Self.chronologyKey }),
        let y = members.first(where: { Array(p[$0.key]) == Self.cyclesKey }),
        c.value.upperBound <= y.value.lowerBound
      else { return nil }
      var out: [UInt8] = []
      out.reserveCapacity(base.count + log.count + cycleList.count)
      out += p[..<c.value.lowerBound]
      out += log
      out += p[c.value.upperBound..<y.value.lowerBound]
      out += cycleList
      out += p[y.value.upperBound...]
      return out
    } ?? [UInt8](try Documents.encode(pupil))
  }

  static let chronologyKey = JSONBytes.quoted("chronology")
  static let cyclesKey = JSONBytes.quoted("cycles")

  /// `[a,b,…]` from each item's cached JSON; the cache keeps just the items of this list.
  private static func list<T: Equatable & Encodable & Identifiable>(
    _ items: [T], cache: inout [Int: (item: T, bytes: [UInt8])]
  ) throws -> [UInt8] where T.ID == Int {
    var out: [UInt8] = [0x5B]
    var kept: [Int: (item: T, bytes: [UInt8])] = [:]
    kept.reserveCapacity(items.count)
    for (n, item) in items.enumerated() {
      if n > 0 { out.append(0x2C) }
      let bytes: [UInt8]
      if let known = cache[item.id], known.item == item {
        bytes = known.bytes
      } else {
        bytes = [UInt8](try Documents.encode(item))
      }
      kept[item.id] = (item, bytes)
      out += bytes
    }
    out.append(0x5D)
    cache = kept
    return out
  }
}
