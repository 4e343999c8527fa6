import Foundation

/// A list to pick from in a box (need codes with their meanings, a year group, a member of staff), filtered as
/// you type: so a field's allowed values can be chosen by a word of their meaning without knowing the code.
///
/// Typing goes to a ``TextInput`` filter (its editing keys work, except Home and End, which move in the list).
/// The list keeps the choices whose title or description contains every typed word, ignoring case and accents
/// ("semh", "emotional", "Sémh"): titles starting with the first word first, then titles containing it, then
/// the rest, each in the given order.
///
/// Keys: ↑/↓ (and Ctrl-P/Ctrl-N) move the highlight, PgUp/PgDn a page, Home/End to the ends; Enter chooses the
/// highlighted choice (`.chosen`), or with multi-select confirms the ticked ones (`.chosenMany`); Space ticks
/// and unticks with multi-select (and is typed into the filter without it); Esc cancels.
public struct ChoicePicker: Sendable, Hashable {
  /// One choice: a title ("SEMH") and an optional description ("Social, emotional and mental health").
  public struct Choice: Sendable, Hashable {
    public var title: String
    public var description: String?

    public init(_ title: String, description: String? = nil) {
      self.title = title
      self.description = description
    }
  }

  /// What a key did.
  public enum Outcome: Sendable, Hashable {
    /// Enter on a choice (single select): its index in ``choices``.
    case chosen(Int)
    /// Enter with multi-select: the indices of the ticked choices, in order (possibly none).
    case chosenMany([Int])
    /// Esc.
    case cancelled
    /// The filter, highlight or ticks changed, or the key did nothing (a modal caller swallows it).
    case handled
  }

  public var title: String
  /// Every choice, sanitised, in the order given.
  public let choices: [Choice]
  /// Whether Space ticks choices and Enter confirms the ticked set.
  public let multiSelect: Bool
  /// The ticked choices' indices (multi-select).
  public private(set) var ticked: Set<Int>
  /// The filter being typed.
  public private(set) var filter: TextInput
  /// Indices into ``choices`` of the choices shown, in order.
  public private(set) var matches: [Int]
  /// The highlighted position in ``matches`` and the first shown.
  public private(set) var list: ListState
  public var selection: Int { list.selected }
  public var scroll: Int { list.scroll }
  /// How many rows of the list show, once the caller has told the picker the screen size
  /// (``fit(width:height:)``).
  public private(set) var visibleRows: Int?
  /// Search keys of each choice's title and description, made once.
  private let keys: [SearchKeys]

  struct SearchKeys: Sendable, Hashable {
    var title: String
    var description: String
    /// The title's initials without its small words: "Social, emotional and mental health" is "semh".
    var initials: String = ""
  }

  /// A picker with `highlighted` (an index into `choices`) highlighted first and, with `multiSelect`, `ticked`
  /// ticked.
  public init(
    title: String, choices: [Choice], highlighted: Int? = nil, multiSelect: Bool = false,
    ticked: Set<Int> = []
  ) {
    self.title = title
    self.choices = choices.map {
      Choice($0.title.sanitisedForTerminal, description: $0.description?.sanitisedForTerminal)
    }
    self.multiSelect = multiSelect
    self.ticked = ticked.filter { choices.indices.contains($0) }
    filter = TextInput(placeholder: "type to filter")
    matches = Array(choices.indices)
    list = ListState(count: choices.count)
    keys = self.choices.map {
      let title = Self.searchKey($0.title)
      return SearchKeys(
        title: title, description: Self.searchKey($0.description ?? ""),
        initials: Self.initials(title))
    }
    if let highlighted, choices.indices.contains(highlighted) {
      list.select(highlighted, visibleRows: nil)
    }
  }

  /// The index in ``choices`` of the highlighted choice, if any matches.
  public var highlighted: Int? { matches.indices.contains(selection) ? matches[selection] : nil }

  /// The titles shown, in order (what tests assert).
  public var matchingTitles: [String] { matches.map { choices[$0].title } }

