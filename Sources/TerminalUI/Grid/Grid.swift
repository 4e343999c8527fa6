/// A rectangle of cells that views draw into; a backend shows it on a terminal.
///
/// A value: copying a grid copies its cells (copy-on-write), so the previous frame can be kept to diff against.
/// Cells are stored row by row in one flat array. Everything written with
/// ``put(_:row:column:style:maxWidth:overflow:)`` is sanitised first, so no control character or escape sequence
/// can get into a grid.
public struct Grid: Hashable, Sendable {
  public let width: Int
  public let height: Int
  /// All cells, row by row: the cell at (row, column) is at `row * width + column`.
  public private(set) var cells: [Cell]

  /// A blank grid. Negative sizes are treated as 0.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// What to do with text wider than the room for it.
  public enum Overflow: Sendable, Hashable {
    /// Cut at the edge.
    case clip
    /// Cut and end with "…" (see `String.truncated(toWidth:)`).
    case ellipsis
  }

  /// A run of changed columns in one row.
  public struct Change: Hashable, Sendable {
    public var row: Int
    public var columns: Range<Int>

    public init(row: Int, columns: Range<Int>) {
      self.row = row
      self.columns = columns
    }
  }

  /// Consecutive cells of one row with the same style.
  public struct StyledRun: Hashable, Sendable {
    /// The column the run starts at.
    public var column: Int
    /// Columns the run covers.
    public var width: Int
    /// The run's text (continuation cells contribute nothing).
    public var text: String
    public var style: Style
  }

  /// The cell at a position, which must be inside the grid.
  public subscript(row row: Int, column column: Int) -> Cell {
    precondition(
      row >= 0 && row < height && column >= 0 && column < width,
      "cell (\(row), \(column)) is outside the grid")
    return cells[row * width + column]
  }

  /// Writes text on one row, grapheme by grapheme, and returns how many columns it advanced.
  ///
  /// The text is sanitised (control characters and escape sequences removed; tabs and line breaks become spaces).
  /// It is clipped at the grid's right edge and after `maxWidth` columns; with `.ellipsis` a cut ends with "…".
  /// A wide character that would straddle the limit is replaced by a space. Graphemes of width 0 are skipped.
  /// A negative `column` clips the start. Writing over half of an existing wide character blanks its other half.
  /// A row outside the grid writes nothing and returns 0. The next piece of text goes at `column + result`.
  @discardableResult
  public mutating func put(
    _ text: String, row: Int, column: Int, style: Style = .plain, maxWidth: Int? = nil,
    overflow: Overflow = .clip
  ) -> Int {
    guard row >= 0, row < height else { return 0 }
    var limit = width
    if let maxWidth { limit = min(limit, column + max(0, maxWidth)) }
    guard column < limit else { return 0 }

    var clean = Sanitise.text(text)
    if overflow == .ellipsis { clean = clean.truncated(toWidth: limit - column) }

    var x = column
    if Sanitise.isPrintableASCII(clean) {
      for byte in clean.utf8 {
        if x >= limit { break }
        if x >= 0 {
          write(Grid.asciiStrings[Int(byte)], width: 1, row: row, column: x, style: style)
        }
        x += 1
      }
      return x - column
    }

    for character in clean {
      let characterWidth = DisplayWidth.of(character)
      if characterWidth == 0 { continue }
      if x + characterWidth > limit {
        if x >= 0 && x < limit {
          write(" ", width: 1, row: row, column: x, style: style)
          x += 1
        }
        break
      }
      if x < 0 {
        // Clipped on the left; a wide character cut in half shows as a space.
        if x + characterWidth > 0 { write(" ", width: 1, row: row, column: 0, style: style) }
      } else {
        write(String(character), width: characterWidth, row: row, column: x, style: style)
      }
      x += characterWidth
    }
    return x - column
  }

  /// Fills a rectangle (clipped to the grid) with a character of width 1, a space by default, in a style.
  /// A character of any other width fills with spaces.
  public mutating func fill(
    row: Int, column: Int, width fillWidth: Int, height fillHeight: Int = 1, style: Style = .plain,
    with character: Character = " "
  ) {
    let text =
      DisplayWidth.of(character) == 1 && Sanitise.isSafe(String(character))
      ? String(character) : " "
    let rows = max(0, row)..<min(height, row + max(0, fillHeight))
    let columns = max(0, column)..<min(width, column + max(0, fillWidth))
    guard !rows.isEmpty, !columns.isEmpty else { return }
    for y in rows {
      for x in columns { write(text, width: 1, row: y, column: x, style: style) }
    }
  }

