import CaseloadCore
import Foundation

extension ImportPlan {
  /// "2 new · 1 changed · 5 unchanged · 1 rejected · 3 not in the file"
  public var countsLine: String {
    var parts = Outcome.allCases.map { "\(count($0)) \($0.rawValue)" }
    parts.append("\(missingFromFile.count) not in the file")
    return parts.joined(separator: " · ")
  }

  /// The plan as plain lines, the same for the dry run, the import and the TUI's preview: how the file was read,
  /// the counts, then the new, changed and rejected rows with their lines, the warnings, and the pupils the file
  /// does not mention. Unchanged rows are only counted.
  public func reportLines() -> [String] {
    var out: [String] = []
    out += notes
    let used = MISField.allCases.compactMap { f in
      columns.header[f].map {
        ImportText.headerKey($0) == ImportText.headerKey(f.title) ? $0 : "\($0) (\(f.title))"
      }
    }
    out.append("Columns read: " + used.joined(separator: ", "))
    if !columns.ignored.isEmpty {
      out.append("Columns not read: " + columns.ignored.joined(separator: ", "))
    }
    out.append("")
    out.append(countsLine)
    func lineLabel(_ n: Int) -> String {
      let label = "line \(n)"
      return label.count >= 10
        ? label + " " : label + String(repeating: " ", count: 10 - label.count)
    }
    let indent = String(repeating: " ", count: 12)
    let new = rows(.new)
    if !new.isEmpty {
      out += ["", "New (\(new.count))"]
      for r in new {
        out.append("  " + lineLabel(r.line) + r.name + (r.changes.first.map { " · \($0)" } ?? ""))
      }
    }
    let changed = rows(.changed)
    if !changed.isEmpty {
      out += ["", "Changed (\(changed.count))"]
      for r in changed {
        out.append(
          "  " + lineLabel(r.line) + r.name + (r.dateOfBirth.map { ", born \($0.british)" } ?? ""))
        out += r.changes.map { indent + $0 }
      }
    }
    let rejected = rows(.rejected)
    if !rejected.isEmpty {
      out += ["", "Rejected (\(rejected.count)): not imported"]
      for r in rejected {
        out.append("  " + lineLabel(r.line) + r.name)
        out.append(indent + (r.reason ?? ""))
      }
    }
    let warned = rows.filter { !$0.warnings.isEmpty }
    if !warned.isEmpty {
      out += ["", "Warnings (\(warned.count))"]
      for r in warned {
        out.append("  " + lineLabel(r.line) + r.name)
        out += r.warnings.map { indent + $0 }
      }
    }
    if !missingFromFile.isEmpty {
      out += [
        "",
        "In Caseload but not in the file (\(missingFromFile.count)): kept, an import never removes a pupil",
      ]
      for m in missingFromFile {
        out.append(
          "  \(m.name), born \(m.dateOfBirth.british), \(m.yearGroup)"
            + (m.upn.map { ", UPN \($0)" } ?? ""))
      }
    }
    return out
  }

  /// The plan for scripts (`--json`).
  public struct Report: Encodable, Sendable {
    public struct Column: Encodable, Sendable {
      public var field: String
      public var header: String
    }
    public struct Row: Encodable, Sendable {
      public var line: Int
      public var outcome: String
      public var name: String
      public var dateOfBirth: Day?
      public var upn: String?
      public var pupilID: String?
      public var changes: [String]
      public var reason: String?
      public var warnings: [String]
    }
    public var file: String
    public var today: Day
    public var dryRun: Bool
    /// The history's name for the step, when the import was saved.
    public var saved: String?
    public var notes: [String]
    public var columns: [Column]
    public var ignoredColumns: [String]
    public var counts: [String: Int]
    public var rows: [Row]
    public var missingFromFile: [Missing]
  }

  public func report(dryRun: Bool, saved: String?) -> Report {
    var counts = Dictionary(uniqueKeysWithValues: Outcome.allCases.map { ($0.rawValue, count($0)) })
    counts["missingFromFile"] = missingFromFile.count
    return Report(
      file: fileName, today: today, dryRun: dryRun, saved: saved, notes: notes,
      columns: MISField.allCases.compactMap { f in
        columns.header[f].map { Report.Column(field: f.rawValue, header: $0) }
      },
      ignoredColumns: columns.ignored, counts: counts,
      rows: rows.map {
        Report.Row(
          line: $0.line, outcome: $0.outcome.rawValue, name: $0.name, dateOfBirth: $0.dateOfBirth,
          upn: $0.upn,
          pupilID: $0.outcome == .new || $0.expectedVersion != nil ? $0.pupilID?.rawValue : nil,
          changes: $0.changes, reason: $0.reason, warnings: $0.warnings)
      }, missingFromFile: missingFromFile)
  }
}
