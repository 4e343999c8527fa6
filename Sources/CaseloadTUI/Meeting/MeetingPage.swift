import TerminalUI

/// The body of a meeting screen, laid out top to bottom at the width of the screen and then shown through the
/// rows there are: text wrapped by display width, blank lines, and widgets (text fields) drawn in rows kept for
/// them. The part the room is working on (the selected person, the field being typed in) is kept in view;
/// everything else scrolls with ↑/↓.
struct MeetingPage {
  enum Item {
    case text(String, style: Style, indent: Int, right: Int, hang: Int, marker: Bool)
    case blank
    case widget(rows: Int, draw: (inout Grid, _ top: Int) -> Void)
    /// Marks the rows from here to the next `.endFocus` as the ones to keep in view.
    case beginFocus, endFocus
  }

  let width: Int
  var unicode = true
  private(set) var items: [Item] = []

  init(width: Int, unicode: Bool = true) {
    self.width = max(1, width)
    self.unicode = unicode
  }

  /// Wrapped text, each line after `indent` columns and `hang` more after the first (under the words after a
  /// bullet or number), `right` columns short of the edge; a line break in the text starts a new line. With
  /// `marker`, the first line starts with "▶" in the indent: the selected item of a list. Without `hang`, a
  /// text starting "• " or "12. " hangs under its words.
  mutating func text(
    _ s: String, style: Style = .plain, indent: Int = 0, right: Int = 0, hang: Int? = nil,
    marker: Bool = false
  ) {
    items.append(
      .text(
        s, style: style, indent: indent, right: right, hang: hang ?? Self.hanging(s),
        marker: marker))
  }

  /// The columns after "• " or "3. " at the start of a text, else 0.
  static func hanging(_ s: String) -> Int {
    if s.hasPrefix("• ") { return 2 }
    let digits = s.prefix { $0.isNumber }
    if !digits.isEmpty, digits.count <= 3, s.dropFirst(digits.count).hasPrefix(". ") {
      return digits.count + 2
    }
    return 0
  }

  /// The lines a text item takes.
  static func lines(_ s: String, width: Int, hang: Int) -> [String] {
    // The first line as wide as the room allows; the rest under the words, when that leaves room for them.
    WordWrap.lines(s, width: width, hangingIndent: width - hang >= 8 ? hang : 0)
  }

  mutating func blank() { items.append(.blank) }

  mutating func widget(rows: Int, draw: @escaping (inout Grid, Int) -> Void) {
    items.append(.widget(rows: max(1, rows), draw: draw))
  }

  /// Keeps what `body` adds in view.
  mutating func focus(_ body: (inout MeetingPage) -> Void) {
    items.append(.beginFocus)
    body(&self)
    items.append(.endFocus)
  }

  /// The page drawn whole: its rows, and the rows to keep in view.
  func render() -> (grid: Grid, focus: Range<Int>?) {
    var height = 0
    for item in items {
      switch item {
      case .text(let s, _, let indent, let right, let hang, _):
        height += Self.lines(s, width: width - indent - right, hang: hang).count
      case .blank: height += 1
      case .widget(let rows, _): height += rows
      case .beginFocus, .endFocus: break
      }
    }
    var grid = Grid(width: width, height: height)
    var row = 0
    var focusStart: Int?
    var focus: Range<Int>?
    for item in items {
      switch item {
      case .text(let s, let style, let indent, let right, let hang, let marker):
        for (i, line) in Self.lines(s, width: width - indent - right, hang: hang).enumerated() {
          if marker && i == 0 && indent >= 2 {
            grid.put(unicode ? "▶" : ">", row: row, column: indent - 2, style: .bold)
          }
          grid.put(line, row: row, column: indent, style: style, maxWidth: width - indent)
          row += 1
        }
      case .blank: row += 1
      case .widget(let rows, let draw):
        draw(&grid, row)
        row += rows
      case .beginFocus: focusStart = row
      case .endFocus:
        if let start = focusStart { focus = start..<max(row, start + 1) }
        focusStart = nil
      }
    }
    return (grid, focus)
  }

  /// How far a page of `contentHeight` rows can scroll in `rows` rows.
  static func maxScroll(contentHeight: Int, rows: Int) -> Int { max(0, contentHeight - rows) }

  /// Shows the page in `rows` of `grid`, scrolled by `scroll` (clamped), or as little as keeps the focus in
  /// view. Returns whether more of the page lies below what is shown.
  @discardableResult
  func draw(into grid: inout Grid, rows: Range<Int>, scroll: Int) -> (above: Bool, below: Bool) {
    let (page, focus) = render()
    let height = rows.count
    guard height > 0 else { return (false, false) }
    var top = min(max(0, scroll), Self.maxScroll(contentHeight: page.height, rows: height))
    if let focus {
      if focus.upperBound > top + height { top = focus.upperBound - height }
      if focus.lowerBound < top { top = focus.lowerBound }
    }
    for offset in 0..<height where top + offset < page.height {
      for run in page.styledRuns(row: top + offset) {
        grid.put(
          run.text, row: rows.lowerBound + offset, column: run.column, style: run.style,
          maxWidth: width - run.column)
      }
    }
    return (top > 0, top + height < page.height)
  }

}
