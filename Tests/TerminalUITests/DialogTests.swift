import Testing

@testable import TerminalUI

private func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }
private func repeated(_ text: String, _ count: Int) -> String {
  String(repeating: text, count: count)
}

/// The text and columns of the reverse cells on a row.
private func reverseText(_ grid: Grid, row: Int) -> String {
  grid.styledRuns(row: row).filter(\.style.isReverse).map(\.text).joined(separator: "|")
}

@Suite("Confirm dialog")
struct ConfirmDialogTests {
  let question = "Delete the note from 3 March 2025?"

  @Test("y confirms, n and Esc cancel, Enter takes the highlighted choice, in either case")
  func keys() {
    var dialog = ConfirmDialog(question: question)
    #expect(dialog.handle(.char("y")) == .confirmed)
    #expect(dialog.handle(.char("Y")) == .confirmed)
    #expect(dialog.handle(.char("n")) == .cancelled)
    #expect(dialog.handle(.char("N")) == .cancelled)
    #expect(dialog.handle(.escape) == .cancelled)
    #expect(dialog.handle(.char("x")) == .handled)
    #expect(dialog.handle(.ctrl("y")) == .handled)
    #expect(dialog.handle(.enter) == .confirmed)
    #expect(dialog.handle(.right) == .handled)
    #expect(dialog.highlighted == .cancel)
    #expect(dialog.handle(.enter) == .cancelled)
    #expect(dialog.handle(.tab) == .handled)
    #expect(dialog.handle(.enter) == .confirmed)

    var cautious = ConfirmDialog(
      question: question, confirmKey: "d", confirmLabel: "Delete", cancelKey: "k",
      cancelLabel: "Keep", defaultChoice: .cancel)
    #expect(cautious.choicesText == "[d] Delete  [k] Keep")
    #expect(cautious.handle(.enter) == .cancelled)
    #expect(cautious.handle(.char("y")) == .handled)
    #expect(cautious.handle(.char("D")) == .confirmed)
  }

  @Test("at 80×24 the box is centred, with the question and the default choice in reverse")
  func unicode80x24() {
    let dialog = ConfirmDialog(question: question)
    var grid = Grid(width: 80, height: 24)
    dialog.draw(into: &grid)
    let pad = spaces(21)
    let expected =
      Array(repeating: "", count: 9) + [
        pad + "┌" + repeated("─", 36) + "┐",
        pad + "│" + spaces(36) + "│",
        pad + "│ " + question + " │",
        pad + "│" + spaces(36) + "│",
        pad + "│" + spaces(10) + "[y] Yes  [n] No" + spaces(11) + "│",
        pad + "└" + repeated("─", 36) + "┘",
      ] + Array(repeating: "", count: 9)
    #expect(grid.lines() == expected)
    #expect(reverseText(grid, row: 13) == "[y] Yes")
    #expect(grid.styledRuns(row: 13).first { $0.style.isReverse }?.column == 32)
  }

  @Test("in ASCII the same box is drawn with + - |, and a title sits in the top border")
  func ascii80x24() {
    var dialog = ConfirmDialog(question: question, title: "Delete")
    _ = dialog.handle(.right)
    var grid = Grid(width: 80, height: 24)
    dialog.draw(into: &grid, unicode: false)
    let lines = grid.lines()
    let pad = spaces(21)
    #expect(lines[9] == pad + "+- Delete " + repeated("-", 27) + "+")
    #expect(lines[11] == pad + "| " + question + " |")
    #expect(lines[13] == pad + "|" + spaces(10) + "[y] Yes  [n] No" + spaces(11) + "|")
    #expect(lines[14] == pad + "+" + repeated("-", 36) + "+")
    #expect(reverseText(grid, row: 13) == "[n] No")
    #expect(grid[row: 9, column: 24].style.isBold)
    #expect(!grid.description.contains("─"))
  }

