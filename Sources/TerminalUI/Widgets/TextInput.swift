/// A single-line text field: state (text, cursor, scroll), an update (`handle(_:)`) and a view (`draw`).
///
/// The cursor moves by grapheme cluster, so an accented letter typed with a combining mark, a flag or a CJK
/// character is one step, and Backspace removes the whole of it. The field scrolls horizontally by display
/// width so the cursor stays visible however narrow it is, and draws its own cursor cell (reverse by default)
/// because the terminal's cursor is hidden.
///
/// Keys (Emacs / readline style):
///
/// | Key | Does |
/// |---|---|
/// | text, paste | insert (a paste's line breaks become spaces; a trailing one is dropped) |
/// | Backspace, Ctrl-H / Delete, Ctrl-D | delete the grapheme before / under the cursor |
/// | ←, Ctrl-B / →, Ctrl-F | one grapheme left / right |
/// | Home, Ctrl-A / End, Ctrl-E | to the start / end |
/// | Alt-B, Ctrl-← / Alt-F, Ctrl-→ | one word left / right (words are letters and digits) |
/// | Ctrl-K / Ctrl-U | delete to the end / to the start |
/// | Ctrl-W, Alt-Backspace / Alt-D | delete the previous word (back to a space) / the next word |
/// | Ctrl-Y | insert the text the last Ctrl-K, Ctrl-U, Ctrl-W, Alt-D deleted |
/// | Enter / Esc | `.submitted` / `.cancelled` |
///
/// Anything else is `.ignored`, for the caller to use (↑/↓ in a palette, Tab between fields).
public struct TextInput: Sendable, Hashable {
  /// What a key did.
  public enum Outcome: Sendable, Hashable {
    /// The text changed.
    case changed
    /// The key was used but the text did not change (the cursor moved, or nothing could be done).
    case handled
    /// Enter: the caller reads ``text``.
    case submitted
    /// Esc.
    case cancelled
    /// Not a key for a text field.
    case ignored
  }

  /// The text, sanitised for the terminal and on one line.
  public private(set) var text: String
  /// The cursor as a grapheme index, from 0 (before the first) to `text.count` (after the last).
  public private(set) var cursor: Int
  /// The most graphemes the text may have; longer insertions are cut.
  public var maxLength: Int? {
    didSet { if let maxLength, text.count > maxLength { setText(String(text.prefix(maxLength))) } }
  }
  /// Shown dim when the text is empty.
  public var placeholder: String
  /// The width the field is drawn at, when the caller knows it: with it, scrolling is stable (the text only
  /// slides when the cursor would leave the field). Without it `draw` still keeps the cursor visible.
  public var fieldWidth: Int? {
    didSet { updateScroll() }
  }
  /// The display column of the text shown at the field's left edge.
  public private(set) var scrollColumn: Int = 0
  /// What the last kill command deleted, for Ctrl-Y.
  public private(set) var killed: String = ""

  public init(
    text: String = "", maxLength: Int? = nil, placeholder: String = "", fieldWidth: Int? = nil
  ) {
    self.maxLength = maxLength
    self.placeholder = placeholder
    self.fieldWidth = fieldWidth
    let clean = Self.clean(text)
    self.text = maxLength.map { String(clean.prefix(max(0, $0))) } ?? clean
    cursor = self.text.count
    updateScroll()
  }

  // MARK: State

  public var isEmpty: Bool { text.isEmpty }

  /// The display column of the cursor within the whole text.
  public var cursorColumn: Int { DisplayWidth.of(String(text.prefix(cursor))) }

  /// Replaces the text (sanitised, cut to ``maxLength``) and puts the cursor at its end.
  public mutating func setText(_ newText: String) {
    let clean = Self.clean(newText)
    text = maxLength.map { String(clean.prefix(max(0, $0))) } ?? clean
    cursor = text.count
    updateScroll()
  }

