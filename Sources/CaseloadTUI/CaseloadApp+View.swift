import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The view: a pure function of the state, drawn into the grid.
extension CaseloadApp {

  public func draw(into grid: inout Grid) {
    let width = grid.width
    let school = settings.schoolName.isEmpty ? "" : " — \(settings.schoolName)"
    grid.put(
      "Caseload\(school) — \(list.today.shortWeekdayName) \(list.today.british)", row: 0, column: 0,
      style: .bold,
      maxWidth: width, overflow: .ellipsis)
    let body = 1..<(grid.height - 2)
    switch stack.last {
    case .editor(let e)?:
      e.draw(into: &grid, rows: body, context: editorContext)
      if message == nil, let m = e.message {
        grid.put(
          m.text, row: grid.height - 2, column: 0, style: m.isError ? .reverse : .plain,
          maxWidth: width, overflow: .ellipsis)
      }
      footer(into: &grid, hints: e.footerHints(width: width))
    case .importer(let s)?:
      s.draw(into: &grid, rows: body, unicode: unicode)
      footer(into: &grid, hints: s.footerHints(width: width))
    case .timeline(_, let t)?:
      t.draw(into: &grid, rows: body)
      footer(
        into: &grid,
        hints: TimelineScreen.keys.footerHints(width: width, measure: { $0.displayWidth }))
    case .deadlines(let d)?:
      d.draw(into: &grid, rows: body, unicode: unicode)
      if let e = d.entry {
        footer(into: &grid, hints: "")
        let prompt = e.kind == .search ? "/" : "Filter: "
        grid.put(prompt, row: grid.height - 1, column: 0, style: .bold, maxWidth: width)
        e.field.draw(
          into: &grid, row: grid.height - 1, column: prompt.count,
          width: max(width - prompt.count, 1))
      } else {
        footer(
          into: &grid,
          hints: DeadlinesScreen.keys.footerHints(width: width, measure: { $0.displayWidth }))
      }
    case .overview(let o)?:
      let page = grid.height - 3
      for (i, line) in o.lines.dropFirst(o.scroll).prefix(page).enumerated() {
        grid.put(line, row: 1 + i, column: 0, maxWidth: width, overflow: .ellipsis)
      }
      footer(
        into: &grid,
        hints: Self.overviewKeys.footerHints(width: width, measure: { $0.displayWidth }))
    case nil:
      drawList(into: &grid)
    }
    overlay?.draw(into: &grid, unicode: unicode)
  }

  func drawList(into grid: inout Grid) {
    let width = grid.width
    let counts = list.countsLine
    grid.put(counts, row: 1, column: 0, maxWidth: width, overflow: .ellipsis)
    table.draw(
      into: &grid, row: 2, column: 0, width: width, height: grid.height - 4, unicode: unicode
    ) {
      list.cell(list.shown[$0], column: $1, unicode: unicode)
    }
    if list.shown.isEmpty {
      grid.put(
        list.all.isEmpty ? "No pupils yet." : "No pupil matches.", row: 4, column: 2,
        maxWidth: width - 2)
    }
    if let e = entry {
      let prompt = e.kind == .search ? "/" : "Filter: "
      let help = "  Enter keep · Esc undo"
      footer(into: &grid, hints: "")
      let row = grid.height - 1
      grid.put(prompt, row: row, column: 0, style: .bold, maxWidth: width)
      let fieldWidth = max(width - prompt.count - help.count, 8)
      e.field.draw(
        into: &grid, row: row, column: prompt.count, width: min(fieldWidth, width - prompt.count))
      if prompt.count + fieldWidth < width {
        grid.put(
          help, row: row, column: prompt.count + fieldWidth, style: .dim,
          maxWidth: width - prompt.count - fieldWidth)
      }
    } else if !list.preferences.filter.search.isEmpty || list.preferences.filter.hasConditions {
      footer(into: &grid, hints: activeFilterLine)
    } else {
      footer(
        into: &grid, hints: Self.listKeys.footerHints(width: width, measure: { $0.displayWidth }))
    }
  }

  /// "Search: oisin · Filter: y7 K · F clears"
  var activeFilterLine: String {
    let f = list.preferences.filter
    var parts: [String] = []
    if !f.search.isEmpty { parts.append("Search: \(f.search)") }
    if f.hasConditions { parts.append("Filter: \(f.query)") }
    return (parts + ["/ search · f filter · F clears"]).joined(separator: " · ")
  }

  func footer(into grid: inout Grid, hints: String) {
    if let message {
      grid.put(
        message.text, row: grid.height - 2, column: 0, style: message.isError ? .reverse : .plain,
        maxWidth: grid.width, overflow: .ellipsis)
    }
    grid.put(
      hints, row: grid.height - 1, column: 0, style: .dim, maxWidth: grid.width, overflow: .ellipsis
    )
  }
}
