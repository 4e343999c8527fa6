/// What one event changed in one record: the values that differ, each with its path, how it was and how it became.
///
/// The history stores these instead of the record before and after, so an event costs what changed (a contact
/// added to a pupil with a thousand contacts is the contact, not the pupil twice). A delta runs both ways: applied
/// to the record before, it gives the record after, and reversed it gives the before back from the after, which is
/// all undo needs. Applying checks every `before` against the record, so a damaged history is caught, not spread.
///
/// Records are compact JSON with sorted keys. An absent record (before it was created, after it was removed) is
/// empty bytes. In JSON, for backups and the subject access export:
///
/// ```
/// [{"after":"Reading most nights","before":"Reading at home","path":["parentViews"]},
///  {"added":[{"date":"2026-11-30",…}],"at":999,"path":["chronology"],"removed":[]}]
/// ```
/// A missing `before` or `after` means the value was absent: a key added or removed, a record created or removed.
struct DocumentDelta: Hashable, Sendable {
  enum PathStep: Hashable, Sendable {
    /// A key as its quoted JSON bytes.
    case key([UInt8])
    case index(Int)
  }

  enum Change: Hashable, Sendable {
    case replace(path: [PathStep], before: [UInt8]?, after: [UInt8]?)
    case splice(path: [PathStep], at: Int, removed: [[UInt8]], added: [[UInt8]])

    var reversed: Change {
      switch self {
      case .replace(let path, let before, let after):
        .replace(path: path, before: after, after: before)
      case .splice(let path, let at, let removed, let added):
        .splice(path: path, at: at, removed: added, added: removed)
      }
    }
  }

  var changes: [Change]

  /// Lists of more elements than this that changed in place are written as one splice of the changed part.
  static let pairwiseLimit = 4

  /// The changes that turn `before` into `after`.
  static func between(_ before: [UInt8], _ after: [UInt8]) throws -> DocumentDelta {
    if before == after { return DocumentDelta(changes: []) }
    if before.isEmpty || after.isEmpty {
      return DocumentDelta(changes: [
        .replace(
          path: [], before: before.isEmpty ? nil : before, after: after.isEmpty ? nil : after)
      ])
    }
    var changes: [Change] = []
    try before.withUnsafeBufferPointer { p in
      try after.withUnsafeBufferPointer { q in
        try diff(p, 0..<p.count, q, 0..<q.count, path: [], into: &changes)
      }
    }
    return DocumentDelta(changes: changes)
  }

  private static func diff(
    _ p: JSONBytes.Bytes, _ a: Range<Int>, _ q: JSONBytes.Bytes, _ b: Range<Int>, path: [PathStep],
    into changes: inout [Change]
  ) throws {
    if JSONBytes.equal(p, a, q, b) { return }
    if JSONBytes.isObject(p, a), JSONBytes.isObject(q, b) {
      let old = try JSONBytes.members(p, a)
      let new = try JSONBytes.members(q, b)
      var oldByKey: [[UInt8]: Range<Int>] = [:]
      for m in old { oldByKey[Array(p[m.key])] = m.value }
      var seen = Set<[UInt8]>()
      for m in new {
        let key = Array(q[m.key])
        seen.insert(key)
        if let was = oldByKey[key] {
          try diff(p, was, q, m.value, path: path + [.key(key)], into: &changes)
        } else {
          changes.append(.replace(path: path + [.key(key)], before: nil, after: Array(q[m.value])))
        }
      }
      for m in old where !seen.contains(Array(p[m.key])) {
        changes.append(
          .replace(path: path + [.key(Array(p[m.key]))], before: Array(p[m.value]), after: nil))
      }
      return
    }
    if JSONBytes.isArray(p, a), JSONBytes.isArray(q, b) {
      let old = try JSONBytes.elements(p, a)
      let new = try JSONBytes.elements(q, b)
      var prefix = 0
      while prefix < old.count, prefix < new.count, JSONBytes.equal(p, old[prefix], q, new[prefix])
      {
        prefix += 1
      }
      var suffix = 0
      while suffix < old.count - prefix, suffix < new.count - prefix,
        JSONBytes.equal(p, old[old.count - 1 - suffix], q, new[new.count - 1 - suffix])
      {
        suffix += 1
      }
      let changedOld = old[prefix..<(old.count - suffix)]
      let changedNew = new[prefix..<(new.count - suffix)]
      if changedOld.count == changedNew.count, changedOld.count <= pairwiseLimit {
        for (k, (x, y)) in zip(changedOld, changedNew).enumerated() {
          try diff(p, x, q, y, path: path + [.index(prefix + k)], into: &changes)
        }
      } else {
        changes.append(
          .splice(
            path: path, at: prefix, removed: changedOld.map { Array(p[$0]) },
            added: changedNew.map { Array(q[$0]) }))
      }
      return
    }
    changes.append(.replace(path: path, before: Array(p[a]), after: Array(q[b])))
  }

