/// How a clash is named and shown: the field's name as a SENCo says it, and each value in full.
enum MergeWords {
  /// Names for the record's keys where the camel-case name does not read well; nil: the key adds no word.
  static let names: [String: String?] = [
    "legalName": "legal name", "preferredName": "preferred name", "given": "first name",
    "family": "surname", "upn": "UPN", "yearGroupOffset": "year group (offset)",
    "senPeriods": "SEN status history", "ehc": "EHC", "plan": nil, "nextLocalID": nil,
    "outcomeIDs": "outcomes it serves", "pupilVoice": "the pupil's views",
    "parentViews": "the parents' views", "participants": "who took part",
    "hourlyRate": "hourly rate", "pence": nil, "chronology": "log",
  ]

  /// The words for a key: from the table, else the camel case split ("reviewDate" → "review date").
  static func member(_ key: String) -> String? {
    if let known = names[key] { return known }
    var out = ""
    for c in key {
      if c.isUppercase, !out.isEmpty { out.append(" ") }
      out.append(contentsOf: c.lowercased())
    }
    return out
  }

  /// Singular words for a list's item, with what it is called: outcome “Reads a page aloud”.
  static func item(list: String, id: Int64, _ value: JSONValue?) -> String {
    let kind: String
    switch list {
    case "cycles": return "cycle \(id)"
    case "chronology": kind = "log entry"
    case "provision": kind = "provision"
    case "contacts": kind = "contact"
    case "outcomes": kind = "outcome"
    case "requests": kind = "EHC request"
    case "annualReviews": kind = "annual review"
    case "deliveryNotes": kind = "delivery note"
    default:
      kind =
        (member(list) ?? list).hasSuffix("s") ? String((member(list) ?? list).dropLast()) : list
    }
    guard case .object(let o)? = value else { return "\(kind) \(id)" }
    for key in ["name", "intervention", "description", "title", "summary", "text", "note"] {
      if case .string(let s)? = o[key], !s.isEmpty {
        let short = s.count > 40 ? s.prefix(39) + "…" : Substring(s)
        return "\(kind) “\(short)”"
      }
    }
    return "\(kind) \(id)"
  }

  /// A value in full, for a person to read and copy: dates as dates, lists one item to a line.
  static func text(_ value: JSONValue?) -> String {
    switch value {
    case nil, .null?: return "(none)"
    case .bool(let b)?: return b ? "yes" : "no"
    case .int(let i)?: return "\(i)"
    case .double(let d)?: return "\(d)"
    case .string(let s)?:
      if s.isEmpty { return "(empty)" }
      if s.count == 10, let day = Day(iso: s) { return "\(day.shortWeekdayName) \(day.british)" }
      return s
    case .array(let items)?:
      if items.isEmpty { return "(none)" }
      return items.map { "• " + text($0).replacingOccurrences(of: "\n", with: "\n  ") }
        .joined(separator: "\n")
    case .object(let o)?:
      if o.count == 1, let only = o.first, member(only.key) == nil { return text(only.value) }
      return o.sorted { $0.key < $1.key }.compactMap { key, v -> String? in
        guard key != "id" else { return nil }
        let name = member(key) ?? key
        return "\(name): \(text(v))"
      }.joined(separator: "\n")
    }
  }
}

/// Local ids (contacts, outcomes, provision, log entries, EHC steps) come from one counter per pupil, so two saves
/// from the same version give their new items the same ids. Before merging, your new items that share an id with
/// one of theirs take fresh ids, and what in your record refers to them follows.
enum LocalIDs {
  static func separate(base: JSONValue, mine: inout JSONValue, theirs: inout JSONValue) {
    let baseIDs = Set(items(in: base).map(\.id))
    let theirsAdded = Set(items(in: theirs).map(\.id)).subtracting(baseIDs)
    let mineAdded = items(in: mine).filter { !baseIDs.contains($0.id) }
    var next = max(counter(mine), counter(theirs))
    var renumber: [Int64: Int64] = [:]
    for item in mineAdded where theirsAdded.contains(item.id) && item.value != nil {
      // The same item on both sides (both made the same change) is one item, not two.
      if items(in: theirs).contains(where: { $0.id == item.id && $0.value == item.value }) {
        continue
      }
      renumber[item.id] = next
      next += 1
    }
    if !renumber.isEmpty { mine = remap(mine, renumber, inItem: false) }
    mine = setCounter(mine, next)
    theirs = setCounter(theirs, next)
  }

  /// Every item with a local id, wherever it is (the cycles' own numbers are not local ids).
  static func items(in value: JSONValue, list: String = "") -> [(id: Int64, value: JSONValue?)] {
    switch value {
    case .object(let o):
      return o.flatMap { key, v in items(in: v, list: key) }
    case .array(let a):
      var out: [(Int64, JSONValue?)] = []
      if list != "cycles", let ids = value.itemIDs {
        out += zip(ids, a).map { ($0, $1) }
      }
      return out + a.flatMap { items(in: $0, list: list) }
    default: return []
    }
  }

  static func counter(_ value: JSONValue) -> Int64 {
    if case .object(let o) = value, case .int(let n)? = o["nextLocalID"] { return n }
    return 0
  }

  static func setCounter(_ value: JSONValue, _ n: Int64) -> JSONValue {
    guard case .object(var o) = value else { return value }
    o["nextLocalID"] = .int(n)
    return .object(o)
  }

  /// Replaces renumbered ids: an item's own id (not a cycle's number) and references to outcomes and provision.
  static func remap(_ value: JSONValue, _ map: [Int64: Int64], inItem: Bool, list: String = "")
    -> JSONValue
  {
    switch value {
    case .object(var o):
      for (key, v) in o {
        switch (key, v) {
        case ("id", .int(let id)) where inItem && list != "cycles":
          o[key] = .int(map[id] ?? id)
        case ("outcomeID", .int(let id)), ("provisionID", .int(let id)):
          o[key] = .int(map[id] ?? id)
        case ("outcomeIDs", .array(let ids)):
          o[key] = .array(ids.map { if case .int(let id) = $0 { .int(map[id] ?? id) } else { $0 } })
        default:
          o[key] = remap(v, map, inItem: false, list: key)
        }
      }
      return .object(o)
    case .array(let a):
      let isList = value.itemIDs != nil
      return .array(a.map { remap($0, map, inItem: isList, list: list) })
    default: return value
    }
  }
}