  @Test("at 40×12 a long question wraps by display width inside a narrower box")
  func wraps40x12() {
    let dialog = ConfirmDialog(
      question: "Remove Siobhán Mac Giolla Phádraig from the caseload and archive all of her plans?"
    )
    for unicode in [true, false] {
      var grid = Grid(width: 40, height: 12)
      dialog.draw(into: &grid, unicode: unicode)
      let (v, h) = unicode ? ("│", "─") : ("|", "-")
      let (tl, tr, bl, br) = unicode ? ("┌", "┐", "└", "┘") : ("+", "+", "+", "+")
      #expect(
        grid.lines() == [
          "",
          "",
          " " + tl + repeated(h, 36) + tr,
          " " + v + spaces(36) + v,
          " " + v + " Remove Siobhán Mac Giolla Phádraig " + v,
          " " + v + " from the caseload and archive all  " + v,
          " " + v + " of her plans?" + spaces(22) + v,
          " " + v + spaces(36) + v,
          " " + v + spaces(10) + "[y] Yes  [n] No" + spaces(11) + v,
          " " + bl + repeated(h, 36) + br,
          "",
          "",
        ])
    }
  }

  @Test(
    "a question too long for 40×12 drops the padding and ends with an ellipsis; nothing leaves the grid"
  )
  func shrinks() {
    let long = Array(repeating: "The review meeting must be rearranged", count: 6).joined(
      separator: " ")
    let dialog = ConfirmDialog(question: long)
    var grid = Grid(width: 40, height: 12)
    dialog.draw(into: &grid)
    let lines = grid.lines()
    #expect(lines[0] == "")
    #expect(lines[1].hasPrefix(" ┌"))
    #expect(lines[2] == " │ The review meeting must be         │")
    #expect(lines[8].hasSuffix("… │"))
    #expect(lines[9].contains("[y] Yes  [n] No"))
    #expect(lines[10].hasPrefix(" └"))
    #expect(lines[11] == "")
    #expect(lines.allSatisfy { $0.displayWidth <= 40 })

    // Tinier still: the box keeps its border and choices.
    var tiny = Grid(width: 20, height: 5)
    dialog.draw(into: &tiny)
    #expect(tiny.lines()[0].hasPrefix(" ┌"))
    #expect(tiny.lines()[3].contains("[y] Yes"))
    #expect(tiny.lines()[4].hasPrefix(" └"))
  }

  @Test(
    "wrapping breaks at spaces, inside words wider than a line, and never halves a wide character")
  func wrapping() {
    #expect(WordWrap.lines("one two three", width: 7) == ["one two", "three"])
    #expect(WordWrap.lines("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(WordWrap.lines("王秀英王秀", width: 5) == ["王秀", "英王", "秀"])
    #expect(WordWrap.lines("Zoe\u{308} Example\nY7", width: 20) == ["Zoë Example", "Y7"])
    #expect(WordWrap.lines("a\u{1B}[2Jb", width: 10) == ["ab"])
    #expect(WordWrap.lines("", width: 10) == [""])
    #expect(WordWrap.lines("one\n\ntwo", width: 10) == ["one", "", "two"])
    // Continuation lines indented: each line still fits, and a long word breaks inside the indent's room.
    #expect(
      WordWrap.lines("one two three four", width: 9, hangingIndent: 2) == [
        "one two", "  three", "  four",
      ])
    #expect(WordWrap.lines("abcdefghij", width: 5, hangingIndent: 2) == ["abcde", "  fgh", "  ij"])
  }
}

