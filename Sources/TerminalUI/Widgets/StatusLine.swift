/// A one-line message area: "Saved.", "3 pupils hidden by the filter", "Could not undo: another session
/// changed this pupil".
///
/// The kind shows without colour: an info message is plain, a warning bold, an error bold and reverse (colour
/// is only added on top). Messages are sanitised and cut with "…" by display width.
public struct StatusLine: Sendable, Hashable {
  public enum Kind: Sendable, Hashable, CaseIterable {
    case info, warning, error
  }

  /// The message shown, or nil when the line is clear.
  public private(set) var message: String?
  public private(set) var kind: Kind

  public init(_ message: String? = nil, kind: Kind = .info) {
    self.message = message.map(\.sanitisedForTerminal)
    self.kind = kind
  }

  public var isEmpty: Bool { message?.isEmpty ?? true }

  /// Shows a message, replacing any other.
  public mutating func show(_ message: String, kind: Kind = .info) {
    self.message = message.sanitisedForTerminal
    self.kind = kind
  }

  public mutating func info(_ message: String) { show(message, kind: .info) }
  public mutating func warning(_ message: String) { show(message, kind: .warning) }
  public mutating func error(_ message: String) { show(message, kind: .error) }

  /// Clears the line.
  public mutating func clear() {
    message = nil
    kind = .info
  }

  /// How a kind is drawn: attributes that read without colour, with a colour on top for terminals that
  /// have one (a backend drops it under `NO_COLOR`).
  public static func style(for kind: Kind) -> Style {
    switch kind {
    case .info: return .plain
    case .warning: return Style(.bold, foreground: .yellow)
    case .error: return Style([.bold, .reverse], foreground: .red)
    }
  }

  /// Draws the line: the row from `column` for `width` columns is cleared, then the message is written in its
  /// kind's style, cut with "…" when too wide. An error or warning is padded with one space each side so a
  /// reverse message reads as a block.
  public func draw(into grid: inout Grid, row: Int, column: Int = 0, width: Int) {
    guard width > 0 else { return }
    grid.fill(row: row, column: column, width: width)
    guard let message, !message.isEmpty else { return }
    let text = kind == .info ? message : " " + message + " "
    grid.put(
      text, row: row, column: column, style: Self.style(for: kind), maxWidth: width,
      overflow: .ellipsis)
  }
}
