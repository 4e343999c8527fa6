/// One key press (or one bracketed paste) as the app sees it.
///
/// A key is a ``Code`` — what was pressed — and the ``Modifiers`` held with it. There is exactly one value
/// for each key: Ctrl-R is `.character("r")` with `.ctrl` whatever case it was written in, Shift-Tab is
/// `.tab` with `.shift`, Alt-↑ is `.up` with `.alt` whether the terminal sent `ESC [1;3A` or `ESC ESC [A`.
/// So keys can be compared, hashed and used as keymap table keys.
///
/// Every key has a stable ``name`` ("a", "enter", "ctrl-r", "alt-b", "shift-tab", "f5", "space") that
/// ``init(name:)`` parses back, for keymap tables, tests and docs, and a ``displayName`` for people ("Ctrl-R",
/// "Alt-B", "↑", "PgDn", "Shift-Tab", "Space").
public struct Key: Hashable, Sendable {
  /// What was pressed, before modifiers.
  public enum Code: Hashable, Sendable {
    /// Printable text: one grapheme. Upper case letters are their own characters ("A" is not Shift-a).
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown, insert, delete
    case backspace, enter, tab, escape
    /// F1 is `.function(1)`. The decoder produces F1–F20.
    case function(Int)
    /// A bracketed paste, with its text (control characters other than newline and tab removed).
    case paste(String)
  }