@Suite("Status line")
struct StatusLineTests {
  @Test("kinds read without colour: info plain, warning bold, error bold and reverse")
  func kinds() {
    var status = StatusLine()
    var grid = Grid(width: 30, height: 1)
    status.draw(into: &grid, row: 0, width: 30)
    #expect(grid.lines() == [""])

    status.info("Saved.")
    status.draw(into: &grid, row: 0, width: 30)
    #expect(grid.lines() == ["Saved."])
    #expect(grid.styledRuns(row: 0).allSatisfy { $0.style == .plain })

    status.warning("3 pupils hidden")
    status.draw(into: &grid, row: 0, width: 30)
    #expect(grid.lines() == [" 3 pupils hidden"])
    #expect(grid[row: 0, column: 1].style.isBold)
    #expect(!grid[row: 0, column: 1].style.isReverse)

    status.error("Could not undo")
    status.draw(into: &grid, row: 0, width: 30)
    #expect(grid.lines() == [" Could not undo"])
    #expect(grid[row: 0, column: 1].style.isBold && grid[row: 0, column: 1].style.isReverse)
    #expect(grid[row: 0, column: 1].style.withoutColour == Style([.bold, .reverse]))
    #expect(reverseText(grid, row: 0) == " Could not undo ")
    #expect(grid[row: 0, column: 16].style == .plain)

    status.clear()
    #expect(status.isEmpty)
    status.draw(into: &grid, row: 0, width: 30)
    #expect(grid.lines() == [""])
  }

  @Test("a long message is cut with an ellipsis by display width, and sanitised")
  func truncation() {
    var grid = Grid(width: 20, height: 2)
    StatusLine("Imported 王秀英 and Zoë Example from the MIS").draw(into: &grid, row: 0, width: 16)
    #expect(grid.lines()[0] == "Imported 王秀英…")
    StatusLine("bad\u{1B}[2J\ttext\n", kind: .info).draw(into: &grid, row: 1, column: 2, width: 18)
    #expect(grid.lines()[1] == "  bad text")
  }
}

private enum PaletteAction: Hashable, Sendable {
  case up, down, open, search, sortName, sortYear, undo, redo, help, quit, export
}

private let paletteKeymap = try! Keymap<PaletteAction>([
  .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Move up"),
  .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Move down"),
  .init(keys: [.enter], action: .open, name: "open", help: "Open the selected row"),
  .init(keys: [.char("/")], action: .search, name: "search", help: "Search names"),
  .init(keys: [.char("n")], action: .sortName, name: "sort-by-name", help: "Sort by name"),
  .init(keys: [.char("y")], action: .sortYear, name: "sort-by-year", help: "Sort by year group"),
  .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step"),
  .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you undid"),
  .init(keys: [.char("?")], action: .help, name: "help", help: "Show the keys"),
  .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit"),
  .init(keys: [], action: .export, name: "export", help: "Export the caseload as Markdown"),
])

