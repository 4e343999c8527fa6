import Testing

@testable import TerminalUI

/// Feeds keys to an input and returns the outcomes.
@discardableResult
private func type(_ keys: [Key], into input: inout TextInput) -> [TextInput.Outcome] {
  keys.map { input.handle($0) }
}

/// Each character of `text` as its own key, scalar by scalar (as a decoder delivers a combining mark typed
/// after its letter).
private func scalarKeys(_ text: String) -> [Key] {
  text.unicodeScalars.map { .char(Character($0)) }
}

private func drawn(_ input: TextInput, width: Int, gridWidth: Int? = nil) -> Grid {
  var grid = Grid(width: gridWidth ?? width, height: 1)
  input.draw(into: &grid, row: 0, column: 0, width: width)
  return grid
}

/// The column of the reverse (cursor) cell on row 0, and its text.
private func cursorCell(_ grid: Grid) -> (column: Int, text: String)? {
  for x in 0..<grid.width where grid[row: 0, column: x].style.isReverse {
    return (x, grid[row: 0, column: x].text)
  }
  return nil
}

@Suite("Text input")
struct TextInputTests {
  @Test("typing inserts text and reports a change; Enter and Esc submit and cancel")
  func typing() {
    var input = TextInput()
    #expect(type(scalarKeys("Ana"), into: &input) == [.changed, .changed, .changed])
    #expect(input.text == "Ana")
    #expect(input.cursor == 3)
    #expect(input.handle(.enter) == .submitted)
    #expect(input.handle(.escape) == .cancelled)
    #expect(input.handle(.up) == .ignored)
    #expect(input.handle(.tab) == .ignored)
    #expect(input.handle(.ctrl("r")) == .ignored)
    #expect(input.handle(.function(5)) == .ignored)
    #expect(input.handle(.left) == .handled)
    #expect(input.text == "Ana")
  }

  @Test("a combining diaeresis typed after e joins it: Zoë is three steps")
  func combiningMark() {
    var input = TextInput()
    type(scalarKeys("Zoe\u{308}"), into: &input)
    #expect(input.text == "Zo\u{65}\u{308}")
    #expect(input.text.count == 3)
    #expect(input.cursor == 3)
    #expect(input.cursorColumn == 3)
    #expect(input.handle(.left) == .handled)
    #expect(input.cursor == 2)
    #expect(input.handle(.right) == .handled)
    #expect(input.handle(.backspace) == .changed)
    #expect(input.text == "Zo")  // the whole ë goes, mark and all
    #expect(input.cursor == 2)
  }

  @Test("a flag and a CJK character are one step each and two columns wide")
  func wideGraphemes() {
    var input = TextInput()
    // The flag arrives as two regional indicators, one key each.
    type(scalarKeys("a🇬🇧王b"), into: &input)
    #expect(input.text == "a🇬🇧王b")
    #expect(input.text.count == 4)
    #expect(input.cursor == 4)
    #expect(input.cursorColumn == 6)
    input.handle(.left)
    #expect(input.cursorColumn == 5)
    input.handle(.left)
    #expect(input.cursor == 2)
    #expect(input.cursorColumn == 3)
    input.handle(.left)
    #expect(input.cursor == 1)
    #expect(input.handle(.delete) == .changed)
    #expect(input.text == "a王b")
    #expect(input.handle(.backspace) == .changed)
    #expect(input.text == "王b")
    #expect(input.cursor == 0)
    #expect(input.handle(.backspace) == .handled)

    var grid = Grid(width: 8, height: 1)
    input.draw(into: &grid, row: 0, column: 0, width: 8)
    #expect(grid.lines() == ["王b"])
    let cursor = cursorCell(grid)
    #expect(cursor?.column == 0)
    #expect(cursor?.text == "王")
    #expect(grid[row: 0, column: 1].isContinuation)
  }

