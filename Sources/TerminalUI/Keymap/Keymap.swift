/// One screen's table of key bindings. The one table drives dispatch (key → action), the `:` command palette
/// and tests (action name → action), the `?` help overlay, the footer hints and the keys section of the docs,
/// so none of those can drift from what the keys do.
///
/// ```swift
/// static let keymap = try! Keymap<CaseloadAction>([
///   .init(keys: [.enter], action: .open, name: "open", help: "Open the selected row", hint: true),
///   .init(keys: [.char("/")], action: .search, name: "search", help: "Search names", hint: true),
///   .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step"),
/// ])
/// ```
///
/// The initialiser throws ``KeymapError`` for a table that binds one key twice (to two actions, or to one
/// action twice) or uses an action name twice or a name that is not one word. Tables are constants in
/// source, so a screen writes `try!` and a mistake stops the app at the screen's first use with the key and
/// both names in the message; each screen's test builds its table, so the mistake is caught in CI first.
public struct Keymap<Action: Hashable & Sendable>: Sendable {
  /// One row of the table.
  public struct Binding: Sendable {
    /// The keys that do it, the first being the one shown in footer hints. May be empty for an action only
    /// reachable from the command palette.
    public let keys: [Key]
    public let action: Action
    /// The action's name, one word ("open", "search", "sort-by-name"): the palette and tests use it.
    public let name: String
    /// What it does, for the help overlay and the docs ("Open the selected row").
    public let help: String
    /// Whether the footer shows it.
    public let hint: Bool

    public init(keys: [Key], action: Action, name: String, help: String, hint: Bool = false) {
      self.keys = keys.map(Keymap.tableKey)
      self.action = action
      self.name = name
      self.help = help
      self.hint = hint
    }
  }

  /// The table, in its order (the order of help, hints, the palette and the docs).
  public let bindings: [Binding]
  private let byKey: [Key: Int]
  private let byName: [String: Int]

  public init(_ bindings: [Binding]) throws(KeymapError) {
    var byKey: [Key: Int] = [:]
    var byName: [String: Int] = [:]
    for (index, binding) in bindings.enumerated() {
      let name = binding.name
      guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
        throw .invalidName(name)
      }
      if byName[name] != nil { throw .nameUsedTwice(name) }
      byName[name] = index
      for key in binding.keys {
        if let earlier = byKey[key] {
          throw .keyBoundTwice(key: key, first: bindings[earlier].name, second: name)
        }
        byKey[key] = index
      }
    }
    self.bindings = bindings
    self.byKey = byKey
    self.byName = byName
  }

  /// Every paste is bound as `.paste("")` (named "paste"), whatever its text.
  fileprivate static func tableKey(_ key: Key) -> Key {
    if case .paste = key.code { return .paste("") }
    return key
  }

  // MARK: Dispatch

  /// The action bound to `key`, if any. A paste finds the binding for the key named "paste".
  public func action(for key: Key) -> Action? { binding(for: key)?.action }

  public func binding(for key: Key) -> Binding? {
    byKey[Self.tableKey(key)].map { bindings[$0] }
  }

  /// The action with this name (as typed in the command palette, or driven by a test).
  public func action(named name: String) -> Action? { binding(named: name)?.action }

  public func binding(named name: String) -> Binding? { byName[name].map { bindings[$0] } }

  /// The name of the first binding for `action`.
  public func name(of action: Action) -> String? { bindings.first { $0.action == action }?.name }

  /// Every action name, in table order: what the command palette lists.
  public var actionNames: [String] { bindings.map(\.name) }

  // MARK: Help, hints, docs

  /// A binding's keys for people: "↓, j", or "" for a palette-only action.
  public static func keysText(_ binding: Binding) -> String {
    binding.keys.map(\.displayName).joined(separator: ", ")
  }

  /// The help overlay: one line per binding, the keys padded to one column, two spaces, the help text.
  /// `measure` gives a string's width in columns (the default counts characters, right for the key names
  /// in use; pass a display-width function for wide characters).
  public func helpLines(measure: (String) -> Int = { $0.count }) -> [String] {
    let keys = bindings.map(Self.keysText)
    let column = keys.map(measure).max() ?? 0
    return zip(keys, bindings).map { keys, binding in
      keys + String(repeating: " ", count: column - measure(keys)) + "  " + binding.help
    }
  }

  /// The footer hints: "Enter open  / search  ? help  q quit" — for each hinted binding with a key, its
  /// first key and its name, two spaces apart, dropping hints from the end until the line fits `width`
  /// columns. Empty if not even the first fits.
  public func footerHints(width: Int, measure: (String) -> Int = { $0.count }) -> String {
    var line = ""
    var used = 0
    for binding in bindings where binding.hint {
      guard let key = binding.keys.first else { continue }
      let hint = key.displayName + " " + binding.name
      let extra = (line.isEmpty ? 0 : 2) + measure(hint)
      guard used + extra <= width else { break }
      line += (line.isEmpty ? "" : "  ") + hint
      used += extra
    }
    return line
  }

  /// The table as Markdown, for the docs: a header `| Key | Action | What it does |`, then one row per
  /// binding with each key in backticks (`` `Enter`, `o` ``), its name, and its help. Ends with a newline.
  public func markdownTable() -> String {
    var lines = ["| Key | Action | What it does |", "|---|---|---|"]
    for binding in bindings {
      let keys = binding.keys.map { Self.markdownCode($0.displayName) }.joined(separator: ", ")
      lines.append(
        "| \(keys) | \(Self.markdownCell(binding.name)) | \(Self.markdownCell(binding.help)) |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Inline code that survives inside a table cell: a backtick inside gets double-backtick fences, and a
  /// pipe is escaped (GitHub tables split cells on `|` even inside code).
  private static func markdownCode(_ text: String) -> String {
    let escaped = escapingPipes(text)
    return text.contains("`") ? "`` \(escaped) ``" : "`\(escaped)`"
  }

  private static func markdownCell(_ text: String) -> String {
    escapingPipes(String(text.map { $0.isNewline ? " " : $0 }))
  }

  private static func escapingPipes(_ text: String) -> String {
    var escaped = ""
    for c in text {
      if c == "|" { escaped.append("\\") }
      escaped.append(c)
    }
    return escaped
  }
}

/// Why a keymap table was refused.
public enum KeymapError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `key` appears in the bindings named `first` and `second` (the same name if one binding lists it twice).
  case keyBoundTwice(key: Key, first: String, second: String)
  /// Two bindings have this action name.
  case nameUsedTwice(String)
  /// An action name that is empty or has spaces in it.
  case invalidName(String)

  public var description: String {
    switch self {
    case .keyBoundTwice(let key, let first, let second) where first == second:
      return "The key \(key.name) is listed twice for \(first)."
    case .keyBoundTwice(let key, let first, let second):
      return "The key \(key.name) is bound to both \(first) and \(second)."
    case .nameUsedTwice(let name):
      return "Two bindings are named \(name)."
    case .invalidName(let name):
      return "The action name \"\(name)\" must be one word."
    }
  }
}
