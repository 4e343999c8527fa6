/// A multi-line text field with word wrap, for notes and other prose: state (text, cursor, scroll), an update
/// (`handle(_:)`) and a view (`draw`), like ``TextInput``.
///
/// The text wraps at spaces to the area's width; a word wider than the area is broken between graphemes, so a
/// CJK character, a flag or a letter with combining marks is never split. The cursor moves by grapheme, and
/// ↑/↓ move by wrapped (visual) line, keeping the display column the cursor had before the first of them. The
/// area scrolls vertically to keep the cursor in view, and draws its own cursor cell because the terminal's
/// cursor is hidden.
///
/// Keys (Emacs / readline style, as in ``TextInput`` where they make sense):
///
/// | Key | Does |
/// |---|---|
/// | text, Enter, paste | insert (Enter a line break; a paste keeps its line breaks, CRLF becoming LF) |
/// | Backspace, Ctrl-H / Delete, Ctrl-D | delete the grapheme before / under the cursor (line breaks too) |
/// | ←, Ctrl-B / →, Ctrl-F | one grapheme left / right |
/// | ↑, Ctrl-P / ↓, Ctrl-N | one visual line up / down (to the very start / end from the first / last) |
/// | PgUp / PgDn | a page of visual lines up / down |
/// | Home / End | to the start / end of the visual line |
/// | Ctrl-A / Ctrl-E | to the start / end of the line (up to its line break) |
/// | Ctrl-Home / Ctrl-End | to the start / end of the text |
/// | Alt-B, Ctrl-← / Alt-F, Ctrl-→ | one word left / right |
/// | Ctrl-K | delete to the end of the line; at its end, delete the line break (joining the next line) |
/// | Ctrl-U | delete to the start of the line |
/// | Ctrl-W, Alt-Backspace / Alt-D | delete the previous word (back to a space) / the next word |
/// | Ctrl-Y | insert the text the last kill command deleted |
/// | Esc | `.cancelled` |
///
/// Anything else (Tab, Shift-Tab, function keys, other Ctrl and Alt keys) is `.ignored`, for the caller to use
/// to leave the area or save.
///
/// At the end of a soft-wrapped line (End, or ← from the next line) the cursor sits on that line's last grapheme
/// (usually the space the line broke at), because the position after it is the next line's start. A line whose
/// text fills the width exactly is followed by an empty row, so the cursor at its end has a cell to show in.
public struct TextArea: Sendable, Hashable {
  /// What a key did.
  public enum Outcome: Sendable, Hashable {
    /// The text changed.
    case changed
    /// The key was used but the text did not change (the cursor moved, or nothing could be done).
    case handled
    /// Esc.
    case cancelled
    /// Not a key for a text area.
    case ignored
  }

  /// One row of the wrapped text: graphemes `start..<end` of the text. A `hard` line ends at a line break (at
  /// index `end`) or at the end of the text, and the cursor may sit at its `end`; on a soft (wrapped) line the
  /// position `end` is the start of the next row.
  public struct VisualLine: Sendable, Hashable {
    public let start: Int
    public let end: Int
    public let hard: Bool
  }

  /// The text, sanitised for the terminal; line breaks are "\n".
  public private(set) var text: String
  /// The cursor as a grapheme index, from 0 (before the first) to the number of graphemes (after the last).
  public private(set) var cursor: Int
  /// The most graphemes the text may have (a line break counts as one); longer insertions are cut.
  public var maxLength: Int? {
    didSet { if let maxLength, characters.count > maxLength { setText(text) } }
  }
  /// Shown dim when the text is empty.
  public var placeholder: String
  /// Columns the text wraps at (and is drawn in).
  public private(set) var width: Int
  /// Rows shown.
  public private(set) var height: Int
  /// The index in ``lines`` of the first row shown.
  public private(set) var scrollRow: Int = 0
  /// What the last kill command deleted, for Ctrl-Y.
  public private(set) var killed: String = ""
  /// The wrapped rows of the text, at ``width``.
  public private(set) var lines: [VisualLine] = []
  /// The text's graphemes, kept in step with `text` so keys need not re-split it.
  private var characters: [Character] = []
  /// The display column ↑/↓ aim for: set by the first vertical move, kept by the ones after it.
  private var goalColumn: Int?