  @Test("Home/End, Ctrl-A/Ctrl-E, Ctrl-B/Ctrl-F move the cursor")
  func movement() {
    var input = TextInput(text: "Zoë Example")
    #expect(input.cursor == 11)
    input.handle(.home)
    #expect(input.cursor == 0)
    input.handle(.end)
    #expect(input.cursor == 11)
    input.handle(.ctrl("a"))
    #expect(input.cursor == 0)
    input.handle(.ctrl("f"))
    input.handle(.ctrl("f"))
    #expect(input.cursor == 2)
    input.handle(.ctrl("b"))
    #expect(input.cursor == 1)
    input.handle(.ctrl("e"))
    #expect(input.cursor == 11)
    input.handle(.right)
    #expect(input.cursor == 11)
    input.handle(.home)
    input.handle(.left)
    #expect(input.cursor == 0)
  }

  @Test("Alt-B and Alt-F move by words, over punctuation and accented letters")
  func wordMovement() {
    var input = TextInput(text: "Zoë O'Brien-Smith  Y7")
    input.handle(.alt("b"))
    #expect(input.cursor == 19)  // before "Y7"
    input.handle(.alt("b"))
    #expect(input.cursor == 12)  // before "Smith"
    input.handle(.alt("b"))
    input.handle(.alt("b"))
    #expect(input.cursor == 4)  // before "O"
    input.handle(.alt("b"))
    #expect(input.cursor == 0)
    input.handle(.alt("b"))
    #expect(input.cursor == 0)
    input.handle(.alt("f"))
    #expect(input.cursor == 3)  // after "Zoë"
    input.handle(.alt("f"))
    #expect(input.cursor == 5)  // after "O"
    input.handle(.ctrl(.right))
    #expect(input.cursor == 11)  // after "Brien"
    input.handle(.ctrl(.left))
    #expect(input.cursor == 6)
  }

  @Test("Ctrl-K, Ctrl-U and Ctrl-W delete, and Ctrl-Y puts the deletion back")
  func killing() {
    var input = TextInput(text: "Zoë Example Y7")
    input.handle(.alt("b"))
    input.handle(.alt("b"))  // before "Example"
    #expect(input.handle(.ctrl("k")) == .changed)
    #expect(input.text == "Zoë ")
    #expect(input.cursor == 4)
    #expect(input.handle(.ctrl("k")) == .handled)
    #expect(input.handle(.ctrl("y")) == .changed)
    #expect(input.text == "Zoë Example Y7")
    #expect(input.cursor == 14)

    #expect(input.handle(.ctrl("w")) == .changed)
    #expect(input.text == "Zoë Example ")
    #expect(input.handle(.ctrl("w")) == .changed)  // skips the space, then the word
    #expect(input.text == "Zoë ")
    input.handle(.left)
    input.handle(.left)  // between "Zo" and "ë"
    #expect(input.handle(.ctrl("u")) == .changed)
    #expect(input.text == "ë ")
    #expect(input.cursor == 0)
    #expect(input.killed == "Zo")
    #expect(input.handle(.ctrl("u")) == .handled)

    var words = TextInput(text: "one two")
    words.handle(.home)
    #expect(words.handle(.alt("d")) == .changed)
    #expect(words.text == " two")
    words.handle(.end)
    #expect(words.handle(.alt(.backspace)) == .changed)
    #expect(words.text == " ")
  }

  @Test(
    "a paste is inserted at the cursor with its line breaks as spaces and control characters gone")
  func paste() {
    var input = TextInput(text: "[]")
    input.handle(.left)
    #expect(input.handle(.paste("line one\nline two\r\nthree\u{1B}[31m red\n")) == .changed)
    #expect(input.text == "[line one line two three red]")
    #expect(input.cursor == 28)
    #expect(input.handle(.paste("\u{7}")) == .handled)
    #expect(input.text == "[line one line two three red]")
    #expect(!input.text.contains("\n"))
    var typed = TextInput()
    #expect(typed.handle(.char("\u{1B}")) == .handled)
    #expect(typed.text.isEmpty)
    #expect(TextInput(text: "a\tb\nc").text == "a b c")
  }