  /// Makes every cell a plain blank.
  public mutating func clear() {
    for index in cells.indices { cells[index] = .blank }
  }

  /// One row as text, with trailing spaces trimmed.
  public func line(_ row: Int) -> String {
    precondition(row >= 0 && row < height, "row \(row) is outside the grid")
    var text = ""
    let start = row * width
    for cell in cells[start..<start + width] where !cell.isContinuation { text += cell.text }
    while text.last == " " { text.removeLast() }
    return text
  }

  /// Every row as text, with trailing spaces trimmed: what screen tests assert against.
  public func lines() -> [String] {
    (0..<height).map(line)
  }

  /// One row split into runs of cells with the same style, covering the whole row.
  public func styledRuns(row: Int) -> [StyledRun] {
    precondition(row >= 0 && row < height, "row \(row) is outside the grid")
    var runs: [StyledRun] = []
    let start = row * width
    for x in 0..<width {
      let cell = cells[start + x]
      if let last = runs.indices.last, runs[last].style == cell.style {
        runs[last].width += 1
        runs[last].text += cell.text
      } else {
        runs.append(StyledRun(column: x, width: 1, text: cell.text, style: cell.style))
      }
    }
    return runs
  }

  /// The runs of columns, row by row, where this grid differs from `previous`: what a backend must send to turn
  /// the screen showing `previous` into this grid. A run never starts or ends inside a wide character. When the
  /// sizes differ, every row is changed in full.
  public func changes(from previous: Grid) -> [Change] {
    guard width > 0 else { return [] }
    guard previous.width == width, previous.height == height else {
      return (0..<height).map { Change(row: $0, columns: 0..<width) }
    }
    var changes: [Change] = []
    for row in 0..<height {
      let start = row * width
      var x = 0
      while x < width {
        guard cells[start + x] != previous.cells[start + x] else {
          x += 1
          continue
        }
        var from = x
        while x < width && cells[start + x] != previous.cells[start + x] { x += 1 }
        var to = x
        if cells[start + from].isContinuation && from > 0 { from -= 1 }
        if to < width && cells[start + to].isContinuation { to += 1 }
        if let last = changes.last, last.row == row, last.columns.upperBound >= from {
          changes[changes.count - 1].columns =
            last.columns.lowerBound..<max(to, last.columns.upperBound)
        } else {
          changes.append(Change(row: row, columns: from..<to))
        }
        x = to
      }
    }
    return changes
  }

  /// Copies rows of `source` into this grid with their top-left at (`row`, `column`), clipped to this grid: how
  /// a widget drawn whole into a scratch grid shows the part that is scrolled into view. A wide character cut by
  /// the right edge shows as a space.
  mutating func copy(_ source: Grid, rows: Range<Int>, toRow row: Int, column: Int) {
    for (offset, sourceRow) in rows.enumerated() where sourceRow >= 0 && sourceRow < source.height {
      let y = row + offset
      guard y >= 0, y < height else { continue }
      var x = 0
      while x < source.width {
        let cell = source[row: sourceRow, column: x]
        let wide = x + 1 < source.width && source[row: sourceRow, column: x + 1].isContinuation
        let target = column + x
        if !cell.isContinuation && target >= 0 && target < width {
          if target + (wide ? 2 : 1) <= width {
            write(cell.text, width: wide ? 2 : 1, row: y, column: target, style: cell.style)
          } else {
            write(" ", width: 1, row: y, column: target, style: cell.style)
          }
        }
        x += wide ? 2 : 1
      }
    }
  }

  /// Writes one grapheme of width 1 or 2 at a position inside the grid, blanking the other half of any wide
  /// character it partly covers.
  private mutating func write(
    _ text: String, width characterWidth: Int, row: Int, column: Int, style: Style
  ) {
    let start = row * width
    let index = start + column
    if cells[index].isContinuation && column > 0 {
      cells[index - 1] = .blank(cells[index - 1].style)
    }
    let after = column + characterWidth
    if after < width && cells[start + after].isContinuation {
      cells[start + after] = .blank(cells[start + after].style)
    }
    cells[index] = Cell(text: text, style: style)
    if characterWidth == 2 {
      cells[index + 1] = Cell(text: "", style: style, isContinuation: true)
    }
  }

  private static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
}

extension Grid: CustomStringConvertible {
  /// The rows as text, one per line, trailing spaces trimmed.
  public var description: String { lines().joined(separator: "\n") }
}
