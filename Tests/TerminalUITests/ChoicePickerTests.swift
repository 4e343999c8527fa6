import Testing

@testable import TerminalUI

private let needs: [ChoicePicker.Choice] = [
  .init("C&I", description: "Communication and interaction"),
  .init("C&L", description: "Cognition and learning"),
  .init("SEMH", description: "Social, emotional and mental health"),
  .init("SP", description: "Sensory and/or physical"),
  .init("PD", description: "Physical disability"),
  .init("VI", description: "Visual impairment"),
]

/// Each character of `text` as its own key.
private func keys(_ text: String) -> [Key] { text.map { .char($0) } }

/// The text of the reverse cells on a row.
private func reverseText(_ grid: Grid, row: Int) -> String {
  grid.styledRuns(row: row).filter(\.style.isReverse).map(\.text).joined()
}

@Suite("Choice picker")
struct ChoicePickerTests {
  @Test("typing filters by title and description, ignoring case and accents; Enter chooses")
  func filters() {
    var picker = ChoicePicker(title: "Need", choices: needs)
    #expect(picker.matchingTitles == ["C&I", "C&L", "SEMH", "SP", "PD", "VI"])
    for key in keys("semh") { #expect(picker.handle(key) == .handled) }
    #expect(picker.matchingTitles == ["SEMH"])
    #expect(picker.handle(.enter) == .chosen(2))

    var accented = ChoicePicker(title: "Need", choices: needs)
    for key in keys("SÉMH") { accented.handle(key) }
    #expect(accented.matchingTitles == ["SEMH"])
    for _ in 0..<4 { accented.handle(.backspace) }
    for key in keys("emotional") { accented.handle(key) }
    #expect(accented.matchingTitles == ["SEMH"])

    // Titles starting with the word, then titles containing it, then descriptions.
    var ranked = ChoicePicker(title: "Need", choices: needs)
    ranked.handle(.char("p"))
    #expect(ranked.matchingTitles == ["PD", "SP", "VI"])
    #expect(ranked.handle(.enter) == .chosen(4))
    ranked.handle(.char("x"))
    #expect(ranked.matchingTitles == [])
    #expect(ranked.handle(.enter) == .handled)
    #expect(ranked.handle(.escape) == .cancelled)
  }

  @Test("↑/↓, PgUp/PgDn and Home/End move the highlight within the list")
  func movement() {
    var picker = ChoicePicker(title: "Need", choices: needs, highlighted: 2)
    #expect(picker.highlighted == 2)
    picker.handle(.down)
    #expect(picker.highlighted == 3)
    picker.handle(.end)
    #expect(picker.highlighted == 5)
    picker.handle(.down)
    #expect(picker.highlighted == 5)
    picker.handle(.home)
    #expect(picker.highlighted == 0)
    picker.handle(.up)
    #expect(picker.highlighted == 0)
    picker.fit(width: 50, height: 8)  // a box of 6 rows: 2 list rows, so a page is 1
    #expect(picker.visibleRows == 2)
    picker.handle(.pageDown)
    picker.handle(.pageDown)
    #expect(picker.highlighted == 2)
    #expect(picker.scroll == 1)
    picker.handle(.pageUp)
    #expect(picker.highlighted == 1)
    #expect(picker.handle(.ctrl("n")) == .handled)
    #expect(picker.handle(.enter) == .chosen(2))
  }

  @Test("with multi-select, Space ticks and unticks and Enter gives the ticked choices")
  func multiSelect() {
    var picker = ChoicePicker(title: "Needs", choices: needs, multiSelect: true, ticked: [5])
    picker.handle(.space)
    picker.handle(.down)
    picker.handle(.space)
    #expect(picker.ticked == [0, 1, 5])
    picker.handle(.up)
    picker.handle(.space)
    #expect(picker.ticked == [1, 5])
    #expect(picker.filter.text == "")
    for key in keys("vis") { picker.handle(key) }
    picker.handle(.space)
    #expect(picker.ticked == [1])
    #expect(picker.handle(.enter) == .chosenMany([1]))

    var grid = Grid(width: 50, height: 12)
    picker.draw(into: &grid)
    let lines = grid.lines()
    #expect(lines.contains { $0.contains("[ ] VI    Visual impairment") })
    #expect(lines.contains { $0.contains("1 ticked") })
  }

  @Test("drawn as a centred box with the filter, the highlighted row in reverse, ASCII when asked")
  func draws() {
    var picker = ChoicePicker(title: "Need", choices: needs, highlighted: 2)
    picker.fit(width: 50, height: 12)
    var grid = Grid(width: 50, height: 12)
    picker.draw(into: &grid)
    // As wide as the widest title and description, as tall as the whole list.
    #expect(
      grid.lines() == [
        "",
        "  ┌─ Need ────────────────────────────────────┐",
        "  │ / type to filter                          │",
        "  ├───────────────────────────────────────────┤",
        "  │ C&I   Communication and interaction       │",
        "  │ C&L   Cognition and learning              │",
        "  │ SEMH  Social, emotional and mental health │",
        "  │ SP    Sensory and/or physical             │",
        "  │ PD    Physical disability                 │",
        "  │ VI    Visual impairment                   │",
        "  └───────────────────────────────────────────┘",
        "",
      ])
    #expect(reverseText(grid, row: 6) == " SEMH  Social, emotional and mental health ")
    #expect(!grid[row: 6, column: 4].style.isDim)
    #expect(grid[row: 6, column: 10].style.isDim)
    #expect(!grid[row: 5, column: 4].style.isReverse)

    // Smaller: the description is cut, the list scrolls to the highlight and the footer says where.
    var small = Grid(width: 40, height: 8)
    picker.draw(into: &small, unicode: false)
    let lines = small.lines()
    #expect(
      lines == [
        "",
        " +- Need -----------------------------+",
        " | / type to filter                   |",
        " +------------------------------------+",
        " | C&L   Cognition and learning       |",
        " | SEMH  Social, emotional and menta… |",
        " +------------------------- 2-3 of 6 -+",
        "",
      ])
    #expect(lines.allSatisfy { $0.displayWidth <= 40 })
  }
}

/// A title's initials find it, and an exact match comes first.
@Suite struct ChoicePickerInitialsTests {
  let areas: [ChoicePicker.Choice] = [
    .init("Cognition and learning"), .init("Communication and interaction"),
    .init("Social, emotional and mental health"), .init("Sensory and/or physical"), .init("Other"),
  ]

  @Test func initialsFindTheTitleAndExactMatchesComeFirst() {
    var picker = ChoicePicker(title: "Area", choices: areas)
    for key in "semh" { picker.handle(.char(key)) }
    #expect(picker.matches.map { areas[$0].title } == ["Social, emotional and mental health"])
    #expect(ChoicePicker.initials("social, emotional and mental health") == "semh")
    #expect(ChoicePicker.initials("other") == "")
    let roles: [ChoicePicker.Choice] = [.init("Teacher of the deaf"), .init("Teacher")]
    let keys = roles.map {
      ChoicePicker.SearchKeys(title: ChoicePicker.searchKey($0.title), description: "")
    }
    #expect(ChoicePicker.filter(keys, query: "teacher") == [1, 0], "the exact title first")
  }
}
