import CaseloadCore
import TerminalUI

/// The actions of the school-wide deadlines screen.
public enum DeadlinesAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, top, bottom, open, markDone, undo, search, filter, clearFilters
  case window, back, help, palette
  /// An action on the selected item's pupil.
  case pupil(PupilAction)
}

/// Every missed and upcoming review and statutory deadline across the caseload, soonest first: the same list
/// `caseload due` prints.
public struct DeadlinesScreen: Sendable {
  public static let keys = try! Keymap<DeadlinesAction>(
    [
      .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Next deadline"),
      .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Previous deadline"),
      .init(keys: [.pageDown], action: .pageDown, name: "page-down", help: "A page down"),
      .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
      .init(keys: [.home, .char("g")], action: .top, name: "top", help: "The soonest"),
      .init(keys: [.end, .char("G")], action: .bottom, name: "bottom", help: "The latest"),
      .init(
        keys: [.enter], action: .open, name: "open",
        help:
          "Open the record the item belongs to: the follow-up, the action, the plan, the EHC steps",
        hint: true),
      .init(
        keys: [.char("x")], action: .markDone, name: "done",
        help: "Mark a follow-up, an action or a provision's end done today (u undoes)", hint: true),
      .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step"),
      .init(
        keys: [.char("/")], action: .search, name: "search",
        help: "Search pupils' names, what is due and who does it", hint: true),
      .init(
        keys: [.char("f")], action: .filter, name: "filter",
        help:
          "Filter: y6 K ASD do overdue due:14 ehc follow-up action provision parents mine or a name",
        hint: true),
      .init(
        keys: [.char("F")], action: .clearFilters, name: "clear-filters",
        help: "Clear the filter and the search"),
      .init(
        keys: [.char("w")], action: .window, name: "window",
        help: "Show the next 28 days, 8 weeks, or everything", hint: true),
      .init(
        keys: [.escape, .char("q")], action: .back, name: "back", help: "Back to the caseload",
        hint: true),
      .init(
        keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true),
      .init(keys: [.char(":")], action: .palette, name: "commands", help: "Every action, by name"),
    ] + PupilAction.bindings(DeadlinesAction.pupil, except: [.export]))

  /// What a key asks of the app.
  public enum Outcome: Hashable, Sendable {
    case handled, back, help, undo, palette
    /// Open the item's record.
    case open(AgendaItem)
    case markDone(AgendaItem)
    /// A pupil action on the item's pupil.
    case pupil(PupilAction, AggregateID)
  }

  static let windows: [Int?] = [28, 56, nil]
  public private(set) var windowIndex = 0
  public private(set) var items: [AgendaItem] = []
  /// What is due (with who agreed to do it) says most, so it takes the spare width and is never dropped; the
  /// status and year go first on a narrow terminal.
  var table = TableView(
    columns: [
      TableColumn("Due", width: 10),
      TableColumn("Status", width: 17, dropOrder: 1),
      TableColumn("Pupil", width: 20),
      TableColumn("Year", width: 4, dropOrder: 2),
      TableColumn("What", width: 12, flexible: true),
    ], highlight: .marker)
  var deadlines: [PupilDeadline] = []
  var pupils: [PupilSummary] = []
  var byID: [AggregateID: PupilSummary] = [:]
  let urgency: Urgency
  public private(set) var filter: AgendaFilter
  /// The search or filter being typed, applied as it is typed; Esc puts back the one before.
  public struct Entry: Sendable {
    public enum Kind: Sendable { case search, filter }
    public var kind: Kind
    public var field: TextInput
    var before: AgendaFilter
  }
  public private(set) var entry: Entry?
  var today: Day { urgency.today }

  public var withinDays: Int? { Self.windows[windowIndex] }

  public init(
    deadlines: [PupilDeadline], pupils: [PupilSummary], urgency: Urgency,
    filter: AgendaFilter = AgendaFilter()
  ) {
    self.urgency = urgency
    self.filter = filter
    reload(deadlines: deadlines, pupils: pupils)
  }

