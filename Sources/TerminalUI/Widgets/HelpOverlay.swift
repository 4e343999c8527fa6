/// The `?` overlay: a box listing a keymap's help lines ("↓, j  Move down"), scrollable when the list is longer
/// than the box.
///
/// Keys: ↑/k and ↓/j scroll a line, PgUp/PgDn (and Space) a page, Home/End to the ends; Esc, `?` and `q`
/// close it. Every other key is swallowed (`.handled`), so nothing reaches the screen underneath by accident.
public struct HelpOverlay: Sendable, Hashable {
  public enum Outcome: Sendable, Hashable {
    case handled
    case closed
  }

  public var title: String
  /// The lines listed, sanitised.
  public let lines: [String]
  /// The index of the first line shown.
  public private(set) var scroll: Int = 0
  /// How many lines the box shows, when the caller has told it the screen size (``fit(width:height:)``);
  /// paging uses it, and scrolling stops when the last line is in view.
  public private(set) var visibleRows: Int?

  public init(lines: [String], title: String = "Keys") {
    self.lines = lines.map(\.sanitisedForTerminal)
    self.title = title
  }

  /// The overlay for a keymap: its ``Keymap/helpLines(measure:)`` measured by display width.
  public init<Action>(keymap: Keymap<Action>, title: String = "Keys") {
    self.init(lines: keymap.helpLines(measure: { $0.displayWidth }), title: title)
  }

  /// Tells the overlay the size of the grid it is drawn into (on opening and on every resize).
  public mutating func fit(width: Int, height: Int) {
    visibleRows = Self.layout(lines: lines, width: width, height: height)?.rows
    scroll = clamped(scroll)
  }

  private var page: Int { max(1, (visibleRows ?? 10) - 1) }

  private var maxScroll: Int { max(0, lines.count - (visibleRows ?? 1)) }

  private func clamped(_ value: Int) -> Int { min(max(0, value), maxScroll) }

  // MARK: Update

  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .escape, .char("?"), .char("q"): return .closed
    case .up, .char("k"), .ctrl("p"): scroll = clamped(scroll - 1)
    case .down, .char("j"), .ctrl("n"): scroll = clamped(scroll + 1)
    case .pageUp, .ctrl("b"): scroll = clamped(scroll - page)
    case .pageDown, .space, .ctrl("f"): scroll = clamped(scroll + page)
    case .home, .char("g"): scroll = 0
    case .end, .char("G"): scroll = maxScroll
    default: break
    }
    return .handled
  }

  // MARK: View

  struct Layout: Equatable {
    var top: Int, left: Int, width: Int, height: Int
    /// Lines of the list shown.
    var rows: Int
  }

  /// The box centred in a grid: as wide as the longest line (at most the grid less a column each side, and at
  /// most 100), as tall as the list (at most the grid less a row above and below when there is room).
  static func layout(lines: [String], width: Int, height: Int) -> Layout? {
    let widest = lines.map(\.displayWidth).max() ?? 0
    let maxWidth = min(width - (width >= 12 ? 2 : 0), 100)
    let maxHeight = height - (height >= 8 ? 2 : 0)
    guard maxWidth >= 8, maxHeight >= 3 else { return nil }
    let boxWidth = min(maxWidth, max(widest + 4, 24))
    let boxHeight = min(maxHeight, max(lines.count, 1) + 2)
    return Layout(
      top: (height - boxHeight) / 2, left: (width - boxWidth) / 2, width: boxWidth,
      height: boxHeight, rows: boxHeight - 2)
  }

  /// Draws the box centred in the grid, with the title in the top border and, when the list scrolls, which
  /// lines are shown in the bottom border ("3-12 of 30").
  public func draw(into grid: inout Grid, unicode: Bool = true, style: Style = .plain) {
    guard let layout = Self.layout(lines: lines, width: grid.width, height: grid.height) else {
      return
    }
    let first = min(scroll, max(0, lines.count - layout.rows))
    let shown = lines.dropFirst(first).prefix(layout.rows)
    let footer =
      lines.count > layout.rows ? "\(first + 1)-\(first + shown.count) of \(lines.count)" : nil
    DialogFrame.draw(
      into: &grid, row: layout.top, column: layout.left, width: layout.width,
      height: layout.height, unicode: unicode, title: title, footer: footer, style: style)
    for (offset, line) in shown.enumerated() {
      grid.put(
        line, row: layout.top + 1 + offset, column: layout.left + 2, style: style,
        maxWidth: layout.width - 4, overflow: .ellipsis)
    }
  }
}
