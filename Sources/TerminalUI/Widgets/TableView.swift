/// A column of a `TableView`: fixed columns keep their width; the flexible one takes what is left.
public struct TableColumn: Hashable, Sendable {
  public var title: String
  public var width: Int
  public var flexible: Bool
  public var alignment: TextAlignment
  /// Columns with a higher number are dropped first when the table is too narrow.
  public var dropOrder: Int

  public init(
    _ title: String, width: Int, flexible: Bool = false, alignment: TextAlignment = .leading,
    dropOrder: Int = 0
  ) {
    self.title = title
    self.width = width
    self.flexible = flexible
    self.alignment = alignment
    self.dropOrder = dropOrder
  }
}

/// A scrolling table with a selected row and a sort column. It holds no data: `draw` asks for each visible cell,
/// so a list of 10,000 rows costs only the rows on screen.
public struct TableView: Hashable, Sendable {
  public var columns: [TableColumn]
  /// The selected row and the first shown.
  public private(set) var rows = ListState()
  public var rowCount: Int { rows.count }
  public var selected: Int { rows.selected }
  public var scroll: Int { rows.scroll }
  public var sortColumn: Int?
  public var sortAscending = true
  public var highlight: Highlight

  /// How the selected row stands out.
  public enum Highlight: Hashable, Sendable {
    /// The whole row in reverse.
    case row
    /// A marker in a two-column gutter and the first column's text in reverse: a move down sends about a
    /// third of the bytes of a whole reversed row, which counts over a slow SSH link.
    case marker
  }

  public init(columns: [TableColumn], highlight: Highlight = .row) {
    self.columns = columns
    self.highlight = highlight
  }

  /// Keeps the selection on a row after the rows change (another session's edit, a filter), by index.
  public mutating func setRowCount(_ count: Int, keepingSelection row: Int? = nil) {
    rows.setCount(count, keepingSelection: row)
  }

  public mutating func select(_ row: Int, visibleRows: Int) {
    rows.select(row, visibleRows: visibleRows)
  }

  public mutating func move(by delta: Int, visibleRows: Int) {
    rows.move(by: delta, visibleRows: visibleRows)
  }

  /// Scrolls as little as possible to show the selected row among `visibleRows`.
  public mutating func keepSelectionVisible(_ visibleRows: Int) {
    rows.keepSelectionVisible(visibleRows)
  }

  /// The columns that fit in `width`, each with its width on screen.
  public func layout(width: Int) -> [(index: Int, width: Int)] {
    var shown = Array(columns.indices)
    // The sorted column is wide enough for its title and the arrow: "Year ▲", never "Y… ▲".
    func base(_ i: Int) -> Int {
      sortColumn == i ? max(columns[i].width, columns[i].title.displayWidth + 2) : columns[i].width
    }
    func needed(_ cols: [Int]) -> Int {
      cols.reduce(0) { $0 + base($1) } + max(cols.count - 1, 0)
    }
    while needed(shown) > width,
      let drop = shown.filter({ columns[$0].dropOrder > 0 }).max(by: {
        columns[$0].dropOrder < columns[$1].dropOrder
      })
    {
      shown.removeAll { $0 == drop }
    }
    let spare = max(width - needed(shown), 0)
    return shown.map { i in
      (i, columns[i].flexible ? base(i) + spare : base(i))
    }
  }

  /// Draws the header and the visible rows; `cell(row, column)` gives a cell's text and, optionally, its style.
  public func draw(
    into grid: inout Grid, row top: Int, column left: Int, width: Int, height: Int,
    unicode: Bool = true,
    cell: (Int, Int) -> (String, Style?)
  ) {
    guard height > 0, width > 0 else { return }
    let gutter = highlight == .marker ? 2 : 0
    let left = left + gutter
    let width = width - gutter
    let layout = layout(width: width)
    var x = left
    for (i, w) in layout {
      var title = columns[i].title.truncated(toWidth: w)
      if sortColumn == i {
        // The arrow always shows: the title gives way to it in a narrow column.
        let arrow = unicode ? (sortAscending ? "▲" : "▼") : (sortAscending ? "^" : "v")
        title = columns[i].title.truncated(toWidth: max(w - 2, 1)) + " " + arrow
      }
      grid.put(
        title.truncated(toWidth: w).padded(toWidth: w, alignment: columns[i].alignment), row: top,
        column: x, style: .bold)
      x += w + 1
    }
    let visible = height - 1
    for screenRow in 0..<visible {
      let r = scroll + screenRow
      guard r < rowCount else { break }
      let isSelected = r == selected
      let y = top + 1 + screenRow
      if isSelected && highlight == .row {
        grid.fill(row: y, column: left, width: width, style: .reverse)
      }
      if isSelected && highlight == .marker {
        grid.put(unicode ? "▶" : ">", row: y, column: left - gutter, style: .bold)
      }
      x = left
      for (n, (i, w)) in layout.enumerated() {
        let (text, style) = cell(r, i)
        var s = style ?? .plain
        let shown = text.sanitisedForTerminal.truncated(toWidth: w)
        if isSelected && highlight == .marker && n == 0 {
          grid.put(shown, row: y, column: x, style: s.adding(.reverse))
        } else {
          if isSelected && highlight == .row { s = s.adding(.reverse) }
          grid.put(
            shown.padded(toWidth: w, alignment: columns[i].alignment), row: y, column: x, style: s)
        }
        x += w + 1
      }
    }
  }
}
