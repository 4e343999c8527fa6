import CaseloadCore
import CaseloadStore
import TerminalUI

/// The keys of the box shown when a save clashes with another session's: one table for dispatch, help and the
/// README.
enum MergeAction: Hashable, Sendable {
  case next, previous, mine, theirs, allMine, allTheirs, save, reload, back, pageDown, pageUp
}

let mergeKeys = try! Keymap<MergeAction>([
  .init(keys: [.down, .char("j")], action: .next, name: "next", help: "Next value", hint: true),
  .init(keys: [.up, .char("k")], action: .previous, name: "previous", help: "Previous value"),
  .init(
    keys: [.char("m")], action: .mine, name: "mine", help: "Keep yours for this value", hint: true),
  .init(
    keys: [.char("t")], action: .theirs, name: "theirs", help: "Keep theirs for this value",
    hint: true),
  .init(keys: [.char("M")], action: .allMine, name: "all-mine", help: "Keep yours for every value"),
  .init(
    keys: [.char("T")], action: .allTheirs, name: "all-theirs", help: "Keep theirs for every value"),
  .init(
    keys: [.enter, .ctrl("s")], action: .save, name: "save",
    help: "Save: their other changes and yours, with the values picked", hint: true),
  .init(
    keys: [.char("r")], action: .reload, name: "reload",
    help: "Drop your changes and load theirs", hint: true),
  .init(
    keys: [.escape], action: .back, name: "back", help: "Back to your edits, unsaved", hint: true),
  .init(keys: [.pageDown], action: .pageDown, name: "page-down", help: "Scroll down a page"),
  .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "Scroll up a page"),
])

/// A save that met another session's change with values both of you changed: each shown in full (wrapped, to
/// read and copy), theirs above yours, and a pick per value. Every editor opens this one box.
public struct MergeBox: Sendable {
  enum Outcome: Sendable {
    case stay
    /// Save again with the picks (the app does it; it may meet yet another change).
    case resave(SaveRequest)
    /// Take their version and drop yours.
    case reload
    case back
  }

  var conflict: MergeConflict
  /// What was being saved, to save again with the picks.
  var pending: SaveRequest
  var picks: [String: MergePick] = [:]
  var selected = 0
  /// The first line shown after Page Down or Page Up; nil follows the selected value.
  var scroll: Int?
  var note: String?

  init(_ conflict: MergeConflict, pending: SaveRequest) {
    self.conflict = conflict
    self.pending = pending
  }

  var clashes: [MergeClash] { conflict.clashes }

  /// What the box leaves to the editor under it after a key.
  enum Routed {
    /// Done: what to tell the app, and a line for the editor's message row.
    case done(EditorOutcome, line: (text: String, isError: Bool)?)
    /// `r`: the box has closed; the editor reloads their version its own way and says what it kept.
    case reload
  }

  /// The editors' one conflict handler: the box takes the key and closes unless it stays open; Enter asks the app
  /// to save again with the picks, Esc goes back to the edits, and `r` is left to the editor.
  static func route(_ key: Key, _ box: inout MergeBox?) -> Routed {
    guard var open = box else { return .done(.stay, line: nil) }
    let outcome = open.handle(key)
    box = nil
    switch outcome {
    case .stay:
      box = open
      return .done(.stay, line: nil)
    case .resave(let request): return .done(.save(request), line: nil)
    case .reload: return .reload
    case .back:
      return .done(
        .stay,
        line: (
          "Nothing was saved; your changes are still here, and saving shows the same choice.", true
        ))
    }
  }

  mutating func handle(_ key: Key) -> Outcome {
    note = nil
    guard let action = mergeKeys.action(for: key) else {
      note = "m keeps yours, t keeps theirs, Enter saves, Esc goes back."
      return .stay
    }
    switch action {
    case .next:
      selected = min(selected + 1, max(clashes.count - 1, 0))
      scroll = nil
    case .previous:
      selected = max(selected - 1, 0)
      scroll = nil
    case .mine, .theirs:
      guard clashes.indices.contains(selected) else { return .stay }
      picks[clashes[selected].id] = action == .mine ? .mine : .theirs
      if selected + 1 < clashes.count { selected += 1 }
      scroll = nil
    case .allMine, .allTheirs:
      for c in clashes { picks[c.id] = action == .allMine ? .mine : .theirs }
    case .save:
      let open = clashes.filter { picks[$0.id] == nil }.count
      guard open == 0 else {
        note =
          "Pick yours (m) or theirs (t) for \(open == 1 ? "one more value" : "\(open) more values")."
        return .stay
      }
      var again = pending
      again.picks = picks
      return .resave(again)
    case .reload: return .reload
    case .back: return .back
    case .pageDown: scroll = (scroll ?? followingTop) + Self.page
    case .pageUp: scroll = max((scroll ?? followingTop) - Self.page, 0)
    }
    return .stay
  }

