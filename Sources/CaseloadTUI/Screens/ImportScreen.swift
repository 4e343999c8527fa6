import CaseloadCore
import CaseloadExchange
import CaseloadStore
import Foundation
import TerminalUI

/// The actions of the import preview.
public enum ImportAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, top, bottom, apply, back, help
}

/// `i` on the caseload: asks for the CSV the school's MIS exported, shows what importing it would do (the same
/// plan `caseload import mis FILE --dry-run` prints), and imports it as one undo step once confirmed.
public struct ImportScreen {
  /// The screen cannot take a mapping file: it says where one is given.
  static let remedies = ImportRemedies(
    mapping:
      "in a mapping file, which the command line takes (`caseload import mis FILE --mapping MAP`)",
    noSENColumn: "import it from the command line, saying so (`--no-sen-column`)")

  public static let keys = try! Keymap<ImportAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Scroll down"),
    .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Scroll up"),
    .init(
      keys: [.pageDown, .char(" ")], action: .pageDown, name: "page-down", help: "A page down"),
    .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
    .init(keys: [.home, .char("g")], action: .top, name: "top", help: "The start"),
    .init(keys: [.end, .char("G")], action: .bottom, name: "bottom", help: "The end"),
    .init(
      keys: [.enter, .char("i")], action: .apply, name: "apply",
      help: "Import what the preview shows (asks first)", hint: true),
    .init(
      keys: [.escape, .char("q")], action: .back, name: "back",
      help: "Back to the caseload without importing", hint: true),
    .init(
      keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true),
  ])

  /// What a key asks of the app.
  public enum Outcome: Hashable, Sendable {
    case handled
    /// Closed, with what to say on the caseload ("Import cancelled: nothing was saved.").
    case closed(String?)
    case help
    /// The file to preview, or the previewed import to save: for the app to do.
    case run(Effect)
  }

  /// The path being typed, before there is a preview.
  public private(set) var path: TextInput
  public private(set) var plan: ImportPlan?
  public private(set) var lines: [String] = []
  public private(set) var scroll = 0
  public private(set) var confirm: ConfirmDialog?
  /// A problem reading the file or saving, shown under the prompt or the preview.
  public private(set) var problem: String?

  /// The preference holding the last file imported, offered again next time.
  static let lastPathKey = "import-mis-path"

  /// Opens on the path of the last file imported, offered again.
  public init(lastPath: String) {
    path = TextInput(text: lastPath, placeholder: "pupils.csv, ~/Downloads/sims-export.csv")
  }

  /// A path as typed or dropped into a terminal: quotes and backslash-escaped spaces removed, `~` expanded.
  static func resolve(_ typed: String) -> String {
    var t = typed.trimmingCharacters(in: .whitespaces)
    if t.count >= 2, let q = t.first, q == "'" || q == "\"", t.last == q {
      t = String(t.dropFirst().dropLast())
    }
    t = t.replacingOccurrences(of: "\\ ", with: " ")
    return (t as NSString).expandingTildeInPath
  }

  // MARK: - Update

  public mutating func handle(_ key: Key, height: Int) -> Outcome {
    if var c = confirm {
      switch c.handle(key) {
      case .handled:
        confirm = c
        return .handled
      case .cancelled:
        confirm = nil
        return .handled
      case .confirmed:
        confirm = nil
        return .run(.applyImport)
      }
    }
    guard plan != nil else { return handlePath(key) }
    guard let action = Self.keys.action(for: key) else { return .handled }
    return perform(action, height: height)
  }

  mutating func handlePath(_ key: Key) -> Outcome {
    switch path.handle(key) {
    case .cancelled: return .closed(nil)
    case .submitted:
      let typed = path.text.trimmingCharacters(in: .whitespaces)
      guard !typed.isEmpty else {
        problem = "Type the path of the CSV file your MIS exported."
        return .handled
      }
      return .run(.previewImport(typed))
    case .changed: problem = nil
    case .handled, .ignored: break
    }
    return .handled
  }

  /// The plan of the file the app read: the preview, scrolled to its top.
  mutating func show(_ plan: ImportPlan) {
    self.plan = plan
    lines =
      [
        "Import of \(plan.fileName) — a preview: nothing is saved until you confirm", "",
      ] + plan.reportLines()
    scroll = 0
    problem = nil
  }

  /// Why the file could not be read or the import saved: the prompt or the preview stays open.
  mutating func show(problem: String) { self.problem = problem }

  mutating func perform(_ action: ImportAction, height: Int) -> Outcome {
    let page = max(Self.textRows(height), 1)
    let maxScroll = max(lines.count - page, 0)
    switch action {
    case .down: scroll = min(scroll + 1, maxScroll)
    case .up: scroll = max(scroll - 1, 0)
    case .pageDown: scroll = min(scroll + page, maxScroll)
    case .pageUp: scroll = max(scroll - page, 0)
    case .top: scroll = 0
    case .bottom: scroll = maxScroll
    case .back: return .closed("Import cancelled: nothing was saved.")
    case .help: return .help
    case .apply:
      guard let plan else { break }
      guard plan.hasChanges else {
        problem = "Nothing to import: every pupil in the file is up to date in Caseload."
        break
      }
      let new = plan.count(.new)
      let changed = plan.count(.changed)
      confirm = ConfirmDialog(
        question:
          "Import \(plan.fileName): add \(new) new \(new == 1 ? "pupil" : "pupils") and change \(changed)? It is one step: u undoes it.",
        title: "Import", confirmKey: "i", confirmLabel: "Import", cancelKey: "c",
        cancelLabel: "Cancel", defaultChoice: .cancel)
      // One step that u undoes: y answers it too.
      confirm?.answersYesNo = true
    }
    return .handled
  }

  // MARK: - View

  /// The preview's text rows in a screen `height` tall: the app's title, footer and message rows, and the
  /// screen's own problem row, are not text.
  static func textRows(_ height: Int) -> Int { height - 4 }

  public func footerHints(width: Int) -> String {
    guard plan != nil else { return "Enter preview · Esc cancel" }
    return Self.keys.footerHints(width: width, measure: { $0.displayWidth })
  }

  public func draw(into grid: inout Grid, rows: Range<Int>, unicode: Bool) {
    guard rows.count > 2 else { return }
    let width = grid.width
    if plan == nil {
      let top = rows.lowerBound
      grid.put(
        "Import pupils from the school's MIS", row: top, column: 0, style: .bold, maxWidth: width,
        overflow: .ellipsis)
      grid.put(
        "The CSV file exported from SIMS, Arbor or Bromcom (you will see what it would do first):",
        row: top + 2, column: 0, maxWidth: width, overflow: .ellipsis)
      let prompt = "File: "
      grid.put(prompt, row: top + 3, column: 0, style: .bold, maxWidth: width)
      path.draw(
        into: &grid, row: top + 3, column: prompt.count, width: max(width - prompt.count, 1))
      if let problem, rows.count > 5 {
        // Whole, wrapped: the problem names the columns looked for and what to do.
        for (i, line) in WordWrap.lines(problem, width: width).prefix(rows.upperBound - top - 5)
          .enumerated()
        {
          grid.put(
            line, row: top + 5 + i, column: 0, style: .reverse, maxWidth: width,
            overflow: .ellipsis)
        }
      }
      return
    }
    let textRows = rows.count - 1
    for (i, line) in lines.dropFirst(scroll).prefix(textRows).enumerated() {
      grid.put(
        line, row: rows.lowerBound + i, column: 0, style: i == 0 && scroll == 0 ? .bold : .plain,
        maxWidth: width, overflow: .ellipsis)
    }
    let status =
      problem ?? "Lines \(scroll + 1)–\(min(scroll + textRows, lines.count)) of \(lines.count)"
    grid.put(
      status, row: rows.upperBound - 1, column: 0, style: problem == nil ? .dim : .reverse,
      maxWidth: width, overflow: .ellipsis)
    confirm?.draw(into: &grid, unicode: unicode)
  }
}