  /// The delta that undoes this one.
  var reversed: DocumentDelta { DocumentDelta(changes: changes.reversed().map(\.reversed)) }

  /// Why a delta could not be applied: the record is not as the delta expects.
  struct Mismatch: Error, Hashable {
    var reason: String
  }

  /// `document` with the changes made, checking that each value was as the delta says it was.
  func apply(to document: [UInt8]) throws -> [UInt8] {
    var doc = document
    for change in changes { doc = try Self.apply(change, to: doc) }
    return doc
  }

  private static func apply(_ change: Change, to doc: [UInt8]) throws -> [UInt8] {
    switch change {
    case .replace(let path, let before, let after):
      guard let last = path.last else {
        guard doc == (before ?? []) else { throw Mismatch(reason: "the record is not as it was") }
        return after ?? []
      }
      let parent = try locate(Array(path.dropLast()), in: doc)
      return try doc.withUnsafeBufferPointer { p -> [UInt8] in
        switch last {
        case .key(let key):
          let members = try JSONBytes.members(p, parent)
          if let n = members.firstIndex(where: { Array(p[$0.key]) == key }) {
            guard let before, Array(p[members[n].value]) == before else {
              throw Mismatch(reason: "a value is not as it was")
            }
            if let after { return splice(p, members[n].value, with: after) }
            // Remove the member with one comma beside it.
            let range: Range<Int>
            if n + 1 < members.count {
              range = members[n].key.lowerBound..<members[n + 1].key.lowerBound
            } else if n > 0 {
              range = members[n - 1].value.upperBound..<members[n].value.upperBound
            } else {
              range = members[n].key.lowerBound..<members[n].value.upperBound
            }
            return splice(p, range, with: [])
          }
          guard before == nil, let after else { throw Mismatch(reason: "a value is missing") }
          let member = key + [0x3A] + after
          if let next = members.first(where: { key.lexicographicallyPrecedes(Array(p[$0.key])) }) {
            return splice(p, next.key.lowerBound..<next.key.lowerBound, with: member + [0x2C])
          }
          if let lastMember = members.last {
            let end = lastMember.value.upperBound
            return splice(p, end..<end, with: [0x2C] + member)
          }
          let inside = parent.lowerBound + 1
          return splice(p, inside..<inside, with: member)
        case .index(let n):
          let elements = try JSONBytes.elements(p, parent)
          guard n >= 0, n < elements.count, let before, let after,
            Array(p[elements[n]]) == before
          else { throw Mismatch(reason: "a list item is not as it was") }
          return splice(p, elements[n], with: after)
        }
      }
    case .splice(let path, let at, let removed, let added):
      let list = try locate(path, in: doc)
      return try doc.withUnsafeBufferPointer { p -> [UInt8] in
        let elements = try JSONBytes.elements(p, list)
        guard at >= 0, at <= elements.count, removed.count <= elements.count - at else {
          throw Mismatch(reason: "a list is shorter than the change expects")
        }
        for (k, r) in removed.enumerated() where Array(p[elements[at + k]]) != r {
          throw Mismatch(reason: "a list item is not as it was")
        }
        var items = elements[..<at].map { Array(p[$0]) }
        items += added
        items += elements[(at + removed.count)...].map { Array(p[$0]) }
        var rebuilt: [UInt8] = [0x5B]
        for (k, item) in items.enumerated() {
          if k > 0 { rebuilt.append(0x2C) }
          rebuilt += item
        }
        rebuilt.append(0x5D)
        return splice(p, list, with: rebuilt)
      }
    }
  }

  private static func splice(_ p: JSONBytes.Bytes, _ range: Range<Int>, with bytes: [UInt8])
    -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(p.count - range.count + bytes.count)
    out += p[..<range.lowerBound]
    out += bytes
    out += p[range.upperBound...]
    return out
  }

  /// The range of the value at `path` in `doc`.
  private static func locate(_ path: [PathStep], in doc: [UInt8]) throws -> Range<Int> {
    try doc.withUnsafeBufferPointer { p in
      guard !doc.isEmpty else { throw Mismatch(reason: "the record is absent") }
      var range = 0..<p.count
      for step in path {
        switch step {
        case .key(let key):
          guard let m = try JSONBytes.members(p, range).first(where: { Array(p[$0.key]) == key })
          else {
            throw Mismatch(reason: "a value is missing")
          }
          range = m.value
        case .index(let n):
          let elements = try JSONBytes.elements(p, range)
          guard n >= 0, n < elements.count else { throw Mismatch(reason: "a list is too short") }
          range = elements[n]
        }
      }
      return range
    }
  }
}