  /// Lines Page Down moves: about a screenful of a small terminal, so nothing is skipped.
  static let page = 10

  /// The first line shown when following the selection: the top for the first value, else the value's heading.
  var followingTop: Int { selected == 0 ? 0 : max(layout(width: 76).starts[selected] - 1, 0) }

  static func boxWidth(_ gridWidth: Int) -> Int { min(max(gridWidth - 2, 12), 110) }

  /// The box's lines for its width, and where each clash starts.
  func layout(width boxWidth: Int) -> (lines: [(text: String, style: Style)], starts: [Int]) {
    let width = max(boxWidth - 4, 10)
    var lines: [(String, Style)] = WordWrap.lines(conflict.explanation, width: width).map {
      ($0, .plain)
    }
    lines.append(("", .plain))
    lines.append(
      (
        "Both of you changed \(clashes.count == 1 ? "this" : "these"); the rest of both is kept:",
        .dim
      ))
    var starts: [Int] = []
    for (i, c) in clashes.enumerated() {
      starts.append(lines.count)
      let pick = picks[c.id]
      let mark = i == selected ? "▶ " : "  "
      let choice = pick == nil ? "pick m or t" : pick == .mine ? "keeping yours" : "keeping theirs"
      lines.append(("\(mark)\(c.label) — \(choice)", i == selected ? .bold : .plain))
      for (side, text, picked) in [
        ("theirs", c.theirs, pick == .theirs), ("yours", c.mine, pick == .mine),
      ] {
        let wrapped = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
          WordWrap.lines(String($0), width: max(width - 11, 8))
        }
        for (n, piece) in wrapped.enumerated() {
          let head =
            n == 0
            ? (picked ? "✓ " : "  ") + side.padding(toLength: 7, withPad: " ", startingAt: 0)
            : "         "
          lines.append(("    \(head)\(piece)", picked ? .bold : .plain))
        }
      }
    }
    return (lines, starts)
  }

  func draw(into grid: inout Grid, rows: Range<Int>, unicode: Bool) {
    let width = min(Self.boxWidth(grid.width), grid.width)
    let height = rows.count
    guard width >= 12, height >= 4 else { return }
    let left = (grid.width - width) / 2
    let (lines, starts) = layout(width: width)
    let body = height - 3
    let follow = selected == 0 || !starts.indices.contains(selected) ? 0 : starts[selected] - 1
    let first = max(min(scroll ?? follow, lines.count - body), 0)
    grid.fill(row: rows.lowerBound, column: left, width: width, height: height)
    DialogFrame.draw(
      into: &grid, row: rows.lowerBound, column: left, width: width, height: height,
      unicode: unicode, title: "Saved by someone else",
      footer: lines.count > body
        ? "\(first + 1)-\(min(first + body, lines.count)) of \(lines.count)" : nil)
    for (i, line) in lines.dropFirst(first).prefix(body).enumerated() {
      let text =
        unicode
        ? line.text
        : line.text.replacingOccurrences(of: "▶", with: ">").replacingOccurrences(
          of: "✓", with: "*")
      grid.put(
        text.sanitisedForTerminal, row: rows.lowerBound + 1 + i, column: left + 2,
        style: line.style,
        maxWidth: width - 4, overflow: .ellipsis)
    }
    let hints =
      note
      ?? mergeKeys.footerHints(width: width - 4, measure: { $0.displayWidth })
    grid.put(
      hints, row: rows.upperBound - 2, column: left + 2, style: note == nil ? .dim : .reverse,
      maxWidth: width - 4, overflow: .ellipsis)
  }
}