  public init(
    text: String = "", width: Int = 40, height: Int = 5, maxLength: Int? = nil,
    placeholder: String = ""
  ) {
    self.text = ""
    cursor = 0
    self.maxLength = maxLength
    self.placeholder = placeholder
    self.width = max(1, width)
    self.height = max(1, height)
    setText(text)
  }

  // MARK: State

  public var isEmpty: Bool { characters.isEmpty }

  /// The index in ``lines`` of the row the cursor is on.
  public var cursorLine: Int { Self.lineIndex(of: cursor, in: lines) }

  /// The display column of the cursor within its row (it may pass the width on a row's hanging spaces).
  public var cursorColumn: Int {
    let line = lines[cursorLine]
    return Self.width(of: characters[line.start..<cursor])
  }

  /// The text of each wrapped row, as drawn (a soft row keeps the spaces it broke at).
  public var wrappedLines: [String] { lines.map { String(characters[$0.start..<$0.end]) } }

  /// Replaces the text (sanitised, line breaks kept, cut to ``maxLength``) and puts the cursor at its end.
  public mutating func setText(_ newText: String) {
    let clean = Self.clean(newText)
    store(maxLength.map { String(clean.prefix(max(0, $0))) } ?? clean)
    cursor = characters.count
    goalColumn = nil
    keepCursorVisible()
  }

  /// Empties the area.
  public mutating func clear() { setText("") }

  /// Moves the cursor to a grapheme index (clamped).
  public mutating func moveCursor(to index: Int) {
    cursor = min(max(0, index), characters.count)
    goalColumn = nil
    keepCursorVisible()
  }

  /// Tells the area its size (on opening and on every resize): the text rewraps at the new width.
  public mutating func fit(width newWidth: Int, height newHeight: Int) {
    width = max(1, newWidth)
    height = max(1, newHeight)
    lines = Self.wrap(characters, width: width)
    keepCursorVisible()
  }

  private mutating func store(_ newText: String) {
    text = newText
    characters = Array(newText)
    lines = Self.wrap(characters, width: width)
  }

  // MARK: Update

  @discardableResult
  public mutating func handle(_ key: Key) -> Outcome {
    if let pasted = key.pastedText { return insert(pasted) }
    if let character = key.text { return insert(String(character)) }
    let vertical: Set<Key> = [.up, .down, .ctrl("p"), .ctrl("n"), .pageUp, .pageDown]
    if !vertical.contains(key) { goalColumn = nil }
    let outcome = edit(key)
    keepCursorVisible()
    return outcome
  }

