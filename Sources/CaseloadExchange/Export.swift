import CaseloadCore
import CaseloadStore
import Foundation

/// The formats exports come in.
public enum ExportFormat: String, Sendable, CaseIterable {
  case md, html, csv, json

  public var fileExtension: String { rawValue }
}

/// Something that cannot be exported, in words for the person who asked.
public struct ExportProblem: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Caseload's exports: the plan for parents, the record of the last review meeting, the evidence pack for an EHC
/// needs-assessment request, the register for the census, the provision map, everything held about one pupil,
/// and the whole store.
public enum Export {
  /// The pupil's current SEN support plan for parents, in plain language (Markdown or HTML for A4).
  public static func plan(
    _ pupil: Pupil, settings: SchoolSettings, today: Day, format: ExportFormat,
    templates: Templates = Templates()
  ) throws -> String {
    try check(format, [.md, .html], "plan")
    return try templates.render(
      "plan.\(format.rawValue).mustache",
      PlanModel(pupil: pupil, settings: settings, today: today))
  }

  /// The record of the pupil's last review meeting.
  public static func meeting(
    _ pupil: Pupil, settings: SchoolSettings, today: Day, format: ExportFormat,
    templates: Templates = Templates()
  ) throws -> String {
    try check(format, [.md, .html], "meeting")
    guard let model = MeetingModel(pupil: pupil, settings: settings, today: today) else {
      throw ExportProblem(
        "\(pupil.displayName) has no review meeting recorded yet: a record is made once a cycle's review is recorded."
      )
    }
    return try templates.render("meeting.\(format.rawValue).mustache", model)
  }

  /// The graduated-response evidence pack for an EHC needs-assessment request.
  public static func evidence(
    _ pupil: Pupil, settings: SchoolSettings, today: Day, format: ExportFormat,
    templates: Templates = Templates()
  ) throws -> String {
    try check(format, [.md, .html], "evidence")
    return try templates.render(
      "evidence.\(format.rawValue).mustache",
      EvidenceModel(pupil: pupil, settings: settings, today: today))
  }

  static func check(_ format: ExportFormat, _ allowed: [ExportFormat], _ what: String) throws {
    guard allowed.contains(format) else {
      throw ExportProblem(
        "The \(what) export comes as \(allowed.map(\.rawValue).joined(separator: " or ")), not \(format.rawValue)."
      )
    }
  }

  /// `oisin-obrien-plan-2026-11-29.html`: the pupil's name in plain letters, what, the day, the format.
  public static func fileName(for pupil: Pupil, _ what: String, today: Day, format: ExportFormat)
    -> String
  {
    "\(slug(pupil.displayName, fallback: pupil.id.rawValue))-\(what)-\(today.iso).\(format.fileExtension)"
  }

  /// Lower case letters and digits joined by hyphens; accents dropped, apostrophes removed, any script kept.
  static func slug(_ text: String, fallback: String) -> String {
    var out = ""
    var gap = false
    for c in Text.searchKey(text) {
      if c == "'" { continue }
      if c.isLetter || c.isNumber {
        if gap, !out.isEmpty { out.append("-") }
        out.append(c)
        gap = false
      } else {
        gap = true
      }
    }
    return out.isEmpty ? fallback : out
  }
}
