import Foundation

/// Which side a person chose for a value both saves changed.
public enum MergePick: String, Hashable, Sendable, Codable {
  case mine, theirs
}

/// A value that two saves from the same version changed differently: shown in full, side by side, for the person
/// saving to pick one.
public struct MergeClash: Hashable, Sendable, Identifiable {
  /// Where in the record; stable from one attempt to the next, so picks are keyed by it.
  public var id: String
  /// "Cycle 2 › outcome “Reads a page aloud” › target"
  public var label: String
  public var mine: String
  public var theirs: String
}

/// What came of merging: the record both changes make, or the values that need a person to choose.
public enum MergeOutcome<Record: Sendable>: Sendable {
  case merged(Record)
  case clashes([MergeClash])
}

/// Joins two saves made from the same version of a record (three-way, against that version): what only one side
/// changed is kept without asking, and only values both sides changed differently are clashes.
///
/// Lists of items with an `id` (contacts, outcomes, provision, log entries, cycles) merge item by item, so two
/// people adding an outcome each keep both; lists of plain values (strategies) keep both sides' additions at the
/// end; lists of the same length merge place by place (the actions agreed at a review).
public enum RecordMerge {
  /// Merges any record by its JSON form.
  public static func merge<Record: Codable & Sendable>(
    base: Record, mine: Record, theirs: Record, picks: [String: MergePick] = [:]
  ) throws -> MergeOutcome<Record> {
    let b = try JSONValue(encoding: base)
    let m = try JSONValue(encoding: mine)
    let t = try JSONValue(encoding: theirs)
    return try finish(b, m, t, picks: picks, as: Record.self)
  }

  /// The value when at most one side changed it (or both made the same change); nil when both changed it
  /// differently. The rule every level of a merge starts from.
  static func oneSided<Value: Equatable>(_ base: Value, _ mine: Value, _ theirs: Value) -> Value? {
    if mine == theirs || mine == base { return theirs }
    if theirs == base { return mine }
    return nil
  }

  private static func finish<Record: Decodable & Sendable>(
    _ b: JSONValue, _ m: JSONValue, _ t: JSONValue, picks: [String: MergePick],
    as: Record.Type
  ) throws -> MergeOutcome<Record> {
    var merger = JSONMerger(picks: picks)
    let merged = merger.merge(b, m, t, at: MergePath())
    guard merger.clashes.isEmpty else { return .clashes(merger.clashes) }
    return .merged(
      try RecordCheck.strictDecoder().decode(Record.self, from: (merged ?? .null).data))
  }
}

extension JSONValue {
  init<Value: Encodable>(encoding value: Value) throws {
    self = try JSONValue(parsing: JSONEncoder().encode(value))
  }

  /// The items' ids when every element is an object with a whole-number `id`, all different; else nil.
  var itemIDs: [Int64]? {
    guard case .array(let items) = self else { return nil }
    var ids: [Int64] = []
    ids.reserveCapacity(items.count)
    for item in items {
      guard case .object(let o) = item, case .int(let id)? = o["id"] else { return nil }
      ids.append(id)
    }
    return Set(ids).count == ids.count ? ids : nil
  }

  var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }
}

/// A place in a record: the key for picks, and the words for people.
struct MergePath {
  var key = ""
  var words: [String] = []
  /// The key of the member this path ends in (a list's name, for naming its items).
  var name = ""

  func member(_ name: String) -> MergePath {
    MergePath(
      key: key + "/" + name, words: words + (MergeWords.member(name).map { [$0] } ?? []),
      name: name)
  }

  func item(_ id: Int64, in list: String, _ value: JSONValue?) -> MergePath {
    var w = words
    if let last = w.last, last == MergeWords.member(list) { w.removeLast() }
    w.append(MergeWords.item(list: list, id: id, value))
    return MergePath(key: key + "#\(id)", words: w, name: name)
  }

  func place(_ index: Int) -> MergePath {
    MergePath(key: key + "[\(index)]", words: words + ["item \(index + 1)"], name: name)
  }

  var label: String {
    let joined = words.filter { !$0.isEmpty }.joined(separator: " › ")
    guard let first = joined.first else { return "The record" }
    return first.uppercased() + joined.dropFirst()
  }
}

