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