  @Test("a maximum length cuts insertions and pastes, counting graphemes")
  func maxLength() {
    var input = TextInput(maxLength: 4)
    type(scalarKeys("Zoe\u{308}"), into: &input)
    #expect(input.text == "Zoë")
    #expect(input.handle(.paste("Example")) == .changed)
    #expect(input.text == "ZoëE")
    #expect(input.handle(.char("x")) == .handled)
    #expect(input.text == "ZoëE")
    // A combining mark joins the last letter, so it still fits.
    #expect(input.handle(.char("\u{301}")) == .changed)
    #expect(input.text.count == 4)
    #expect(TextInput(text: "Example", maxLength: 3).text == "Exa")
  }

  @Test("a long text scrolls in a 10-column field so the cursor stays visible")
  func scrolling() {
    let long = "Siobhán Mac Giolla Phádraig"  // 27 graphemes
    var input = TextInput(fieldWidth: 10)
    #expect(input.handle(.paste(long)) == .changed)
    // At the end: the last 9 characters and the cursor cell.
    var grid = drawn(input, width: 10)
    #expect(grid.line(0) == " Phádraig")
    #expect(cursorCell(grid)?.column == 9)
    #expect(input.scrollColumn == 18)

    // Moving left inside the field moves the cursor, not the text.
    input.handle(.left)
    input.handle(.left)
    grid = drawn(input, width: 10)
    #expect(grid.line(0) == " Phádraig")
    #expect(cursorCell(grid)?.column == 7)
    #expect(cursorCell(grid)?.text == "i")

    // Past the left edge the text slides.
    for _ in 0..<10 { input.handle(.left) }
    grid = drawn(input, width: 10)
    #expect(input.cursor == 15)
    #expect(grid.line(0) == "lla Phádra")
    #expect(cursorCell(grid)?.column == 0)

    // Home shows the start; the field never draws beyond its width.
    input.handle(.home)
    grid = drawn(input, width: 10, gridWidth: 14)
    #expect(grid.line(0) == "Siobhán Ma")
    #expect(cursorCell(grid)?.column == 0)
    #expect(cursorCell(grid)?.text == "S")

    // Without a known field width the drawing still keeps the cursor in view.
    var unknown = TextInput(text: long)
    unknown.handle(.end)
    grid = drawn(unknown, width: 10)
    #expect(grid.line(0) == " Phádraig")
    #expect(cursorCell(grid)?.column == 9)
  }

  @Test("scrolling never shows half of a wide character")
  func scrollingWide() {
    var input = TextInput(text: "王秀英王秀英", fieldWidth: 5)
    var grid = drawn(input, width: 5)
    // 12 columns of text and a cursor cell: start at an even column, so 2 characters and the cursor show.
    #expect(grid.line(0) == "秀英")
    #expect(cursorCell(grid)?.column == 4)
    input.handle(.home)
    grid = drawn(input, width: 5)
    #expect(grid.line(0) == "王秀")
    #expect(cursorCell(grid)?.text == "王")
    // A scroll column inside 秀 moves on to the start of 英.
    #expect(TextInput.scroll(stored: 3, text: "王秀英王", cursor: 2, width: 5) == 4)
  }

  @Test("an empty field shows its placeholder dim, with the cursor on its first cell")
  func placeholder() {
    let input = TextInput(placeholder: "Search names")
    var grid = Grid(width: 20, height: 2)
    input.draw(into: &grid, row: 1, column: 2, width: 10, style: .underline)
    #expect(grid.lines() == ["", "  Search na…"])
    #expect(grid[row: 1, column: 2].style.isReverse)
    #expect(grid[row: 1, column: 3].style.isDim)
    #expect(grid[row: 1, column: 11].style.isUnderline)
    #expect(grid[row: 1, column: 12].style == .plain)

    var unfocused = Grid(width: 20, height: 1)
    TextInput(text: "Ana").draw(into: &unfocused, row: 0, column: 0, width: 10, focused: false)
    #expect(cursorCell(unfocused) == nil)
    #expect(unfocused.lines() == ["Ana"])
  }
}
