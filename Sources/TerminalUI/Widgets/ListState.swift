/// Where a list of rows stands: which row is selected and which is the first shown. The one place that keeps a
/// selection inside the list and on screen, for tables, pickers and palettes alike.
public struct ListState: Hashable, Sendable {
  public private(set) var count = 0
  public private(set) var selected = 0
  public private(set) var scroll = 0

  public init(count: Int = 0, selected: Int = 0) {
    setCount(count, keepingSelection: selected)
  }

  /// Keeps the selection on a row (by index) after the rows change: another session's edit, a filter.
  public mutating func setCount(_ count: Int, keepingSelection row: Int? = nil) {
    self.count = max(count, 0)
    selected = min(max(row ?? selected, 0), max(self.count - 1, 0))
  }

  /// Back to the first row, as after a new filter.
  public mutating func reset(count: Int) {
    setCount(count, keepingSelection: 0)
    scroll = 0
  }

  /// Selects a row (clamped into the list) and scrolls to show it among `visibleRows`, when known.
  public mutating func select(_ row: Int, visibleRows: Int?) {
    selected = min(max(row, 0), max(count - 1, 0))
    keepSelectionVisible(visibleRows)
  }

  public mutating func move(by delta: Int, visibleRows: Int?) {
    select(selected + delta, visibleRows: visibleRows)
  }

  /// Scrolls as little as possible to show the selected row among `visibleRows` (at least one).
  public mutating func keepSelectionVisible(_ visibleRows: Int?) {
    scroll = min(scroll, selected)
    if let visibleRows {
      let rows = max(visibleRows, 1)
      if selected >= scroll + rows { scroll = selected - rows + 1 }
      scroll = min(scroll, max(count - rows, 0))
    }
    scroll = max(scroll, 0)
  }
}