/// The order of a merged list of items: the side that moved items sets it (else theirs), and the other side's items
/// go after the item they followed there, after that side's own additions.
enum MergeOrder {
  static func ids<ID: Hashable>(base bi: [ID], mine mi: [ID], theirs ti: [ID]) -> [ID] {
    let common = Set(bi).intersection(mi).intersection(ti)
    let mineMoved = mi.filter(common.contains) != bi.filter(common.contains)
    let theirsMoved = ti.filter(common.contains) != bi.filter(common.contains)
    let (spine, other) = mineMoved && !theirsMoved ? (mi, ti) : (ti, mi)
    var order = spine
    var placed = Set(spine)
    let otherIDs = Set(other)
    for (n, id) in other.enumerated() where !placed.contains(id) {
      let before = other[..<n].last(where: placed.contains)
      var at = before.flatMap { b in order.firstIndex(of: b).map { $0 + 1 } } ?? 0
      while at < order.count, !otherIDs.contains(order[at]) { at += 1 }
      order.insert(id, at: at)
      placed.insert(id)
    }
    return order
  }
}

/// The three-way merge of JSON values; clashes are collected, and a picked side settles one.
struct JSONMerger {
  var picks: [String: MergePick]
  var clashes: [MergeClash] = []

  /// The merged value, or nil for absent (a key neither side kept).
  mutating func merge(_ b: JSONValue?, _ m: JSONValue?, _ t: JSONValue?, at path: MergePath)
    -> JSONValue?
  {
    if let oneSided = RecordMerge.oneSided(b, m, t) { return oneSided }
    switch (m, t) {
    case (.object(let mo)?, .object(let to)?):
      let bo: [String: JSONValue]
      switch b {
      case .object(let o)?: bo = o
      case nil, .null?: bo = [:]
      default: return clash(m, t, at: path)
      }
      var out: [String: JSONValue] = [:]
      for key in Set(mo.keys).union(to.keys).union(bo.keys).sorted() {
        if let v = merge(bo[key], mo[key], to[key], at: path.member(key)) { out[key] = v }
      }
      return .object(out)
    case (.array(let ma)?, .array(let ta)?):
      let ba: [JSONValue]
      switch b {
      case .array(let a)?: ba = a
      case nil, .null?: ba = []
      default: return clash(m, t, at: path)
      }
      if let merged = mergeItems(ba, ma, ta, at: path) { return .array(merged) }
      if ba.count == ma.count, ba.count == ta.count {
        return .array(
          ba.indices.map { i in merge(ba[i], ma[i], ta[i], at: path.place(i)) ?? .null })
      }
      if (ba + ma + ta).allSatisfy(\.isScalar), ma.starts(with: ba), ta.starts(with: ba) {
        let added = ma.dropFirst(ba.count).filter { !ta.dropFirst(ba.count).contains($0) }
        return .array(ta + added)
      }
      return clash(m, t, at: path)
    default:
      return clash(m, t, at: path)
    }
  }

  /// Lists of items with ids, merged item by item; nil when the lists are not such lists.
  mutating func mergeItems(
    _ ba: [JSONValue], _ ma: [JSONValue], _ ta: [JSONValue], at path: MergePath
  ) -> [JSONValue]? {
    guard let bi = JSONValue.array(ba).itemIDs, let mi = JSONValue.array(ma).itemIDs,
      let ti = JSONValue.array(ta).itemIDs, !(mi.isEmpty && ti.isEmpty)
    else { return nil }
    let list = path.name
    let bm = Dictionary(uniqueKeysWithValues: zip(bi, ba))
    let mm = Dictionary(uniqueKeysWithValues: zip(mi, ma))
    let tm = Dictionary(uniqueKeysWithValues: zip(ti, ta))
    let order = MergeOrder.ids(base: bi, mine: mi, theirs: ti)
    return order.compactMap { id in
      let itemPath = path.item(id, in: list, mm[id] ?? tm[id] ?? bm[id])
      return merge(bm[id], mm[id], tm[id], at: itemPath)
    }
  }

  mutating func clash(_ m: JSONValue?, _ t: JSONValue?, at path: MergePath) -> JSONValue? {
    switch picks[path.key] {
    case .mine?: return m
    case .theirs?: return t
    case nil:
      clashes.append(
        MergeClash(
          id: path.key, label: path.label, mine: MergeWords.text(m), theirs: MergeWords.text(t)))
      return t
    }
  }
}