  /// Empties the field.
  public mutating func clear() { setText("") }

  /// Moves the cursor to a grapheme index (clamped).
  public mutating func moveCursor(to index: Int) {
    cursor = min(max(0, index), text.count)
    updateScroll()
  }

  // MARK: Update

  public mutating func handle(_ key: Key) -> Outcome {
    if let pasted = key.pastedText { return insert(Self.pasteText(pasted)) }
    if let character = key.text { return insert(String(character)) }
    let outcome = edit(key)
    updateScroll()
    return outcome
  }

  private mutating func edit(_ key: Key) -> Outcome {
    var characters = Array(text)
    switch key {
    case .enter: return .submitted
    case .escape: return .cancelled
    case .left, .ctrl("b"): return move(to: cursor - 1)
    case .right, .ctrl("f"): return move(to: cursor + 1)
    case .home, .ctrl("a"): return move(to: 0)
    case .end, .ctrl("e"): return move(to: characters.count)
    case .alt("b"), .ctrl(.left): return move(to: Self.wordStart(before: cursor, in: characters))
    case .alt("f"), .ctrl(.right): return move(to: Self.wordEnd(after: cursor, in: characters))
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { return .handled }
      characters.remove(at: cursor - 1)
      return replace(characters, cursor: cursor - 1)
    case .delete, .ctrl("d"):
      guard cursor < characters.count else { return .handled }
      characters.remove(at: cursor)
      return replace(characters, cursor: cursor)
    case .ctrl("k"):
      return kill(cursor..<characters.count, in: characters)
    case .ctrl("u"):
      return kill(0..<cursor, in: characters)
    case .ctrl("w"), .alt(.backspace):
      var start = cursor
      while start > 0 && characters[start - 1].isWhitespace { start -= 1 }
      while start > 0 && !characters[start - 1].isWhitespace { start -= 1 }
      return kill(start..<cursor, in: characters)
    case .alt("d"):
      return kill(cursor..<Self.wordEnd(after: cursor, in: characters), in: characters)
    case .ctrl("y"):
      return insert(killed)
    default:
      return .ignored
    }
  }

  private mutating func move(to index: Int) -> Outcome {
    cursor = min(max(0, index), text.count)
    return .handled
  }

  private mutating func kill(_ range: Range<Int>, in characters: [Character]) -> Outcome {
    guard !range.isEmpty else { return .handled }
    killed = String(characters[range])
    var rest = characters
    rest.removeSubrange(range)
    return replace(rest, cursor: range.lowerBound)
  }

  private mutating func replace(_ characters: [Character], cursor newCursor: Int) -> Outcome {
    let before = String(characters[..<newCursor])
    text = String(characters)
    // Removing something can let graphemes on either side join; keep the cursor on a boundary.
    cursor = min(before.count, text.count)
    return .changed
  }

  /// Inserts sanitised text at the cursor, as much of it as ``maxLength`` allows.
  private mutating func insert(_ raw: String) -> Outcome {
    defer { updateScroll() }
    let inserted = Self.clean(raw)
    guard !inserted.isEmpty else { return .handled }
    let characters = Array(text)
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
    text = before + piece + after
    cursor = min((before + piece).count, text.count)
    return .changed
  }

  // MARK: Words and cleaning