  private mutating func edit(_ key: Key) -> Outcome {
    let count = characters.count
    switch key {
    case .enter: return insert("\n")
    case .escape: return .cancelled
    case .left, .ctrl("b"): return move(to: cursor - 1)
    case .right, .ctrl("f"): return move(to: cursor + 1)
    case .up, .ctrl("p"): return moveVertically(by: -1)
    case .down, .ctrl("n"): return moveVertically(by: 1)
    case .pageUp: return moveVertically(by: -max(1, height - 1))
    case .pageDown: return moveVertically(by: max(1, height - 1))
    case .home: return move(to: lines[cursorLine].start)
    case .end:
      let line = lines[cursorLine]
      return move(to: line.hard ? line.end : max(line.start, line.end - 1))
    case .ctrl("a"): return move(to: lineStart(cursor))
    case .ctrl("e"): return move(to: lineEnd(cursor))
    case .ctrl(.home): return move(to: 0)
    case .ctrl(.end): return move(to: count)
    case .alt("b"), .ctrl(.left):
      return move(to: TextInput.wordStart(before: cursor, in: characters))
    case .alt("f"), .ctrl(.right): return move(to: TextInput.wordEnd(after: cursor, in: characters))
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return .handled }
      return delete(cursor - 1..<cursor, keeping: false)
    case .delete, .ctrl("d"):
      guard cursor < count else { return .handled }
      return delete(cursor..<cursor + 1, keeping: false)
    case .ctrl("k"):
      let end = lineEnd(cursor)
      return delete(cursor..<(end == cursor ? min(count, cursor + 1) : end), keeping: true)
    case .ctrl("u"):
      return delete(lineStart(cursor)..<cursor, keeping: true)
    case .ctrl("w"), .alt(.backspace):
      var start = cursor
      while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
      while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
      return delete(start..<cursor, keeping: true)
    case .alt("d"):
      return delete(cursor..<TextInput.wordEnd(after: cursor, in: characters), keeping: true)
    case .ctrl("y"):
      return insert(killed)
    default:
      return .ignored
    }
  }

  private mutating func move(to index: Int) -> Outcome {
    cursor = min(max(0, index), characters.count)
    return .handled
  }

  /// Moves `delta` visual lines, to the grapheme nearest the goal column without passing it. From the first
  /// line up (or the last line down) it goes to the start (or end) of the text.
  private mutating func moveVertically(by delta: Int) -> Outcome {
    let current = cursorLine
    let goal = goalColumn ?? cursorColumn
    goalColumn = goal
    let target = min(max(0, current + delta), lines.count - 1)
    if target == current {
      cursor = delta < 0 ? 0 : characters.count
    } else {
      cursor = index(in: lines[target], atColumn: goal)
    }
    return .handled
  }

  /// The last cursor position on `line` whose column is at most `goal`.
  private func index(in line: VisualLine, atColumn goal: Int) -> Int {
    let last = line.hard ? line.end : max(line.start, line.end - 1)
    var column = 0
    var index = line.start
    while index < last {
      let characterWidth = DisplayWidth.of(characters[index])
      if column + characterWidth > goal { break }
      column += characterWidth
      index += 1
    }
    return index
  }

  /// The start of the line (after the previous line break) that `index` is on.
  private func lineStart(_ index: Int) -> Int {
    var position = index
    while position > 0 && characters[position - 1] != "\n" { position -= 1 }
    return position
  }

  /// The end of the line (the next line break, or the end of the text) that `index` is on.
  private func lineEnd(_ index: Int) -> Int {
    var position = index
    while position < characters.count && characters[position] != "\n" { position += 1 }
    return position
  }

  /// Deletes a range; a kill (`keeping`) remembers it for Ctrl-Y.
  private mutating func delete(_ range: Range<Int>, keeping: Bool) -> Outcome {
    guard !range.isEmpty else { return .handled }
    if keeping { killed = String(characters[range]) }
    let before = String(characters[..<range.lowerBound])
    store(before + String(characters[range.upperBound...]))
    // Removing something can let graphemes on either side join; keep the cursor on a boundary.
    cursor = min(before.count, characters.count)
    return .changed
  }

  /// Inserts sanitised text (line breaks kept) at the cursor, as much of it as ``maxLength`` allows.
  private mutating func insert(_ raw: String) -> Outcome {
    goalColumn = nil
    defer { keepCursorVisible() }
    let inserted = Self.clean(raw)
    guard !inserted.isEmpty else { return .handled }
    let before = String(characters[..<cursor])
    let after = String(characters[cursor...])
    var piece = inserted
    if let maxLength, (before + piece + after).count > maxLength {
      // Graphemes can join (a combining mark, a second regional indicator), so count the result.
      var fitting = ""
      for character in inserted {
        let candidate = fitting + String(character)
        if (before + candidate + after).count > maxLength { break }
        fitting = candidate
      }
      piece = fitting
    }
    guard !piece.isEmpty else { return .handled }
    store(before + piece + after)
    cursor = min((before + piece).count, characters.count)
    return .changed
  }

  /// Text safe for the area: sanitised, every kind of line break (CRLF included) made "\n".
  static func clean(_ text: String) -> String { Sanitise.text(text, keepingNewlines: true) }

  // MARK: Wrapping

  static func width(of characters: ArraySlice<Character>) -> Int {
    characters.reduce(0) { $0 + DisplayWidth.of($1) }
  }

  /// The rows of `characters` wrapped at `width` columns.
  ///
  /// A row breaks after a space; spaces never start a row but hang at the end of the one before (past the
  /// width if need be). A word wider than a row is broken before the grapheme that would not fit. A hard line
  /// whose last row ends at or past the width gets an empty row after it, for the cursor at its end.
  static func wrap(_ characters: [Character], width: Int) -> [VisualLine] {
    let width = max(1, width)
    var lines: [VisualLine] = []
    var start = 0
    var column = 0
    var breakAfterSpace: Int?
    var index = 0
    while true {
      if index == characters.count || characters[index] == "\n" {
        if column >= width && index > start {
          lines.append(VisualLine(start: start, end: index, hard: false))
          start = index
        }
        lines.append(VisualLine(start: start, end: index, hard: true))
        if index == characters.count { break }
        index += 1
        start = index
        column = 0
        breakAfterSpace = nil
        continue
      }
      let character = characters[index]
      let characterWidth = DisplayWidth.of(character)
      if character == " " {
        column += characterWidth
        index += 1
        breakAfterSpace = index
        continue
      }
      if column + characterWidth > width && index > start {
        let end = breakAfterSpace ?? index
        lines.append(VisualLine(start: start, end: end, hard: false))
        start = end
        column = Self.width(of: characters[end..<index])
        breakAfterSpace = nil
        continue
      }
      column += characterWidth
      index += 1
    }
    return lines
  }

  /// The index in `lines` of the row showing `cursor`: the last row starting at or before it (a soft row's end
  /// is the next row's start).
  static func lineIndex(of cursor: Int, in lines: [VisualLine]) -> Int {
    var low = 0
    var high = lines.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lines[middle].start <= cursor { low = middle } else { high = middle - 1 }
    }
    return low
  }

  // MARK: Scrolling

  private mutating func keepCursorVisible() {
    let row = cursorLine
    if row < scrollRow { scrollRow = row }
    if row >= scrollRow + height { scrollRow = row - height + 1 }
    scrollRow = max(0, min(scrollRow, lines.count - height))
  }

  // MARK: View

  /// Draws the area, ``width`` × ``height`` cells from (`row`, `column`): the rows in view (or the placeholder,
  /// dim) on a background of `style`, and when `focused` a cursor cell in `cursorStyle`.
  public func draw(
    into grid: inout Grid, row: Int, column: Int, style: Style = .plain,
    cursorStyle: Style = .reverse, focused: Bool = true
  ) {
    grid.fill(row: row, column: column, width: width, height: height, style: style)
    if characters.isEmpty && !placeholder.isEmpty {
      grid.put(
        placeholder, row: row, column: column, style: style.adding(.dim), maxWidth: width,
        overflow: .ellipsis)
    }
    for offset in 0..<height where scrollRow + offset < lines.count {
      let line = lines[scrollRow + offset]
      grid.put(
        String(characters[line.start..<line.end]), row: row + offset, column: column, style: style,
        maxWidth: width)
    }
    guard focused else { return }
    let cursorRow = row + cursorLine - scrollRow
    // Past the width (on hanging spaces) the cursor shows in the last column.
    var cursorAt = column + min(cursorColumn, width - 1)
    guard cursorRow >= 0, cursorRow < grid.height, cursorAt >= 0, cursorAt < grid.width else {
      return
    }
    if grid[row: cursorRow, column: cursorAt].isContinuation && cursorAt > max(0, column) {
      cursorAt -= 1
    }
    let cell = grid[row: cursorRow, column: cursorAt]
    let shown = cell.text.isEmpty || cell.isContinuation ? " " : cell.text
    grid.put(
      shown, row: cursorRow, column: cursorAt, style: cursorStyle,
      maxWidth: column + width - cursorAt)
  }
}