extension DocumentDelta {
  /// The delta as JSON (see the type's documentation), itself canonical: keys in byte order.
  var json: [UInt8] {
    var out: [UInt8] = [0x5B]
    func list(_ items: [[UInt8]]) {
      out.append(0x5B)
      for (k, item) in items.enumerated() {
        if k > 0 { out.append(0x2C) }
        out += item
      }
      out.append(0x5D)
    }
    func path(_ steps: [PathStep]) {
      out += Array(#""path":"#.utf8)
      list(
        steps.map {
          switch $0 {
          case .key(let key): key
          case .index(let i): Array(String(i).utf8)
          }
        })
    }
    for (n, change) in changes.enumerated() {
      out += Array((n > 0 ? #",{"# : "{").utf8)
      switch change {
      case .replace(let steps, let before, let after):
        if let after { out += Array(#""after":"#.utf8) + after + [0x2C] }
        if let before { out += Array(#""before":"#.utf8) + before + [0x2C] }
        path(steps)
      case .splice(let steps, let at, let removed, let added):
        out += Array(#""added":"#.utf8)
        list(added)
        out += Array(#","at":"#.utf8) + Array(String(at).utf8) + [0x2C]
        path(steps)
        out += Array(#","removed":"#.utf8)
        list(removed)
      }
      out.append(0x7D)
    }
    out.append(0x5D)
    return out
  }

  /// Reads a delta written by `json` (canonical bytes: a backup's are made canonical first).
  init(json: [UInt8]) throws {
    var changes: [Change] = []
    try json.withUnsafeBufferPointer { p in
      let whole = 0..<p.count
      guard JSONBytes.isArray(p, whole), try JSONBytes.skipValue(p, 0) == p.count else {
        throw JSONBytes.Malformed(offset: 0, reason: "a change list is not a JSON list")
      }
      for item in try JSONBytes.elements(p, whole) {
        guard JSONBytes.isObject(p, item) else {
          throw JSONBytes.Malformed(offset: item.lowerBound, reason: "a change is not an object")
        }
        var path: [PathStep]?
        var before: [UInt8]?
        var after: [UInt8]?
        var at: Int?
        var removed: [[UInt8]]?
        var added: [[UInt8]]?
        for m in try JSONBytes.members(p, item) {
          switch String(decoding: p[m.key], as: UTF8.self) {
          case #""path""#:
            path = try JSONBytes.elements(p, m.value).map { r in
              if p[r.lowerBound] == 0x22 { return .key(Array(p[r])) }
              guard let n = Self.index(p, r) else {
                throw JSONBytes.Malformed(
                  offset: r.lowerBound, reason: "a path step is not a key or a position")
              }
              return .index(n)
            }
          case #""before""#: before = Array(p[m.value])
          case #""after""#: after = Array(p[m.value])
          case #""at""#:
            guard let n = Self.index(p, m.value) else {
              throw JSONBytes.Malformed(
                offset: m.value.lowerBound, reason: "a position is not a number")
            }
            at = n
          case #""removed""#: removed = try JSONBytes.elements(p, m.value).map { Array(p[$0]) }
          case #""added""#: added = try JSONBytes.elements(p, m.value).map { Array(p[$0]) }
          default: break
          }
        }
        guard let path else {
          throw JSONBytes.Malformed(offset: item.lowerBound, reason: "a change has no path")
        }
        if let at {
          changes.append(.splice(path: path, at: at, removed: removed ?? [], added: added ?? []))
        } else {
          changes.append(.replace(path: path, before: before, after: after))
        }
      }
    }
    self.changes = changes
  }

  /// A list position: a plain non-negative number of at most nine digits.
  private static func index(_ p: JSONBytes.Bytes, _ r: Range<Int>) -> Int? {
    guard !r.isEmpty, r.count <= 9 else { return nil }
    var n = 0
    for i in r {
      guard p[i] >= 0x30, p[i] <= 0x39 else { return nil }
      n = n * 10 + Int(p[i] - 0x30)
    }
    return n
  }
}

/// A 64-bit fingerprint of a record's bytes, kept with each event so undo can tell the record is still as the
/// event left it without keeping the record.
enum DocumentHash {
  static func of(_ bytes: [UInt8]) -> Int64 {
    bytes.withUnsafeBytes { raw in
      var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(raw.count)
      var i = 0
      while i + 8 <= raw.count {
        h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
        h ^= h >> 29
        i += 8
      }
      while i < raw.count {
        h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3
        i += 1
      }
      h ^= h >> 33
      h = h &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 33
      return Int64(bitPattern: h)
    }
  }
}