@Suite("Command palette")
struct CommandPaletteTests {
  private func typed(_ text: String, into palette: inout CommandPalette<PaletteAction>) {
    for character in text { #expect(palette.handle(.char(character)) == .handled) }
  }

  @Test("lists every action in table order, and Enter runs the selected one")
  func listsEverything() {
    var palette = CommandPalette(keymap: paletteKeymap)
    #expect(palette.matchingNames == paletteKeymap.actionNames)
    #expect(palette.handle(.enter) == .run(.up, name: "up"))
    #expect(palette.handle(.down) == .handled)
    #expect(palette.handle(.down) == .handled)
    #expect(palette.selected?.name == "open")
    #expect(palette.handle(.enter) == .run(.open, name: "open"))
    #expect(palette.handle(.up) == .handled)
    #expect(palette.handle(.ctrl("p")) == .handled)
    #expect(palette.handle(.ctrl("p")) == .handled)
    #expect(palette.selection == 0)
    #expect(palette.handle(.escape) == .closed)
  }

  @Test("typing filters by words anywhere, ignoring case, and resets the selection")
  func filtering() {
    var palette = CommandPalette(keymap: paletteKeymap)
    _ = palette.handle(.down)
    typed("SORT", into: &palette)
    #expect(palette.matchingNames == ["sort-by-name", "sort-by-year"])
    #expect(palette.selection == 0)
    typed(" year", into: &palette)
    #expect(palette.matchingNames == ["sort-by-year"])
    #expect(palette.handle(.enter) == .run(.sortYear, name: "sort-by-year"))
    _ = palette.handle(.ctrl("u"))
    typed("name", into: &palette)  // names starting with the word first, then help text matches
    #expect(palette.matchingNames == ["sort-by-name", "search"])
    _ = palette.handle(.ctrl("u"))
    typed("markdown", into: &palette)  // a palette-only action
    #expect(palette.matchingNames == ["export"])
    typed("zzz", into: &palette)
    #expect(palette.matchingNames.isEmpty)
    #expect(palette.handle(.enter) == .handled)
    _ = palette.handle(.backspace)
    #expect(palette.matchingNames.isEmpty)
    _ = palette.handle(.ctrl("w"))
    #expect(palette.matchingNames.count == paletteKeymap.bindings.count)
  }

  @Test("draws the filter, the rows with keys, the selection in reverse, and scrolls a long list")
  func drawing() {
    var palette = CommandPalette(keymap: paletteKeymap)
    palette.fit(width: 40, height: 12)
    #expect(palette.visibleRows == 6)
    var grid = Grid(width: 40, height: 12)
    palette.draw(into: &grid)
    var lines = grid.lines()
    #expect(lines[1].hasPrefix(" ┌─ Commands ─"))
    #expect(lines[2].hasPrefix(" │ : type to filter"))
    #expect(lines[3].hasPrefix(" ├─") && lines[3].hasSuffix("─┤"))
    #expect(lines[4].hasPrefix(" │ up" + spaces(12) + "Move up"))
    #expect(lines[4].hasSuffix("↑, k │"))
    #expect(lines[9].hasPrefix(" │ sort-by-year"))
    #expect(lines[10].hasPrefix(" └") && lines[10].hasSuffix(" 1-6 of 11 ─┘"))
    #expect(reverseText(grid, row: 4).hasPrefix(" up"))
    #expect(reverseText(grid, row: 5) == "")

    for _ in 0..<7 { _ = palette.handle(.down) }
    #expect(palette.selected?.name == "redo")
    #expect(palette.scroll == 2)
    grid = Grid(width: 40, height: 12)
    palette.draw(into: &grid)
    lines = grid.lines()
    #expect(lines[4].hasPrefix(" │ open"))
    #expect(lines[9].hasPrefix(" │ redo"))
    #expect(reverseText(grid, row: 9).contains("Redo what"))
    #expect(reverseText(grid, row: 9).hasSuffix("|Ctrl-R| "))
    #expect(lines[10].hasSuffix(" 3-8 of 11 ─┘"))

    _ = palette.handle(.pageDown)
    #expect(palette.selected?.name == "export")
    typed("zz", into: &palette)
    grid = Grid(width: 40, height: 12)
    palette.draw(into: &grid, unicode: false)
    lines = grid.lines()
    #expect(lines[2].hasPrefix(" | : zz"))
    #expect(lines[4].hasPrefix(" | No matching commands"))
    #expect(!grid.description.contains("│"))
  }
}

@Suite("Help overlay")
struct HelpOverlayTests {
  @Test("lists the keymap's help lines in a box, and closes on Esc, ? and q")
  func lists() {
    var help = HelpOverlay(keymap: paletteKeymap)
    #expect(help.lines == paletteKeymap.helpLines())
    var grid = Grid(width: 80, height: 24)
    help.draw(into: &grid)
    let lines = grid.lines()
    let box = lines.filter { !$0.isEmpty }
    #expect(box.count == 13)
    #expect(box.first?.contains("┌─ Keys ─") == true)
    #expect(box[1].contains("│ ↑, k    Move up"))
    #expect(box[11].contains("│         Export the caseload as Markdown"))
    #expect(!grid.description.contains(" of 11"))
    #expect(help.handle(.char("x")) == .handled)
    #expect(help.handle(.escape) == .closed)
    #expect(help.handle(.char("?")) == .closed)
    #expect(help.handle(.char("q")) == .closed)
  }