  /// New data from the store, keeping the selection on the same line where it still exists.
  public mutating func reload(deadlines: [PupilDeadline], pupils: [PupilSummary]) {
    self.deadlines = deadlines
    if pupils != self.pupils || byID.isEmpty {
      self.pupils = pupils
      byID = Dictionary(pupils.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
    let selected = items.indices.contains(table.selected) ? items[table.selected] : nil
    items = DueList.items(
      deadlines: deadlines, pupils: pupils, urgency: urgency, withinDays: withinDays)
    if !filter.isEmpty {
      items = items.filter {
        filter.matches($0, pupil: byID[AggregateID($0.pupil.id)], urgency: urgency)
      }
    }
    let index = selected.flatMap { s in items.firstIndex { $0 == s } } ?? table.selected
    table.setRowCount(items.count, keepingSelection: index)
  }

  public mutating func handle(_ key: Key, visibleRows: Int) -> Outcome {
    if var e = entry {
      switch e.field.handle(key) {
      case .submitted: entry = nil
      case .cancelled:
        entry = nil
        filter = e.before
        refilter(visibleRows: visibleRows)
      case .changed:
        if e.kind == .search {
          filter.apply(search: e.field.text)
        } else {
          filter.apply(query: e.field.text)
        }
        entry = e
        refilter(visibleRows: visibleRows)
      case .handled, .ignored: entry = e
      }
      return .handled
    }
    guard let action = Self.keys.action(for: key) else { return .handled }
    return perform(action, visibleRows: visibleRows)
  }

  public mutating func perform(_ action: DeadlinesAction, visibleRows: Int) -> Outcome {
    switch action {
    case .down: table.move(by: 1, visibleRows: visibleRows)
    case .up: table.move(by: -1, visibleRows: visibleRows)
    case .pageDown: table.move(by: visibleRows, visibleRows: visibleRows)
    case .pageUp: table.move(by: -visibleRows, visibleRows: visibleRows)
    case .top: table.select(0, visibleRows: visibleRows)
    case .bottom: table.select(items.count - 1, visibleRows: visibleRows)
    case .open:
      if items.indices.contains(table.selected) { return .open(items[table.selected]) }
    case .markDone:
      if items.indices.contains(table.selected) { return .markDone(items[table.selected]) }
    case .window:
      windowIndex = (windowIndex + 1) % Self.windows.count
      reload(deadlines: deadlines, pupils: pupils)
      table.select(0, visibleRows: visibleRows)
    case .undo: return .undo
    case .search:
      entry = Entry(kind: .search, field: TextInput(text: filter.search), before: filter)
    case .filter:
      entry = Entry(kind: .filter, field: TextInput(text: filter.query), before: filter)
    case .clearFilters:
      filter.apply(query: "")
      filter.apply(search: "")
      refilter(visibleRows: visibleRows)
    case .back: return .back
    case .help: return .help
    case .palette: return .palette
    case .pupil(let action):
      if items.indices.contains(table.selected) {
        return .pupil(action, AggregateID(items[table.selected].pupil.id))
      }
    }
    return .handled
  }

  mutating func refilter(visibleRows: Int) {
    reload(deadlines: deadlines, pupils: pupils)
    table.select(0, visibleRows: visibleRows)
  }

  /// "4 missed · 12 due in the next 28 days · filter: y6 ehc · search: oisin"
  public var countsLine: String {
    let missed = items.filter { $0.days < 0 }.count
    let span = withinDays.map { "in the next \($0) days" } ?? "from now on"
    var line = "\(missed) missed · \(items.count - missed) due \(span)"
    if !filter.query.isEmpty { line += " · filter: \(filter.query)" }
    if !filter.search.isEmpty { line += " · search: \(filter.search)" }
    return line
  }

  public func draw(into grid: inout Grid, rows: Range<Int>, unicode: Bool) {
    guard rows.count > 2 else { return }
    grid.put(
      "Deadlines — " + countsLine, row: rows.lowerBound, column: 0, style: .bold,
      maxWidth: grid.width, overflow: .ellipsis)
    table.draw(
      into: &grid, row: rows.lowerBound + 1, column: 0, width: grid.width,
      height: rows.count - 1, unicode: unicode
    ) { row, column in
      let i = items[row]
      switch column {
      case 0: return (i.due.british, nil)
      case 1: return (i.state, i.days < 0 ? .bold : nil)
      case 2: return (i.pupil.name, nil)
      case 3: return (i.pupil.year, nil)
      default:
        let what = i.detail.isEmpty ? i.title : "\(i.title) (\(i.detail))"
        return (i.owner.map { "\(what) — \($0)" } ?? what, nil)
      }
    }
    if items.isEmpty {
      grid.put(
        filter.isEmpty
          ? "Nothing is due and nothing has been missed." : "Nothing matches; F clears the filter.",
        row: rows.lowerBound + 3, column: 2, maxWidth: grid.width - 2)
    }
  }
}
