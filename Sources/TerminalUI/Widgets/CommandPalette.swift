/// The `:` command palette: every action of a keymap by name, with its help and keys, filtered as you type.
///
/// Typing goes to a ``TextInput`` (all its editing keys work); the list keeps the actions whose name, help or
/// keys contain every typed word, case-insensitively, anywhere ("sort name" finds "sort-by-name"): names that
/// start with the first word first, then names containing it, then the rest, each in table order. ↑/↓ (and Ctrl-P/Ctrl-N) move the selection,
/// PgUp/PgDn a page, Enter runs the selected action, Esc closes.
public struct CommandPalette<Action: Hashable & Sendable>: Sendable, Hashable {
  /// One action in the list.
  public struct Entry: Sendable, Hashable {
    public let name: String
    public let help: String
    /// Its keys for people ("↓, j"), "" for a palette-only action.
    public let keys: String
    public let action: Action
  }

  public enum Outcome: Sendable, Hashable {
    /// Enter on an action: the caller runs it and closes the palette.
    case run(Action, name: String)
    /// Esc.
    case closed
    /// The filter or selection changed, or the key did nothing.
    case handled
  }

  public var title: String
  /// Every action, in table order.
  public let entries: [Entry]
  /// The filter being typed.
  public private(set) var input: TextInput
  /// Indices into ``entries`` of the actions that match the filter, in the order shown.
  public private(set) var matches: [Int]
  /// The highlighted position in ``matches`` and the first shown.
  public private(set) var list: ListState
  public var selection: Int { list.selected }
  public var scroll: Int { list.scroll }
  /// How many rows of the list show, once the caller has told the palette the screen size
  /// (``fit(width:height:)``).
  public private(set) var visibleRows: Int?

  public init(keymap: Keymap<Action>, title: String = "Commands") {
    self.title = title
    entries = keymap.bindings.map {
      Entry(
        name: $0.name.sanitisedForTerminal, help: $0.help.sanitisedForTerminal,
        keys: Keymap<Action>.keysText($0), action: $0.action)
    }
    input = TextInput(placeholder: "type to filter")
    matches = Array(entries.indices)
    list = ListState(count: entries.count)
  }

  /// A palette of a keymap's actions by name: for an app that runs whichever screen is showing by name.
  public init<Source: Hashable & Sendable>(
    namesOf keymap: Keymap<Source>, title: String = "Commands"
  )
  where Action == String {
    self.title = title
    entries = keymap.bindings.map {
      Entry(
        name: $0.name.sanitisedForTerminal, help: $0.help.sanitisedForTerminal,
        keys: Keymap<Source>.keysText($0), action: $0.name)
    }
    input = TextInput(placeholder: "type to filter")
    matches = Array(entries.indices)
    list = ListState(count: entries.count)
  }

  /// The selected action, if any matches.
  public var selected: Entry? {
    matches.indices.contains(selection) ? entries[matches[selection]] : nil
  }

  /// The names shown, in order (what tests assert).
  public var matchingNames: [String] { matches.map { entries[$0].name } }

  /// Tells the palette the size of the grid it is drawn into (on opening and on every resize).
  public mutating func fit(width: Int, height: Int) {
    let layout = Self.layout(entries: entries, width: width, height: height)
    visibleRows = layout?.rows
    input.fieldWidth = layout.map { $0.width - 6 }
    keepSelectionVisible()
  }

  // MARK: Update

  public mutating func handle(_ key: Key) -> Outcome {
    switch key {
    case .escape: return .closed
    case .enter:
      guard let selected else { return .handled }
      return .run(selected.action, name: selected.name)
    case .up, .ctrl("p"): select(selection - 1)
    case .down, .ctrl("n"), .tab: select(selection + 1)
    case .pageUp: select(selection - max(1, (visibleRows ?? 10) - 1))
    case .pageDown: select(selection + max(1, (visibleRows ?? 10) - 1))
    default:
      if input.handle(key) == .changed { refilter() }
    }
    return .handled
  }

  private mutating func select(_ position: Int) {
    list.select(position, visibleRows: visibleRows)
  }

  private mutating func keepSelectionVisible() {
    list.keepSelectionVisible(visibleRows)
  }

  private mutating func refilter() {
    matches = Self.filter(entries, query: input.text)
    list.reset(count: matches.count)
  }

