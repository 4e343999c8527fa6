/// How a cell is drawn: attributes and, optionally, colours.
///
/// Attributes (bold, reverse, underline, dim) survive `NO_COLOR` and monochrome terminals; colours do not, so
/// never carry meaning in colour alone. `nil` colours are the terminal's defaults.
public struct Style: Hashable, Sendable {
  /// Text attributes, combinable.
  public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let reverse = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let dim = Attributes(rawValue: 1 << 3)
  }

  /// The eight standard terminal colours, numbered as curses numbers them (COLOR_BLACK = 0 … COLOR_WHITE = 7).
  public enum Colour: UInt8, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
  }

  public var attributes: Attributes
  public var foreground: Colour?
  public var background: Colour?

  public init(_ attributes: Attributes = [], foreground: Colour? = nil, background: Colour? = nil) {
    self.attributes = attributes
    self.foreground = foreground
    self.background = background
  }

  /// No attributes, default colours.
  public static let plain = Style()
  public static let bold = Style(.bold)
  public static let reverse = Style(.reverse)
  public static let underline = Style(.underline)
  public static let dim = Style(.dim)

  /// This style with more attributes.
  public func adding(_ more: Attributes) -> Style {
    var style = self
    style.attributes.formUnion(more)
    return style
  }

  /// This style with its colours dropped and its attributes kept (for `NO_COLOR` and monochrome terminals).
  public var withoutColour: Style { Style(attributes) }

  public var isBold: Bool { attributes.contains(.bold) }
  public var isReverse: Bool { attributes.contains(.reverse) }
  public var isUnderline: Bool { attributes.contains(.underline) }
  public var isDim: Bool { attributes.contains(.dim) }
}