  @Test("scrolls with ↑/↓ and PgUp/PgDn when the list is taller than the box")
  func scrolling() {
    let many = (1...30).map { "k\($0)  Action number \($0)" }
    var help = HelpOverlay(lines: many)
    help.fit(width: 40, height: 12)
    #expect(help.visibleRows == 8)
    var grid = Grid(width: 40, height: 12)
    help.draw(into: &grid, unicode: false)
    #expect(grid.lines()[1].hasPrefix("       +- Keys -"))
    #expect(grid.lines()[2].hasPrefix("       | k1  Action number 1"))
    #expect(grid.lines()[10].hasSuffix(" 1-8 of 30 -+"))

    _ = help.handle(.down)
    _ = help.handle(.char("j"))
    #expect(help.scroll == 2)
    _ = help.handle(.pageDown)
    #expect(help.scroll == 9)
    grid = Grid(width: 40, height: 12)
    help.draw(into: &grid, unicode: false)
    #expect(grid.lines()[2].hasPrefix("       | k10  Action number 10"))
    #expect(grid.lines()[10].hasSuffix(" 10-17 of 30 -+"))

    _ = help.handle(.end)
    #expect(help.scroll == 22)
    _ = help.handle(.down)
    #expect(help.scroll == 22)
    grid = Grid(width: 40, height: 12)
    help.draw(into: &grid)
    #expect(grid.lines()[9].hasPrefix("       │ k30  Action number 30"))
    #expect(grid.lines()[10].hasSuffix(" 23-30 of 30 ─┘"))

    _ = help.handle(.pageUp)
    #expect(help.scroll == 15)
    _ = help.handle(.up)
    #expect(help.scroll == 14)
    _ = help.handle(.home)
    #expect(help.scroll == 0)
    _ = help.handle(.up)
    #expect(help.scroll == 0)
  }
}

/// y and n answer a question that can be undone, unless they mean the other answer there.
@Suite struct ConfirmDialogYesNoTests {
  @Test func yAndNAnswerAQuestionThatCanBeUndone() {
    var importing = ConfirmDialog(
      question: "Import 3 new pupils?", confirmKey: "i", confirmLabel: "Import", cancelKey: "c",
      cancelLabel: "Cancel")
    #expect(importing.handle(.char("y")) == .handled, "only when asked to")
    importing.answersYesNo = true
    #expect(importing.handle(.char("y")) == .confirmed)
    #expect(importing.handle(.char("N")) == .cancelled)
    #expect(importing.handle(.char("x")) == .handled)
    var backwards = ConfirmDialog(
      question: "Keep it?", confirmKey: "n", confirmLabel: "No change", cancelKey: "y",
      cancelLabel: "Yes, change")
    backwards.answersYesNo = true
    #expect(backwards.handle(.char("y")) == .cancelled, "its own keys come first")
    #expect(backwards.handle(.char("n")) == .confirmed)
  }
}

@Suite("List state")
struct ListStateTests {
  @Test("the selection stays inside the list and on screen, scrolling as little as it can")
  func selection() {
    var list = ListState(count: 10)
    list.select(7, visibleRows: 3)
    #expect((list.selected, list.scroll) == (7, 5))
    list.move(by: -1, visibleRows: 3)
    #expect((list.selected, list.scroll) == (6, 5))
    list.move(by: -3, visibleRows: 3)
    #expect((list.selected, list.scroll) == (3, 3))
    list.select(99, visibleRows: 3)
    #expect((list.selected, list.scroll) == (9, 7))
    // Fewer rows after a filter: the selection moves into the list, the scroll with it.
    list.setCount(4)
    list.keepSelectionVisible(3)
    #expect((list.selected, list.scroll) == (3, 1))
    list.setCount(0)
    list.keepSelectionVisible(3)
    #expect((list.selected, list.scroll) == (0, 0))
    list.reset(count: 5)
    list.select(-4, visibleRows: nil)
    #expect((list.selected, list.scroll) == (0, 0))
  }
}