  /// Tells the picker the size of the grid it is drawn into (on opening and on every resize).
  public mutating func fit(width: Int, height: Int) {
    let layout = Self.layout(
      choices: choices, multiSelect: multiSelect, width: width, height: height)
    visibleRows = layout?.rows
    filter.fieldWidth = layout.map { $0.width - 6 }
    keepSelectionVisible()
  }

  // MARK: Update

  @discardableResult
  public mutating func handle(_ key: Key) -> Outcome {
    let page = max(1, (visibleRows ?? 10) - 1)
    switch key {
    case .escape: return .cancelled
    case .enter:
      if multiSelect { return .chosenMany(ticked.sorted()) }
      return highlighted.map { .chosen($0) } ?? .handled
    case .space where multiSelect:
      if let highlighted {
        if ticked.contains(highlighted) {
          ticked.remove(highlighted)
        } else {
          ticked.insert(highlighted)
        }
      }
    case .up, .ctrl("p"): select(selection - 1)
    case .down, .ctrl("n"): select(selection + 1)
    case .pageUp: select(selection - page)
    case .pageDown: select(selection + page)
    case .home: select(0)
    case .end: select(matches.count - 1)
    default:
      if filter.handle(key) == .changed { refilter() }
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
    matches = Self.filter(keys, query: filter.text)
    list.reset(count: matches.count)
  }

  /// The indices of the choices whose title or description contains every word of `query`, ignoring case
  /// and accents: titles starting with the first word, then titles containing it, then the rest.
  static func filter(_ keys: [SearchKeys], query: String) -> [Int] {
    let words = searchKey(query).split(whereSeparator: { $0.isWhitespace })
    guard let firstWord = words.first else { return Array(keys.indices) }
    var exact: [Int] = []
    var starting: [Int] = []
    var inTitle: [Int] = []
    var others: [Int] = []
    let whole = words.joined(separator: " ")
    for (index, key) in keys.enumerated() {
      let haystack = key.title + " " + key.description + " " + key.initials
      guard words.allSatisfy({ haystack.contains($0) }) else { continue }
      if key.title == whole || (words.count == 1 && key.initials == whole) {
        exact.append(index)
      } else if key.title.hasPrefix(firstWord) {
        starting.append(index)
      } else if key.title.contains(firstWord) {
        inTitle.append(index)
      } else {
        others.append(index)
      }
    }
    return exact + starting + inTitle + others
  }

  /// "semh" from "social, emotional and mental health"; nothing for a one-word title.
  static func initials(_ title: String) -> String {
    let small: Set<Substring> = ["and", "or", "of", "the", "a", "an", "to", "for", "in"]
    let words = title.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).filter {
      !small.contains($0)
    }
    guard words.count > 1 else { return "" }
    return String(words.compactMap(\.first))
  }

