import CaseloadCore
import CaseloadExchange
import CaseloadStore
import Foundation
import TerminalUI

/// `x` on a pupil: the exports to choose from, each written to a file in `$XDG_DOCUMENTS_DIR` (else
/// `~/Documents/caseload/`) named for the pupil, the export and the day, such as
/// `oisin-obrien-plan-2026-11-29.html`; the message line says where it went.
public struct ExportMenu: Sendable {
  /// The exports offered, in the menu's order.
  public enum Choice: CaseIterable, Sendable, Hashable {
    case planHTML, planMarkdown, meetingHTML, meetingMarkdown, evidenceHTML, evidenceMarkdown
    case pupilJSON

    var title: String {
      switch self {
      case .planHTML: return "Plan for parents (HTML)"
      case .planMarkdown: return "Plan for parents (Markdown)"
      case .meetingHTML: return "Review meeting record (HTML)"
      case .meetingMarkdown: return "Review meeting record (Markdown)"
      case .evidenceHTML: return "EHC evidence pack (HTML)"
      case .evidenceMarkdown: return "EHC evidence pack (Markdown)"
      case .pupilJSON: return "Everything held (JSON)"
      }
    }

    var detail: String {
      switch self {
      case .planHTML: return "prints on A4"
      case .planMarkdown: return "plain text"
      case .meetingHTML, .meetingMarkdown: return "the last review"
      case .evidenceHTML, .evidenceMarkdown: return "for an EHC needs-assessment request"
      case .pupilJSON: return "for a subject access request"
      }
    }

    /// What goes in the file name and the message.
    var what: (name: String, words: String, format: ExportFormat) {
      switch self {
      case .planHTML: return ("plan", "the plan for parents", .html)
      case .planMarkdown: return ("plan", "the plan for parents", .md)
      case .meetingHTML: return ("meeting", "the review meeting record", .html)
      case .meetingMarkdown: return ("meeting", "the review meeting record", .md)
      case .evidenceHTML: return ("evidence", "the evidence pack", .html)
      case .evidenceMarkdown: return ("evidence", "the evidence pack", .md)
      case .pupilJSON: return ("record", "everything held", .json)
      }
    }
  }

  /// What a key did.
  public enum Outcome: Equatable, Sendable {
    case handled
    case cancelled
    /// The export chosen, for the app to write.
    case run(Effect)
  }

  public let pupilID: AggregateID
  public private(set) var picker: ChoicePicker
  let environment: [String: String]

  public init(
    pupilID: AggregateID, name: String,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.pupilID = pupilID
    self.environment = environment
    picker = ChoicePicker(
      title: "Export for \(name)",
      choices: Choice.allCases.map { ChoicePicker.Choice($0.title, description: $0.detail) })
  }

  public mutating func fit(width: Int, height: Int) { picker.fit(width: width, height: height) }

  public mutating func handle(_ key: Key) -> Outcome {
    switch picker.handle(key) {
    case .cancelled: return .cancelled
    case .handled, .chosenMany: return .handled
    case .chosen(let index):
      return .run(.export(Choice.allCases[index], pupilID, environment: environment))
    }
  }

  /// Writes the export and returns where it went: the app's runner does this for the menu.
  static func write(
    _ choice: Choice, pupilID: AggregateID, environment: [String: String], store: Store,
    settings: SchoolSettings, today: Day
  ) throws -> String {
    guard let pupil = try store.pupil(pupilID)?.value else {
      throw ExportProblem("That pupil was removed in another session.")
    }
    let templates = Templates(environment: environment)
    let (name, _, format) = choice.what
    try? store.recordAccess(pupilID, choice == .pupilJSON ? "export pupil" : "export \(name)")
    let data: Data
    switch choice {
    case .planHTML, .planMarkdown:
      data = Data(
        try Export.plan(
          pupil, settings: settings, today: today, format: format, templates: templates
        ).utf8)
    case .meetingHTML, .meetingMarkdown:
      data = Data(
        try Export.meeting(
          pupil, settings: settings, today: today, format: format, templates: templates
        ).utf8)
    case .evidenceHTML, .evidenceMarkdown:
      data = Data(
        try Export.evidence(
          pupil, settings: settings, today: today, format: format, templates: templates
        ).utf8)
    case .pupilJSON:
      data = try Export.pupilRecord(pupilID, store: store, today: today)
    }
    let folder = try ExportFile.documentsFolder(environment: environment)
    let path = ExportFile.freePath(
      in: folder, name: Export.fileName(for: pupil, name, today: today, format: format))
    try ExportFile.write(data, to: path)
    return path
  }

  public func draw(into grid: inout Grid, unicode: Bool) {
    picker.draw(into: &grid, unicode: unicode)
  }
}
