/// One column of one row of a ``Grid``.
///
/// A wide character (2 columns) is stored in its left cell; the cell to its right is a continuation cell with
/// empty text and the same style, which a backend skips.
public struct Cell: Hashable, Sendable {
  /// One grapheme cluster of display width 1 or 2, " " for a blank cell, "" for a continuation cell.
  public var text: String
  public var style: Style
  /// Whether this cell is the right half of the wide character in the cell to its left.
  public var isContinuation: Bool

  public init(text: String, style: Style = .plain, isContinuation: Bool = false) {
    self.text = text
    self.style = style
    self.isContinuation = isContinuation
  }

  /// A space with no attributes.
  public static let blank = Cell(text: " ")

  /// A space in the given style.
  public static func blank(_ style: Style) -> Cell { Cell(text: " ", style: style) }
}