  /// Modifier keys held with a key.
  public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let shift = Modifiers(rawValue: 1 << 0)
    public static let alt = Modifiers(rawValue: 1 << 1)
    public static let ctrl = Modifiers(rawValue: 1 << 2)
  }

  public let code: Code
  public let modifiers: Modifiers

  /// A key from its code and modifiers, made canonical: a Ctrl letter is lower case, and a paste has no
  /// modifiers.
  public init(_ code: Code, modifiers: Modifiers = []) {
    switch code {
    case .character(let c) where modifiers.contains(.ctrl) && c.isASCII && c.isLetter:
      self.code = .character(Character(c.lowercased()))
      self.modifiers = modifiers
    case .paste:
      self.code = code
      self.modifiers = []
    default:
      self.code = code
      self.modifiers = modifiers
    }
  }

  // MARK: Building keys

  public static func char(_ c: Character) -> Key { Key(.character(c)) }
  public static func function(_ n: Int) -> Key { Key(.function(n)) }
  public static func paste(_ text: String) -> Key { Key(.paste(text)) }

  /// `key` with Ctrl added: `.ctrl("r")`, `.ctrl(.up)`, `.ctrl(" ")` (Ctrl-Space).
  public static func ctrl(_ key: Key) -> Key { key.adding(.ctrl) }
  public static func ctrl(_ c: Character) -> Key { Key(.character(c), modifiers: .ctrl) }
  /// `key` with Alt added: `.alt("b")`, `.alt(.up)`, `.alt(.enter)`.
  public static func alt(_ key: Key) -> Key { key.adding(.alt) }
  public static func alt(_ c: Character) -> Key { Key(.character(c), modifiers: .alt) }
  /// `key` with Shift added: `.shift(.up)`, `.shift(.tab)`.
  public static func shift(_ key: Key) -> Key { key.adding(.shift) }

  public static let up = Key(.up)
  public static let down = Key(.down)
  public static let left = Key(.left)
  public static let right = Key(.right)
  public static let home = Key(.home)
  public static let end = Key(.end)
  public static let pageUp = Key(.pageUp)
  public static let pageDown = Key(.pageDown)
  public static let insert = Key(.insert)
  public static let delete = Key(.delete)
  public static let backspace = Key(.backspace)
  public static let enter = Key(.enter)
  public static let tab = Key(.tab)
  /// Shift-Tab (back tab, `ESC [ Z`).
  public static let shiftTab = Key(.tab, modifiers: .shift)
  public static let escape = Key(.escape)
  public static let space = Key(.character(" "))

  /// This key with `extra` modifiers added.
  public func adding(_ extra: Modifiers) -> Key { Key(code, modifiers: modifiers.union(extra)) }

  // MARK: Reading keys

  /// The character typed, when this is plain text (no Ctrl or Alt). Text inputs insert it.
  public var text: Character? {
    if case .character(let c) = code, modifiers.isDisjoint(with: [.ctrl, .alt]) { return c }
    return nil
  }

  /// The pasted text, when this is a bracketed paste.
  public var pastedText: String? {
    if case .paste(let text) = code { return text }
    return nil
  }

  // MARK: Names

  /// The stable name keymap tables, tests and docs use: "a", "A", "/", "space", "enter", "esc", "tab",
  /// "shift-tab", "backspace", "up", "pgdn", "delete", "f5", "ctrl-r", "alt-b", "ctrl-up", "ctrl-alt-x".
  /// Modifiers come first in the order ctrl, alt, shift. A paste is named "paste" (its text is not part of
  /// the name) and `Key(name: "paste")` is an empty paste, which keymaps use to bind every paste.
  public var name: String {
    var name = ""
    if modifiers.contains(.ctrl) { name += "ctrl-" }
    if modifiers.contains(.alt) { name += "alt-" }
    if modifiers.contains(.shift) { name += "shift-" }
    switch code {
    case .character(" "): name += "space"
    case .character(let c): name.append(c)
    case .function(let n): name += "f\(n)"
    case .paste: return "paste"
    default: name += Key.codeNames[code] ?? "?"
    }
    return name
  }

  /// The name shown to people: "Ctrl-R", "Alt-B", "Alt-Shift-B" (Alt with a capital B), "Enter", "Esc",
  /// "↑", "PgDn", "Shift-Tab", "Space", "F5", "a", "/".
  public var displayName: String {
    var prefix = ""
    if modifiers.contains(.ctrl) { prefix += "Ctrl-" }
    if modifiers.contains(.alt) { prefix += "Alt-" }
    var shift = modifiers.contains(.shift)
    let base: String
    switch code {
    case .character(" "): base = "Space"
    case .character(let c) where !modifiers.isDisjoint(with: [.ctrl, .alt]) && c.isLetter:
      // With a modifier, letters are shown as on the keycap; a capital means Shift was held too.
      if c.isUppercase { shift = true }
      base = c.uppercased()
    case .character(let c): base = String(c)
    case .function(let n): base = "F\(n)"
    case .paste: return "Paste"
    default: base = Key.codeDisplayNames[code] ?? "?"
    }
    return prefix + (shift ? "Shift-" : "") + base
  }

  /// Parses a ``name`` back. Modifier prefixes (`ctrl-`, `alt-`, `shift-`, also `meta-` for Alt) and
  /// multi-letter key names are case-insensitive ("Ctrl-R" is ctrl-r, "PgDn" is pgdn); a single character
  /// is itself ("A" is capital A). A few aliases are accepted: "escape", "return", "pageup", "pagedown",
  /// "ins", "del", "backtab". Returns nil for anything else.
  public init?(name: String) {
    var rest = Substring(name)
    var modifiers: Modifiers = []
    // Strip modifier prefixes while something is left after them ("alt--" is Alt and "-").
    prefixes: while true {
      for (prefix, modifier) in Key.modifierPrefixes {
        if rest.count > prefix.count, rest.lowercased().hasPrefix(prefix) {
          rest = rest.dropFirst(prefix.count)
          modifiers.insert(modifier)
          continue prefixes
        }
      }
      break
    }
    let code: Code
    if rest.count == 1, let c = rest.first {
      code = .character(c)
    } else if let named = Key.namedCodes[rest.lowercased()] {
      code = named
    } else if rest.count >= 2, rest.first == "f" || rest.first == "F",
      let n = Int(rest.dropFirst()),
      (1...24).contains(n), String(n) == String(rest.dropFirst())
    {
      code = .function(n)
    } else {
      return nil
    }
    if case .paste = code, !modifiers.isEmpty { return nil }
    if rest.lowercased() == "backtab" { modifiers.insert(.shift) }
    self.init(code, modifiers: modifiers)
  }

  private static let modifierPrefixes: [(String, Modifiers)] = [
    ("ctrl-", .ctrl), ("alt-", .alt), ("shift-", .shift), ("meta-", .alt),
  ]

  private static let codeNames: [Code: String] = [
    .up: "up", .down: "down", .left: "left", .right: "right",
    .home: "home", .end: "end", .pageUp: "pgup", .pageDown: "pgdn",
    .insert: "insert", .delete: "delete",
    .backspace: "backspace", .enter: "enter", .tab: "tab", .escape: "esc",
  ]

  private static let codeDisplayNames: [Code: String] = [
    .up: "↑", .down: "↓", .left: "←", .right: "→",
    .home: "Home", .end: "End", .pageUp: "PgUp", .pageDown: "PgDn",
    .insert: "Insert", .delete: "Delete",
    .backspace: "Backspace", .enter: "Enter", .tab: "Tab", .escape: "Esc",
  ]

  private static let namedCodes: [String: Code] = {
    var names: [String: Code] = [:]
    for (code, name) in codeNames { names[name] = code }
    names["space"] = .character(" ")
    names["paste"] = .paste("")
    names["escape"] = .escape
    names["return"] = .enter
    names["pageup"] = .pageUp
    names["pagedown"] = .pageDown
    names["ins"] = .insert
    names["del"] = .delete
    names["backtab"] = .tab
    return names
  }()
}

extension Key: CustomStringConvertible {
  public var description: String { name }
}
