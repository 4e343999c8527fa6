/// A filter typed as words, as fast as a SENCo can type it: `y7 y8 K SLCN do due:28 overdue`.
///
/// Every word narrows the list: year groups (`y7`, `rec`, `nursery`), census codes (`K`, `E`, `N`) or `mon`
/// for pupils being monitored, need types (`ASD`, `SLCN`, …), need areas (`cognition`, `communication`,
/// `sensory`, `other`), APDR stages (`assess`, `plan`, `do`, `review`), `due:28` (something due within 28 days,
/// overdue included) and `overdue`. Several words of one kind mean either of them (`y7 y8` is Year 7 or 8).
public struct FilterQueryError: Error, Hashable, Sendable, CustomStringConvertible {
  public let word: String
  public var description: String {
    "“\(word)” is not a filter. Try y7, K, E, mon, ASD, semh, do, due:28 or overdue."
  }
}

extension CaseloadFilter {
  /// Replaces the year, code, need, stage, due and overdue conditions with those of `query`, keeping the
  /// search words and the leavers setting. Nothing changes when a word cannot be read.
  public mutating func apply(query: String) throws(FilterQueryError) {
    var f = CaseloadFilter(includeLeavers: includeLeavers, search: search)
    var words = query.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
    // "year 6" is y6, as "year" then "6" would otherwise be two words neither of which is a filter.
    var i = 0
    while i + 1 < words.count {
      if ["year", "yr"].contains(words[i].lowercased()), Int(words[i + 1]) != nil {
        words[i] = "y" + words[i + 1]
        words.remove(at: i + 1)
      }
      i += 1
    }
    for word in words {
      guard Self.read(word, into: &f) else { throw FilterQueryError(word: word) }
    }
    self = f
  }

  /// The conditions other than search and leavers, as words that `apply(query:)` reads back.
  public var query: String {
    var words: [String] = []
    words += years.sorted().map { $0 < 0 ? "nursery" : $0 == 0 ? "rec" : "y\($0)" }
    words += codes.sorted().map(\.rawValue)
    if monitoringOnly { words.append("mon") }
    words += NeedType.allCases.filter(needs.contains).map(\.rawValue)
    words += NeedArea.allCases.filter(areas.contains).map { Self.areaWord($0) }
    words += Stage.allCases.filter(stages.contains).map(\.rawValue)
    if let dueWithinDays { words.append("due:\(dueWithinDays)") }
    if overdueOnly { words.append("overdue") }
    return words.joined(separator: " ")
  }

  /// Whether any condition other than search and leavers is set.
  public var hasConditions: Bool { !query.isEmpty }

  static func areaWord(_ area: NeedArea) -> String {
    switch area {
    case .cognitionAndLearning: return "cognition"
    case .communicationAndInteraction: return "communication"
    case .semh: return "semh-area"
    case .sensoryPhysical: return "sensory"
    case .other: return "other"
    }
  }

  static func read(_ word: String, into f: inout CaseloadFilter) -> Bool {
    let w = word.lowercased()
    switch w {
    case "k", "e", "n":
      f.codes.insert(CensusCode(rawValue: w.uppercased())!)
      return true
    case "mon", "monitoring", "monitored":
      f.monitoringOnly = true
      return true
    case "overdue":
      f.overdueOnly = true
      return true
    case "r", "rec", "reception", "yr":
      f.years.insert(0)
      return true
    case "nursery":
      f.years.insert(-1)
      return true
    default: break
    }
    if let stage = Stage(rawValue: w) {
      f.stages.insert(stage)
      return true
    }
    if let need = NeedType(code: w) {
      f.needs.insert(need)
      return true
    }
    if let area = NeedArea.allCases.first(where: { areaWord($0) == w || $0.rawValue == w }) {
      f.areas.insert(area)
      return true
    }
    if w.hasPrefix("due") {
      let digits = w.dropFirst(3).drop(while: { $0 == ":" || $0 == "<" || $0 == "=" })
      guard let days = Int(digits.hasSuffix("d") ? digits.dropLast() : digits), days >= 0,
        days <= 3660
      else { return false }
      f.dueWithinDays = days
      return true
    }
    // A bare number is a year group: "f 6" is Year 6.
    if let n = Int(w), (1...14).contains(n) {
      f.years.insert(n)
      return true
    }
    if w.hasPrefix("y") || w.hasPrefix("year"), let year = YearGroup(typed: w), year.number > 0 {
      f.years.insert(year.number)
      return true
    }
    return false
  }
}
