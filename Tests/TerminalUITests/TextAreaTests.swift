import Testing

@testable import TerminalUI

/// Each scalar of `text` as its own key (as a decoder delivers a combining mark typed after its letter).
private func scalarKeys(_ text: String) -> [Key] {
  text.unicodeScalars.map { .char(Character($0)) }
}

private func drawn(_ area: TextArea, focused: Bool = true) -> Grid {
  var grid = Grid(width: area.width, height: area.height)
  area.draw(into: &grid, row: 0, column: 0, focused: focused)
  return grid
}

/// The (row, column) of the one reverse (cursor) cell, and its text.
private func cursorCell(_ grid: Grid) -> (row: Int, column: Int, text: String)? {
  for y in 0..<grid.height {
    for x in 0..<grid.width where grid[row: y, column: x].style.isReverse {
      return (y, x, grid[row: y, column: x].text)
    }
  }
  return nil
}

private let paragraph = "Pupil needs a quiet space for reading and extra time in tests."

@Suite("Text area")
struct TextAreaTests {
  @Test("a paragraph wraps at spaces to 20 columns, and the cursor shows after its last word")
  func wrapsParagraph() {
    let area = TextArea(text: paragraph, width: 20, height: 5)
    #expect(
      area.wrappedLines == [
        "Pupil needs a quiet ", "space for reading ", "and extra time in ", "tests.",
      ])
    let grid = drawn(area)
    #expect(
      grid.lines() == [
        "Pupil needs a quiet", "space for reading", "and extra time in", "tests.", "",
      ])
    let cursor = cursorCell(grid)
    #expect(cursor?.row == 3)
    #expect(cursor?.column == 6)
    #expect(cursorCell(drawn(area, focused: false)) == nil)
  }

  @Test("a word wider than the area breaks between graphemes: CJK and combining marks stay whole")
  func breaksLongWords() {
    #expect(TextArea(text: "王秀英王秀", width: 5).wrappedLines == ["王秀", "英王", "秀"])
    #expect(TextArea(text: "abcdefghijk", width: 4).wrappedLines == ["abcd", "efgh", "ijk"])
    let zoe = TextArea(text: "Zoe\u{308} Zoe\u{308} Zoe\u{308}", width: 4)
    #expect(zoe.wrappedLines == ["Zoë ", "Zoë ", "Zoë"])
    // A line that fills the width exactly is followed by a row for the cursor at its end.
    let full = TextArea(text: "abcd\nef", width: 4, height: 4)
    #expect(full.wrappedLines == ["abcd", "", "ef"])
    var grid = drawn(full)
    #expect(grid.lines() == ["abcd", "", "ef", ""])
    var atEnd = full
    atEnd.moveCursor(to: 4)
    grid = drawn(atEnd)
    #expect(cursorCell(grid)?.row == 1)
    #expect(cursorCell(grid)?.column == 0)
  }

  @Test("↑ and ↓ move by wrapped line and keep the column they started from")
  func verticalKeepsColumn() {
    var area = TextArea(text: paragraph, width: 20, height: 5)
    area.moveCursor(to: 16)  // the "i" of "quiet"
    #expect(area.cursorLine == 0)
    #expect(area.cursorColumn == 16)
    #expect(area.handle(.down) == .handled)
    #expect(area.cursor == 36)  // the "g" of "reading"
    area.handle(.down)
    #expect(area.cursor == 54)  // the "n" of "in"
    area.handle(.down)
    #expect(area.cursor == 62)  // "tests." is shorter: its end
    #expect(area.cursorColumn == 6)
    area.handle(.up)
    #expect(area.cursor == 54)  // back at column 16, not 6
    area.handle(.ctrl("p"))
    area.handle(.up)
    #expect(area.cursor == 16)
    area.handle(.up)
    #expect(area.cursor == 0)  // up from the first line: the start
    area.handle(.left)
    area.handle(.ctrl(.end))
    area.handle(.down)
    #expect(area.cursor == paragraph.count)

    // A wide character is never entered half way: the cursor stops before it.
    var wide = TextArea(text: "ab王c\nabcd", width: 20)
    wide.moveCursor(to: 8)  // column 3 of "abcd"
    wide.handle(.up)
    #expect(wide.cursor == 2)
    #expect(wide.cursorColumn == 2)
    wide.handle(.right)
    wide.handle(.down)
    #expect(wide.cursor == 9)  // column 4: the end of "abcd"
  }

  @Test("Home and End go to the ends of the visual line, Ctrl-A and Ctrl-E to the ends of the line")
  func homeAndEnd() {
    var area = TextArea(text: paragraph + "\nnext", width: 20)
    area.moveCursor(to: 25)  // in "space for reading"
    area.handle(.home)
    #expect(area.cursor == 20)
    area.handle(.end)
    #expect(area.cursor == 37)  // on the space the row broke at
    #expect(area.cursorLine == 1)
    area.handle(.ctrl("a"))
    #expect(area.cursor == 0)
    area.handle(.ctrl("e"))
    #expect(area.cursor == 62)
    area.handle(.right)
    area.handle(.end)
    #expect(area.cursor == 67)
  }

  @Test("a combining mark typed after its letter joins it: one cursor step, one deletion")
  func combiningMark() {
    var area = TextArea()
    #expect(
      scalarKeys("Zoe\u{308}").map { area.handle($0) } == [.changed, .changed, .changed, .changed])
    #expect(area.text == "Zo\u{65}\u{308}")
    #expect(area.cursor == 3)
    #expect(area.cursorColumn == 3)
    area.handle(.left)
    #expect(area.cursor == 2)
    #expect(area.handle(.delete) == .changed)
    #expect(area.text == "Zo")
  }

  @Test("Enter inserts a line break; a paste keeps its breaks as LF and loses control characters")
  func enterAndPaste() {
    var area = TextArea(width: 20)
    #expect(area.handle(.paste("a\r\nb")) == .changed)
    #expect(area.text == "a\nb")
    #expect(area.wrappedLines == ["a", "b"])
    #expect(area.cursor == 3)
    #expect(area.cursorLine == 1)
    #expect(area.handle(.enter) == .changed)
    #expect(area.handle(.paste("x\u{1B}[31my\tz\u{7}")) == .changed)
    #expect(area.text == "a\nb\nxy z")
    #expect(drawn(area).lines().prefix(3) == ["a", "b", "xy z"])
    #expect(area.handle(.paste("\u{7}")) == .handled)
    #expect(area.handle(.escape) == .cancelled)
    #expect(area.handle(.tab) == .ignored)
    #expect(area.handle(.shiftTab) == .ignored)
    #expect(area.handle(.ctrl("s")) == .ignored)
    #expect(area.text == "a\nb\nxy z")
  }

  @Test(
    "Ctrl-K kills to the end of the line (then the break), Ctrl-U and Ctrl-W back, Ctrl-Y yanks")
  func killing() {
    var area = TextArea(text: "one two\nthree")
    area.moveCursor(to: 4)
    #expect(area.handle(.ctrl("k")) == .changed)
    #expect(area.text == "one \nthree")
    #expect(area.handle(.ctrl("k")) == .changed)  // at the end: joins the next line
    #expect(area.text == "one three")
    #expect(area.killed == "\n")
    area.handle(.ctrl("e"))
    #expect(area.handle(.ctrl("w")) == .changed)
    #expect(area.text == "one ")
    #expect(area.handle(.ctrl("y")) == .changed)
    #expect(area.text == "one three")
    area.handle(.enter)
    area.handle(.paste("four five"))
    #expect(area.handle(.ctrl("u")) == .changed)
    #expect(area.text == "one three\n")
    #expect(area.killed == "four five")
    area.handle(.alt("b"))
    #expect(area.cursor == 4)
    area.handle(.alt("f"))
    #expect(area.cursor == 9)
  }

  @Test("the area scrolls to keep the cursor in view")
  func scrolls() {
    var area = TextArea(text: "one\ntwo\nthree\nfour\nfive", width: 10, height: 2)
    #expect(area.scrollRow == 3)
    #expect(drawn(area).lines() == ["four", "five"])
    area.handle(.up)
    area.handle(.up)
    #expect(area.scrollRow == 2)
    #expect(drawn(area).lines() == ["three", "four"])
    #expect(cursorCell(drawn(area))?.row == 0)
    area.handle(.pageUp)
    #expect(area.cursorLine == 1)
    #expect(drawn(area).lines() == ["two", "three"])
    area.handle(.ctrl(.home))
    #expect(drawn(area).lines() == ["one", "two"])
    area.fit(width: 3, height: 2)
    #expect(area.wrappedLines == ["one", "", "two", "", "thr", "ee", "fou", "r", "fiv", "e"])
  }

  @Test("maxLength cuts insertions; the placeholder shows dim when empty")
  func maxLengthAndPlaceholder() {
    var area = TextArea(width: 10, height: 2, maxLength: 5, placeholder: "Notes")
    var grid = drawn(area)
    #expect(grid.lines() == ["Notes", ""])
    #expect(grid[row: 0, column: 1].style.isDim)
    #expect(area.handle(.paste("ab\ncdefg")) == .changed)
    #expect(area.text == "ab\ncd")
    #expect(area.handle(.char("x")) == .handled)
    grid = drawn(area)
    #expect(grid.lines() == ["ab", "cd"])
  }
}
