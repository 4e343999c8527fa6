import CaseloadCore
import Foundation

/// Reading the values an MIS writes in its columns: dates, year groups, SEN provision and types of need.
public enum MISValues {
  /// `31/12/2015`, `1/2/15`, `2015-12-31`, `31.12.2015`, `31-12-2015`, and any of them followed by a time
  /// (`31/12/2015 00:00`), as spreadsheets add one.
  public static func date(_ text: String) -> Day? {
    var t = text.trimmingCharacters(in: .whitespaces)
    if let space = t.firstIndex(where: { $0 == " " || $0 == "T" }),
      t[t.index(after: space)...].allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." })
    {
      t = String(t[..<space])
    }
    return Day(typed: t)
  }

  /// `R`, `Reception`, `Y7`, `7`, `Year 7`, `Year R`, `N1`, `N2`, `Nursery`.
  public static func yearGroup(_ text: String) -> YearGroup? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let y = YearGroup(typed: t) { return y }
    let squeezed = t.lowercased().replacingOccurrences(of: " ", with: "")
    for prefix in ["year", "yr", "y", "nc"] where squeezed.hasPrefix(prefix) {
      if let y = YearGroup(typed: String(squeezed.dropFirst(prefix.count))) { return y }
    }
    return nil
  }

  /// Whether the family name comes first (Vietnamese, Chinese, Korean, Hungarian names): `surname first`,
  /// `family first`, `SF`, `yes`, `Y`, `true`, `1`; the other order is `forename first`, `given first`, `FS`, `no`,
  /// `N`, `false`, `0` or an empty cell. nil for anything else.
  public static func familyFirst(_ text: String) -> Bool? {
    let key = ImportText.headerKey(text)
    if ["surnamefirst", "familyfirst", "familynamefirst", "sf", "yes", "y", "true", "1"].contains(
      key)
    {
      return true
    }
    if ["", "forenamefirst", "givenfirst", "givennamefirst", "fs", "no", "n", "false", "0"]
      .contains(
        key)
    {
      return false
    }
    return nil
  }

  /// A census SEN provision code from a code or the words an MIS writes for it. An empty cell is N. `retired`
  /// is the retired code read (S, A or P) when there was one.
  public static func provision(_ text: String) -> (code: CensusCode, retired: String?)? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.isEmpty { return (.N, nil) }
    // "K - SEN Support", "E: EHC plan"
    let head = t.split(whereSeparator: { " -–:".contains($0) }).first.map(String.init) ?? t
    for candidate in [t, head] {
      if let r = CensusCode.reading(candidate) {
        return (r.code, r.retired ? candidate.uppercased() : nil)
      }
    }
    switch ImportText.headerKey(t) {
    case "n", "none", "nosen", "no", "nospecialeducationalneed", "nospecialeducationalneeds":
      return (.N, nil)
    case "sensupport", "ksensupport", "support": return (.K, nil)
    case "ehcplan", "ehcp", "ehc", "educationhealthandcareplan", "educationhealthcareplan":
      return (.E, nil)
    case "statement", "statementofsen", "statementofspecialeducationalneeds": return (.E, "S")
    case "schoolaction": return (.K, "A")
    case "schoolactionplus": return (.K, "P")
    default: return nil
    }
  }

  /// What a retired code was: "School Action".
  static func retiredMeaning(_ code: String) -> String {
    switch code {
    case "S": return "statement"
    case "A": return "School Action"
    default: return "School Action Plus"
    }
  }

  /// A census type of need from its code (`SpLD`), a code with its meaning (`SPLD - Specific Learning
  /// Difficulty`), or the meaning alone.
  public static func need(_ text: String) -> NeedType? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let n = NeedType(code: t) { return n }
    let head = t.split(whereSeparator: { " -–:(".contains($0) }).first.map(String.init) ?? t
    if let n = NeedType(code: head) { return n }
    let key = ImportText.headerKey(t)
    if let n = NeedType.allCases.first(where: { ImportText.headerKey($0.meaning) == key }) {
      return n
    }
    switch key {
    case "autism", "autisticspectrumdisorder", "autismspectrumdisorder", "asc",
      "autisticspectrumcondition", "autismspectrumcondition":
      return .ASD
    case "specificlearningdifficulties", "dyslexia": return .SPLD
    case "speechlanguageandcommunicationneeds", "speechlanguageandcommunication": return .SLCN
    case "socialemotionalandmentalhealth": return .SEMH
    default: return nil
    }
  }
}