  static func isWordCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber
  }

  /// The start of the word before `index` (skipping non-word characters first).
  static func wordStart(before index: Int, in characters: [Character]) -> Int {
    var position = min(index, characters.count)
    while position > 0 && !isWordCharacter(characters[position - 1]) { position -= 1 }
    while position > 0 && isWordCharacter(characters[position - 1]) { position -= 1 }
    return position
  }

  /// The end of the word after `index` (skipping non-word characters first).
  static func wordEnd(after index: Int, in characters: [Character]) -> Int {
    var position = max(0, index)
    while position < characters.count && !isWordCharacter(characters[position]) { position += 1 }
    while position < characters.count && isWordCharacter(characters[position]) { position += 1 }
    return position
  }

  /// Text safe for the field: sanitised, on one line.
  static func clean(_ text: String) -> String { Sanitise.text(text) }

  /// A paste for a single-line field: trailing line breaks dropped, the rest become spaces (by ``clean``).
  static func pasteText(_ pasted: String) -> String {
    var text = Substring(pasted)
    while let last = text.last, last.isNewline { text = text.dropLast() }
    return String(text)
  }

  // MARK: Scrolling

  private mutating func updateScroll() {
    if let fieldWidth {
      scrollColumn = Self.scroll(
        stored: scrollColumn, text: text, cursor: cursor, width: fieldWidth)
    } else {
      scrollColumn = min(scrollColumn, cursorColumn)
    }
  }

  /// The scroll column that shows the cursor in a field `width` columns wide, as close to `stored` as
  /// possible, never leaving blank room on the right that text could fill, and never starting inside a wide
  /// character.
  static func scroll(stored: Int, text: String, cursor: Int, width: Int) -> Int {
    guard width > 0 else { return 0 }
    let characters = Array(text)
    let cursorColumn = DisplayWidth.of(String(characters[..<min(cursor, characters.count)]))
    let cursorWidth =
      cursor < characters.count ? max(1, DisplayWidth.of(characters[cursor])) : 1
    // The text and a cursor cell after it, so the view does not shift when the cursor leaves the end.
    let total = DisplayWidth.of(text) + 1
    var column = min(stored, cursorColumn)
    column = min(column, total - width)
    column = max(column, cursorColumn + cursorWidth - width)
    column = max(0, column)
    // Snap forward to the start of a grapheme.
    var start = 0
    for character in characters {
      if start >= column { break }
      let characterWidth = DisplayWidth.of(character)
      if start + characterWidth > column {
        column = start + characterWidth
        break
      }
      start += characterWidth
    }
    return column
  }

  // MARK: View

  /// Draws the field on one row, `width` columns wide: the visible part of the text (or the placeholder, dim)
  /// on a background of `style`, and when `focused` a cursor cell in `cursorStyle`.
  public func draw(
    into grid: inout Grid, row: Int, column: Int, width: Int, style: Style = .plain,
    cursorStyle: Style = .reverse, focused: Bool = true
  ) {
    guard width > 0 else { return }
    grid.fill(row: row, column: column, width: width, style: style)
    if text.isEmpty {
      if !placeholder.isEmpty {
        grid.put(
          placeholder, row: row, column: column, style: style.adding(.dim), maxWidth: width,
          overflow: .ellipsis)
      }
      if focused {
        drawCursorCell(
          into: &grid, row: row, column: column, limit: column + width, style: cursorStyle)
      }
      return
    }
    let scroll = Self.scroll(stored: scrollColumn, text: text, cursor: cursor, width: width)
    // The graphemes from the one starting at the scroll column.
    var start = 0
    var index = text.startIndex
    while index < text.endIndex && start < scroll {
      start += DisplayWidth.of(text[index])
      index = text.index(after: index)
    }
    grid.put(String(text[index...]), row: row, column: column, style: style, maxWidth: width)
    if focused {
      let cursorAt = column + cursorColumn - scroll
      drawCursorCell(
        into: &grid, row: row, column: cursorAt, limit: column + width, style: cursorStyle)
    }
  }

  /// Restyles the cell at `column` (its grapheme, or a space) as the cursor.
  private func drawCursorCell(
    into grid: inout Grid, row: Int, column: Int, limit: Int, style: Style
  ) {
    guard row >= 0, row < grid.height, column >= 0, column < grid.width, column < limit else {
      return
    }
    let cell = grid[row: row, column: column]
    let shown = cell.text.isEmpty || cell.isContinuation ? " " : cell.text
    grid.put(shown, row: row, column: column, style: style, maxWidth: limit - column)
  }
}
