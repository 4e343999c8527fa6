import Testing

@testable import TerminalUI

@Suite struct TableViewTests {
  let columns = [
    TableColumn("Name", width: 10, flexible: true), TableColumn("Year", width: 4),
    TableColumn("Due", width: 10, dropOrder: 1),
  ]
  let names = ["Oisín O'Brien", "Lily Atkinson", "王秀英", "Zoë Núñez"]

  func draw(_ table: TableView, width: Int = 60) -> Grid {
    var grid = Grid(width: width, height: 6)
    table.draw(into: &grid, row: 0, column: 0, width: width, height: 6) { row, column in
      ([names[row], "Y\(row + 3)", "01/0\(row + 1)/2027"][column], nil)
    }
    return grid
  }

  @Test func theMarkerHighlightChangesOnlyTheMarkerAndTheNamesOfTwoRows() {
    var table = TableView(columns: columns, highlight: .marker)
    table.setRowCount(names.count)
    let before = draw(table)
    #expect(before.lines()[1].hasPrefix("▶ Oisín O'Brien"))
    #expect(before.lines()[2].hasPrefix("  Lily Atkinson"))
    #expect(before[row: 1, column: 2].style == .reverse)
    #expect(before[row: 1, column: 20].style == .plain, "the rest of the row is left alone")
    table.move(by: 1, visibleRows: 5)
    let after = draw(table)
    let changed = after.changes(from: before)
    #expect(Set(changed.map(\.row)) == [1, 2])
    let cells = changed.reduce(0) { $0 + $1.columns.count }
    #expect(
      cells <= 2 * (2 + "Lily Atkinson".count), "only the marker and the two names: \(cells) cells")
  }

  @Test func theRowHighlightReversesTheWholeRow() {
    var table = TableView(columns: columns)
    table.setRowCount(names.count)
    let grid = draw(table)
    #expect((0..<60).allSatisfy { grid[row: 1, column: $0].style.attributes.contains(.reverse) })
    #expect(grid.lines()[1].hasPrefix("Oisín O'Brien"))
  }

  @Test func theSortedColumnKeepsItsTitleBesideTheArrow() {
    var table = TableView(columns: columns)
    table.setRowCount(names.count)
    table.sortColumn = 1
    table.sortAscending = true
    #expect(draw(table).lines()[0].contains("Year ▲"), "not “Y… ▲”")
    #expect(
      draw(table, width: 30).lines()[0].contains("Year ▲"), "room is taken from the flexible column"
    )
  }
}