  /// Text folded for matching: lower case, without accents or other marks ("Sémh" → "semh").
  static func searchKey(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark: continue
      default: out.append(scalar)
      }
    }
    return String(out)
  }

  // MARK: View

  struct Layout: Equatable {
    var top: Int, left: Int, width: Int, height: Int
    /// Rows of the list shown.
    var rows: Int
  }

  /// The box, centred: wide enough for the widest title and description (at least 30, at most 76 columns and
  /// the grid less a column each side); as tall as the whole list (so it does not jump while filtering), at
  /// most the grid less a row above and below.
  static func layout(choices: [Choice], multiSelect: Bool, width: Int, height: Int) -> Layout? {
    let maxWidth = min(width - (width >= 12 ? 2 : 0), 76)
    let maxHeight = height - (height >= 8 ? 2 : 0)
    guard maxWidth >= 12, maxHeight >= 5 else { return nil }
    let widest =
      choices.map { $0.title.displayWidth + ($0.description.map { $0.displayWidth + 2 } ?? 0) }
      .max() ?? 0
    let boxWidth = min(maxWidth, max(30, widest + (multiSelect ? 4 : 0) + 4))
    let boxHeight = min(maxHeight, max(choices.count, 1) + 4)
    return Layout(
      top: (height - boxHeight) / 2, left: (width - boxWidth) / 2, width: boxWidth,
      height: boxHeight, rows: boxHeight - 4)
  }

  /// Draws the picker centred in the whole grid.
  public func draw(into grid: inout Grid, unicode: Bool = true, style: Style = .plain) {
    draw(
      into: &grid, row: 0, column: 0, width: grid.width, height: grid.height, unicode: unicode,
      style: style)
  }

  /// Draws the picker centred in an area of the grid:
  ///
  /// ```
  /// ┌─ Need ───────────────────────────────────┐
  /// │ / em                                     │
  /// ├──────────────────────────────────────────┤
  /// │ [x] SEMH  Social, emotional and mental h…│
  /// └──────────────────────────────────────────┘
  /// ```
  ///
  /// The highlighted row is reverse, descriptions are dim, and when the list scrolls the bottom border says
  /// which rows show. Ticks ("[x]") show with multi-select only.
  public func draw(
    into grid: inout Grid, row: Int, column: Int, width: Int, height: Int, unicode: Bool = true,
    style: Style = .plain
  ) {
    guard
      var layout = Self.layout(
        choices: choices, multiSelect: multiSelect, width: width, height: height)
    else { return }
    layout.top += row
    layout.left += column
    let inner = layout.width - 4
    let x = layout.left + 2
    var first = min(scroll, selection)
    first = max(first, selection - layout.rows + 1)
    first = max(0, min(first, matches.count - layout.rows))
    let shown = matches.dropFirst(first).prefix(layout.rows)
    var footer =
      matches.count > layout.rows
      ? "\(first + 1)-\(first + shown.count) of \(matches.count)" : nil
    if multiSelect && !ticked.isEmpty {
      footer = "\(ticked.count) ticked" + (footer.map { ", " + $0 } ?? "")
    }
    DialogFrame.draw(
      into: &grid, row: layout.top, column: layout.left, width: layout.width,
      height: layout.height, unicode: unicode, title: title, footer: footer, style: style)
    grid.put("/", row: layout.top + 1, column: x, style: style.adding(.bold))
    filter.draw(into: &grid, row: layout.top + 1, column: x + 2, width: inner - 2, style: style)
    DialogFrame.separator(
      into: &grid, row: layout.top + 2, column: layout.left, width: layout.width, unicode: unicode,
      style: style)

    guard !matches.isEmpty else {
      grid.put(
        "No matches", row: layout.top + 3, column: x, style: style.adding(.dim), maxWidth: inner,
        overflow: .ellipsis)
      return
    }
    // One title column for the whole list, so it does not move while scrolling or filtering.
    let titleWidth = min(choices.map(\.title.displayWidth).max() ?? 0, max(8, inner / 2))
    for (offset, position) in zip(first..., shown) {
      let choice = choices[position]
      let rowY = layout.top + 3 + offset - first
      let rowStyle = offset == selection ? style.adding(.reverse) : style
      grid.fill(row: rowY, column: layout.left + 1, width: layout.width - 2, style: rowStyle)
      var at = x
      if multiSelect {
        at += grid.put(
          ticked.contains(position) ? "[x] " : "[ ] ", row: rowY, column: at, style: rowStyle)
      }
      let room = x + inner - at
      guard let description = choice.description, !description.isEmpty else {
        grid.put(
          choice.title, row: rowY, column: at, style: rowStyle, maxWidth: room, overflow: .ellipsis)
        continue
      }
      let titleText = choice.title.padded(toWidth: min(titleWidth, room)) + "  "
      at += grid.put(titleText, row: rowY, column: at, style: rowStyle, maxWidth: room)
      grid.put(
        description, row: rowY, column: at, style: rowStyle.adding(.dim),
        maxWidth: max(0, x + inner - at), overflow: .ellipsis)
    }
  }
}
