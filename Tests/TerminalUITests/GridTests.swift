import Testing

@testable import TerminalUI

@Suite("Grid")
struct GridTests {
  @Test("a new grid is blank and its lines are empty")
  func blank() {
    let grid = Grid(width: 4, height: 2)
    #expect(grid.lines() == ["", ""])
    #expect(grid[row: 1, column: 3] == .blank)
    #expect(grid.cells.count == 8)
    #expect(Grid(width: -1, height: 3).lines() == ["", "", ""])
  }

  @Test("put writes text and returns the columns used")
  func put() {
    var grid = Grid(width: 20, height: 3)
    #expect(grid.put("Ana Example", row: 0, column: 2) == 11)
    #expect(grid.put("Y7", row: 1, column: 0, style: .bold) == 2)
    #expect(grid.lines() == ["  Ana Example", "Y7", ""])
    #expect(grid[row: 0, column: 2].text == "A")
    #expect(grid[row: 1, column: 1].style == .bold)
    #expect(grid[row: 0, column: 1] == .blank)
  }

  @Test("put clips at the right edge and at maxWidth")
  func clipping() {
    var grid = Grid(width: 10, height: 3)
    #expect(grid.put("Siobhán Mac Giolla", row: 0, column: 3) == 7)
    #expect(grid.put("Siobhán Mac Giolla", row: 1, column: 0, maxWidth: 5) == 5)
    #expect(
      grid.put("Siobhán Mac Giolla", row: 2, column: 0, maxWidth: 8, overflow: .ellipsis) == 8)
    #expect(grid.lines() == ["   Siobhán", "Siobh", "Siobhán…"])
    #expect(grid.put("x", row: 0, column: 10) == 0)
    #expect(grid.put("x", row: 3, column: 0) == 0)
    #expect(grid.put("x", row: -1, column: 0) == 0)
    #expect(grid.put("x", row: 0, column: 0, maxWidth: 0) == 0)
    #expect(grid.lines() == ["   Siobhán", "Siobh", "Siobhán…"])
  }

  @Test("a negative column clips the start of the text")
  func leftClipping() {
    var grid = Grid(width: 6, height: 2)
    #expect(grid.put("Example", row: 0, column: -2) == 7)  // the advance, hidden columns included
    #expect(grid.put("王秀英", row: 1, column: -1) == 6)
    #expect(grid.lines() == ["ample", " 秀英"])
  }

  @Test("wide characters take two cells and never straddle the edge")
  func wideCharacters() {
    var grid = Grid(width: 5, height: 2)
    #expect(grid.put("王秀英", row: 0, column: 0) == 5)
    #expect(grid.lines()[0] == "王秀")
    #expect(grid[row: 0, column: 0].text == "王")
    #expect(grid[row: 0, column: 1].isContinuation)
    #expect(grid[row: 0, column: 4] == .blank)
    #expect(grid.put("王秀英", row: 1, column: 0, style: .reverse, maxWidth: 3) == 3)
    #expect(grid[row: 1, column: 2] == Cell(text: " ", style: .reverse))
    #expect(grid.lines()[1] == "王")
  }

  @Test("graphemes are written whole, one per cell")
  func graphemes() {
    var grid = Grid(width: 12, height: 1)
    #expect(grid.put("Zoe\u{308} 👩‍👩‍👧🇬🇧\u{200B}!", row: 0, column: 0) == 9)
    #expect(grid[row: 0, column: 2].text == "e\u{308}")
    #expect(grid[row: 0, column: 4].text == "👩‍👩‍👧")
    #expect(grid[row: 0, column: 6].text == "🇬🇧")
    #expect(grid[row: 0, column: 8].text == "!")
    #expect(grid.lines() == ["Zoe\u{308} 👩‍👩‍👧🇬🇧!"])
  }

  @Test("put sanitises what it writes")
  func sanitises() {
    var grid = Grid(width: 20, height: 1)
    #expect(grid.put("\u{1B}[31mRed\u{1B}[0m\tone\ntwo", row: 0, column: 0) == 11)
    #expect(grid.lines() == ["Red one two"])
    #expect(grid.cells.allSatisfy { Sanitise.isSafe($0.text) })
  }

  @Test("overwriting half of a wide character blanks the other half")
  func overwritingWideCharacters() {
    var grid = Grid(width: 6, height: 1)
    grid.put("王秀英", row: 0, column: 0, style: .bold)
    grid.put("a", row: 0, column: 1)
    #expect(grid.lines() == [" a秀英"])
    #expect(grid[row: 0, column: 0] == Cell(text: " ", style: .bold))
    grid.put("b", row: 0, column: 4)
    #expect(grid.lines() == [" a秀b"])
    #expect(grid[row: 0, column: 5] == Cell(text: " ", style: .bold))
    #expect(!grid[row: 0, column: 5].isContinuation)
    grid.put("秀", row: 0, column: 1)
    #expect(grid.lines() == [" 秀 b"])
  }

  @Test("fill paints a rectangle, clipped to the grid")
  func fill() {
    var grid = Grid(width: 6, height: 3)
    grid.put("abcdef", row: 1, column: 0)
    grid.fill(row: 1, column: 2, width: 10, height: 5, style: .reverse)
    #expect(grid.lines() == ["", "ab", ""])
    #expect(grid[row: 2, column: 5] == Cell(text: " ", style: .reverse))
    #expect(grid[row: 0, column: 5] == .blank)
    #expect(grid[row: 1, column: 1] == Cell(text: "b"))
    grid.fill(row: 0, column: 0, width: 3, style: .dim, with: "─")
    #expect(grid.lines()[0] == "───")
    grid.fill(row: 0, column: 3, width: 2, with: "王")  // not 1 column wide: spaces
    #expect(grid.lines()[0] == "───")
  }

  @Test("clear blanks every cell")
  func clear() {
    var grid = Grid(width: 4, height: 2)
    grid.put("王a", row: 0, column: 0, style: .bold)
    grid.clear()
    #expect(grid == Grid(width: 4, height: 2))
  }

  @Test("styled runs say which text has which style")
  func styledRuns() {
    var grid = Grid(width: 12, height: 1)
    grid.put("Ana", row: 0, column: 0)
    grid.put("王秀", row: 0, column: 4, style: .reverse)
    grid.put("Y7", row: 0, column: 9, style: Style(.bold, foreground: .red))
    let runs = grid.styledRuns(row: 0)
    #expect(runs.map(\.text) == ["Ana ", "王秀", " ", "Y7", " "])
    #expect(runs.map(\.column) == [0, 4, 8, 9, 11])
    #expect(runs.map(\.width) == [4, 4, 1, 2, 1])
    #expect(runs.filter { $0.style.isReverse }.map(\.text) == ["王秀"])
    #expect(runs[3].style.foreground == .red)
    #expect(runs[3].style.withoutColour == .bold)
  }

  @Test("changes are runs of differing columns, whole wide characters included")
  func changes() {
    var before = Grid(width: 10, height: 3)
    before.put("Ana", row: 0, column: 0)
    before.put("王秀英", row: 1, column: 0)
    var after = before
    #expect(after.changes(from: before).isEmpty)
    after.put("Ava", row: 0, column: 0)
    after.put("x", row: 0, column: 8)
    after.put("王秀英", row: 1, column: 0, style: .reverse)
    after.put("a", row: 2, column: 9)
    #expect(
      after.changes(from: before) == [
        Grid.Change(row: 0, columns: 1..<2),
        Grid.Change(row: 0, columns: 8..<9),
        Grid.Change(row: 1, columns: 0..<6),
        Grid.Change(row: 2, columns: 9..<10),
      ])
  }

  @Test("a change to a wide character's right half includes its left half")
  func changesWidenToWholeCharacters() {
    var before = Grid(width: 6, height: 1)
    before.put("ab", row: 0, column: 0)
    var after = before
    after.put("王", row: 0, column: 1)  // covers b: columns 1 and 2; a at 0 is unchanged
    #expect(after.changes(from: before) == [Grid.Change(row: 0, columns: 1..<3)])
    var restyled = Grid(width: 6, height: 1)
    restyled.put("a王", row: 0, column: 0)
    var only = restyled
    only.put("王", row: 0, column: 1, style: .bold)
    #expect(only.changes(from: restyled) == [Grid.Change(row: 0, columns: 1..<3)])
    var replaced = restyled
    replaced.put("秀", row: 0, column: 1)  // same style: only the left cell differs
    #expect(replaced.changes(from: restyled) == [Grid.Change(row: 0, columns: 1..<3)])
  }

  @Test("a grid of another size changes everywhere")
  func changesAfterResize() {
    let small = Grid(width: 3, height: 2)
    let large = Grid(width: 4, height: 2)
    #expect(
      large.changes(from: small) == [
        Grid.Change(row: 0, columns: 0..<4), Grid.Change(row: 1, columns: 0..<4),
      ])
  }

  @Test("grids are values")
  func valueSemantics() {
    var first = Grid(width: 5, height: 1)
    first.put("Ana", row: 0, column: 0)
    var second = first
    second.put("Eve", row: 0, column: 0)
    #expect(first.lines() == ["Ana"])
    #expect(second.lines() == ["Eve"])
    #expect(first != second)
  }

  @Test("description shows the rows as text")
  func description() {
    var grid = Grid(width: 5, height: 2)
    grid.put("Ana", row: 1, column: 1)
    #expect(grid.description == "\n Ana")
  }
}
