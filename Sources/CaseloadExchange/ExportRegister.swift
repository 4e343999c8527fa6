import CSV
import CaseloadCore
import Foundation

extension Export {
  /// The SEN register for the census: one row per pupil at the school (leavers left out), in name order, with
  /// the census SEN provision code and the ranked types of need.
  ///
  /// `UPN, Surname, Forename, Date of birth, Year, SEN provision, Need 1, Need 2, SEN unit indicator, Resourced
  /// provision indicator` (`true` / `false`, as the census writes them): legal names, dates as
  /// YYYY-MM-DD, the National Curriculum year (`R` for Reception, `N` for nursery). UTF-8 with a byte-order mark
  /// and CRLF line ends, so a spreadsheet opens accents correctly.
  public static func register(_ pupils: [Pupil], today: Day) throws -> Data {
    let rows = pupils.filter { !$0.hasLeft }.sorted { ($0.sortName, $0.id) < ($1.sortName, $1.id) }
      .map { p -> [String] in
        let needs = p.needs.map(\.rawValue)
        return [
          p.upn ?? "", p.legalName.family, p.legalName.given, p.dateOfBirth.iso,
          censusYear(p.yearGroup(on: today)), p.censusCode.rawValue,
          needs.count > 0 ? needs[0] : "", needs.count > 1 ? needs[1] : "",
          String(p.specialistProvision == .senUnit),
          String(p.specialistProvision == .resourcedProvision),
        ]
      }
    return try csv(
      header: [
        "UPN", "Surname", "Forename", "Date of birth", "Year", "SEN provision", "Need 1", "Need 2",
        "SEN unit indicator", "Resourced provision indicator",
      ], rows: rows)
  }

  /// `R`, `1` … `13`; `N` for nursery.
  static func censusYear(_ y: YearGroup) -> String {
    switch y.number {
    case ..<0: return "N"
    case 0: return "R"
    default: return String(y.number)
    }
  }

  /// RFC 4180 CSV: fields with commas, quotes or line breaks quoted; a field a spreadsheet would run as a
  /// formula (starting `=`, `+`, `-`, `@`) starts with an apostrophe instead.
  static func csv(header: [String], rows: [[String]]) throws -> Data {
    let stream = OutputStream(toMemory: ())
    let writer = try CSVWriter(stream: stream, newline: .crlf)
    try writer.write(row: header)
    for row in rows { try writer.write(row: row.map(defused)) }
    stream.close()
    guard let body = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
      throw ExportProblem("The CSV could not be made.")
    }
    return Data([0xEF, 0xBB, 0xBF]) + body + Data("\r\n".utf8)
  }

  static func defused(_ field: String) -> String {
    guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
      return field
    }
    // A negative amount or a date is data, not a formula.
    if first == "-", Double(field) != nil { return field }
    return "'" + field
  }
}