  /// The indices of the entries that contain every word of `query` in their name, help or keys, ignoring
  /// case: names starting with the first word first, then names containing it, then the rest, each in table
  /// order.
  static func filter(_ entries: [Entry], query: String) -> [Int] {
    let words = query.lowercased().split(whereSeparator: { $0.isWhitespace })
    guard let firstWord = words.first else { return Array(entries.indices) }
    var starting: [Int] = []
    var inName: [Int] = []
    var others: [Int] = []
    for (index, entry) in entries.enumerated() {
      let name = entry.name.lowercased()
      let haystack = name + " " + entry.help.lowercased() + " " + entry.keys.lowercased()
      guard words.allSatisfy({ haystack.contains($0) }) else { continue }
      if name.hasPrefix(firstWord) {
        starting.append(index)
      } else if name.contains(firstWord) {
        inName.append(index)
      } else {
        others.append(index)
      }
    }
    return starting + inName + others
  }

  // MARK: View

  struct Layout: Equatable {
    var top: Int, left: Int, width: Int, height: Int
    /// Rows of the list shown.
    var rows: Int
  }

  /// The box, centred: at most 76 columns and the grid less a column each side; as tall as the whole table
  /// (so it does not jump while filtering), at most the grid less a row above and below.
  static func layout(entries: [Entry], width: Int, height: Int) -> Layout? {
    let maxWidth = min(width - (width >= 12 ? 2 : 0), 76)
    let maxHeight = height - (height >= 8 ? 2 : 0)
    guard maxWidth >= 12, maxHeight >= 5 else { return nil }
    let nameWidth = entries.map(\.name.displayWidth).max() ?? 0
    let helpWidth = entries.map(\.help.displayWidth).max() ?? 0
    let keysWidth = entries.map(\.keys.displayWidth).max() ?? 0
    let boxWidth = min(maxWidth, max(30, nameWidth + helpWidth + keysWidth + 8))
    let boxHeight = min(maxHeight, max(entries.count, 1) + 4)
    return Layout(
      top: (height - boxHeight) / 2, left: (width - boxWidth) / 2, width: boxWidth,
      height: boxHeight, rows: boxHeight - 4)
  }

  /// Draws the palette centred in the grid:
  ///
  /// ```
  /// ┌─ Commands ───────────────────────────┐
  /// │ : sea                                │
  /// ├──────────────────────────────────────┤
  /// │ search  Search names               / │
  /// └──────────────────────────────────────┘
  /// ```
  ///
  /// The selected row is reverse; when the list scrolls, the bottom border says which rows show.
  public func draw(into grid: inout Grid, unicode: Bool = true, style: Style = .plain) {
    guard let layout = Self.layout(entries: entries, width: grid.width, height: grid.height) else {
      return
    }
    let inner = layout.width - 4
    let x = layout.left + 2
    var first = min(scroll, selection)
    first = max(first, selection - layout.rows + 1)
    first = max(0, min(first, matches.count - layout.rows))
    let shown = matches.dropFirst(first).prefix(layout.rows)
    let footer =
      matches.count > layout.rows
      ? "\(first + 1)-\(first + shown.count) of \(matches.count)" : nil
    DialogFrame.draw(
      into: &grid, row: layout.top, column: layout.left, width: layout.width,
      height: layout.height, unicode: unicode, title: title, footer: footer, style: style)
    grid.put(":", row: layout.top + 1, column: x, style: style.adding(.bold))
    input.draw(into: &grid, row: layout.top + 1, column: x + 2, width: inner - 2, style: style)
    DialogFrame.separator(
      into: &grid, row: layout.top + 2, column: layout.left, width: layout.width, unicode: unicode,
      style: style)

    guard !matches.isEmpty else {
      grid.put(
        "No matching commands", row: layout.top + 3, column: x, style: style.adding(.dim),
        maxWidth: inner, overflow: .ellipsis)
      return
    }
    // One name column for the whole table, so it does not move while scrolling or filtering.
    let nameWidth = min(entries.map(\.name.displayWidth).max() ?? 0, max(8, inner / 2))
    for (offset, position) in zip(first..., shown) {
      let entry = entries[position]
      let row = layout.top + 3 + offset - first
      let rowStyle = offset == selection ? style.adding(.reverse) : style
      // The selection shows as a reverse bar across the whole inside of the box.
      grid.fill(row: row, column: layout.left + 1, width: layout.width - 2, style: rowStyle)
      var keys = entry.keys
      if keys.displayWidth > inner / 4 { keys = keys.truncated(toWidth: max(1, inner / 4)) }
      let keysWidth = keys.displayWidth
      let room = inner - (keysWidth > 0 ? keysWidth + 2 : 0)
      let left = entry.name.padded(toWidth: min(nameWidth, room)) + "  " + entry.help
      grid.put(left, row: row, column: x, style: rowStyle, maxWidth: room, overflow: .ellipsis)
      if keysWidth > 0 {
        grid.put(keys, row: row, column: x + inner - keysWidth, style: rowStyle.adding(.dim))
      }
    }
  }
}
