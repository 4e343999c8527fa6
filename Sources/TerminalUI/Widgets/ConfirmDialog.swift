/// A yes/no question in a centred box: "Delete this note?  [y] Yes  [n] No".
///
/// Keys: the confirm key (`y`) confirms, the cancel key (`n`) and Esc cancel, Enter picks the highlighted
/// choice (the default one until ←/→/Tab move the highlight). Letters match in either case. The question wraps
/// by display width; on a small grid the box shrinks, dropping its padding first and then cutting the question
/// with "…".
public struct ConfirmDialog: Sendable, Hashable {
  /// What a key did.
  public enum Outcome: Sendable, Hashable {
    case confirmed
    case cancelled
    /// The highlight moved, or the key meant nothing to the dialog (a modal caller swallows it).
    case handled
  }

  /// One of the two answers.
  public enum Choice: Sendable, Hashable {
    case confirm, cancel
  }

  public var question: String
  public var title: String?
  public var confirmKey: Character
  public var confirmLabel: String
  public var cancelKey: Character
  public var cancelLabel: String
  /// The choice Enter picks and the one highlighted first.
  public let defaultChoice: Choice
  /// The highlighted choice: what Enter picks.
  public private(set) var highlighted: Choice
  /// Whether y and n answer too, besides the two keys: for questions whose answer can be undone.
  public var answersYesNo = false

  public init(
    question: String, title: String? = nil, confirmKey: Character = "y",
    confirmLabel: String = "Yes", cancelKey: Character = "n", cancelLabel: String = "No",
    defaultChoice: Choice = .confirm
  ) {
    self.question = question
    self.title = title
    self.confirmKey = confirmKey
    self.confirmLabel = confirmLabel
    self.cancelKey = cancelKey
    self.cancelLabel = cancelLabel
    self.defaultChoice = defaultChoice
    highlighted = defaultChoice
  }

  // MARK: Update

  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .enter: return highlighted == .confirm ? .confirmed : .cancelled
    case .escape: return .cancelled
    case .left, .right, .tab, .shiftTab, .char("h"), .char("l"):
      highlighted = highlighted == .confirm ? .cancel : .confirm
      return .handled
    default:
      guard let character = key.text else { return .handled }
      if Self.same(character, confirmKey) { return .confirmed }
      if Self.same(character, cancelKey) { return .cancelled }
      // y and n answer a question that can be undone, where they do not mean the other answer; a
      // destructive one takes only its own key.
      if answersYesNo, Self.same(character, "y"), !Self.same(cancelKey, "y") { return .confirmed }
      if answersYesNo, Self.same(character, "n"), !Self.same(confirmKey, "n") { return .cancelled }
      return .handled
    }
  }

  private static func same(_ a: Character, _ b: Character) -> Bool {
    a == b || a.lowercased() == b.lowercased()
  }

  // MARK: View

  /// "[y] Yes  [n] No".
  public var choicesText: String {
    choiceText(.confirm) + "  " + choiceText(.cancel)
  }

  private func choiceText(_ choice: Choice) -> String {
    choice == .confirm ? "[\(confirmKey)] \(confirmLabel)" : "[\(cancelKey)] \(cancelLabel)"
  }

  /// Draws the dialog centred in the whole grid.
  public func draw(into grid: inout Grid, unicode: Bool = true, style: Style = .plain) {
    draw(
      into: &grid, row: 0, column: 0, width: grid.width, height: grid.height, unicode: unicode,
      style: style)
  }

  /// Draws the dialog centred in an area of the grid. The box is at most 60 columns wide and leaves a column
  /// either side when it can.
  public func draw(
    into grid: inout Grid, row: Int, column: Int, width: Int, height: Int, unicode: Bool = true,
    style: Style = .plain
  ) {
    let choices = choicesText
    let choicesWidth = choices.displayWidth
    // Widest the box may be, and the room inside it for text (a border and a space each side).
    let maxBox = min(width - (width >= 12 ? 2 : 0), 60)
    guard maxBox >= 5, height >= 3 else { return }
    let maxInner = maxBox - 4
    let lines = WordWrap.lines(question, width: maxInner)
    let titleWidth = (title?.displayWidth ?? -4) + 4
    let inner = min(
      maxInner, max(lines.map(\.displayWidth).max() ?? 0, choicesWidth, titleWidth, 10))
    let boxWidth = inner + 4

    // Rows: border, padding, question, padding, choices, border; padding goes first when short of room.
    let maxHeight = height - (height >= 8 ? 2 : 0)
    var padding = 1
    if lines.count + 5 > maxHeight { padding = 0 }
    let questionRows = max(1, min(lines.count, maxHeight - 3 - 2 * padding))
    let boxHeight = min(maxHeight, questionRows + 3 + 2 * padding)
    guard boxHeight >= 3 else { return }

    let top = row + (height - boxHeight) / 2
    let left = column + (width - boxWidth) / 2
    DialogFrame.draw(
      into: &grid, row: top, column: left, width: boxWidth, height: boxHeight, unicode: unicode,
      title: title, style: style)

    var y = top + 1 + padding
    for (index, line) in lines.prefix(questionRows).enumerated() {
      var text = line
      if index == questionRows - 1 && questionRows < lines.count {
        // The last row that fits: the rest of the question, cut with "…".
        text = lines[index...].joined(separator: " ").truncated(toWidth: inner)
      }
      grid.put(text, row: y, column: left + 2, style: style, maxWidth: inner, overflow: .ellipsis)
      y += 1
    }
    guard boxHeight - 2 > questionRows else { return }
    // Choices, centred, the highlighted one in reverse.
    let choicesRow = top + boxHeight - 2
    let shownWidth = min(choicesWidth, inner)
    var x = left + 2 + (inner - shownWidth) / 2
    let limit = left + 2 + inner
    for choice in [Choice.confirm, .cancel] {
      if choice == .cancel {
        x += grid.put("  ", row: choicesRow, column: x, style: style, maxWidth: max(0, limit - x))
      }
      let choiceStyle = choice == highlighted ? style.adding(.reverse) : style
      x += grid.put(
        choiceText(choice), row: choicesRow, column: x, style: choiceStyle,
        maxWidth: max(0, limit - x), overflow: .ellipsis)
    }
  }
}

/// Boxes and wrapping shared by the dialog widgets.
public enum DialogFrame {
  struct Glyphs {
    let topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical, teeLeft, teeRight: String
  }

  static let unicodeGlyphs = Glyphs(
    topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘", horizontal: "─", vertical: "│",
    teeLeft: "├", teeRight: "┤")
  static let asciiGlyphs = Glyphs(
    topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
    teeLeft: "+", teeRight: "+")

  static func glyphs(unicode: Bool) -> Glyphs { unicode ? unicodeGlyphs : asciiGlyphs }

  /// A box with a blank inside, an optional title in its top border ("┌─ Title ──┐") and an optional footer
  /// at the right of its bottom border ("└── 1-10 of 23 ─┘").
  public static func draw(
    into grid: inout Grid, row: Int, column: Int, width: Int, height: Int, unicode: Bool,
    title: String? = nil, footer: String? = nil, style: Style = .plain
  ) {
    guard width >= 2, height >= 2 else { return }
    let g = glyphs(unicode: unicode)
    let middle = String(repeating: g.horizontal, count: width - 2)
    grid.put(g.topLeft + middle + g.topRight, row: row, column: column, style: style)
    for y in row + 1..<row + height - 1 {
      grid.put(g.vertical, row: y, column: column, style: style)
      grid.fill(row: y, column: column + 1, width: width - 2, style: style)
      grid.put(g.vertical, row: y, column: column + width - 1, style: style)
    }
    grid.put(
      g.bottomLeft + middle + g.bottomRight, row: row + height - 1, column: column, style: style)
    if let title, !title.isEmpty, width >= 7 {
      grid.put(
        " " + title + " ", row: row, column: column + 2, style: style.adding(.bold),
        maxWidth: width - 4, overflow: .ellipsis)
    }
    if let footer, !footer.isEmpty {
      let text = " " + footer + " "
      let textWidth = text.displayWidth
      if textWidth <= width - 4 {
        grid.put(text, row: row + height - 1, column: column + width - 2 - textWidth, style: style)
      }
    }
  }

  /// A horizontal rule across a box: "├────┤".
  static func separator(
    into grid: inout Grid, row: Int, column: Int, width: Int, unicode: Bool, style: Style = .plain
  ) {
    guard width >= 2 else { return }
    let g = glyphs(unicode: unicode)
    grid.put(
      g.teeLeft + String(repeating: g.horizontal, count: width - 2) + g.teeRight, row: row,
      column: column, style: style)
  }

}
