import CaseloadCore
import TerminalUI

/// How much time the timeline shows at once. The window is the term, school year or whole history around the
/// selected event, so it follows the selection.
public enum TimelineZoom: Int, CaseIterable, Hashable, Sendable {
  case term, year, all

  /// "term", "year", "all": what the header shows after "Zoom: ".
  public var title: String {
    switch self {
    case .term: return "term"
    case .year: return "year"
    case .all: return "all"
    }
  }
}

/// What the timeline's keys do.
public enum TimelineAction: Hashable, Sendable {
  case previous, next, laneUp, laneDown, zoomIn, zoomOut, today, open, close, help, palette
}

/// What the timeline tells the app after a key.
public enum TimelineOutcome: Hashable, Sendable {
  /// The key changed (or did not change) the timeline; redraw.
  case handled
  /// Leave the timeline.
  case close
  /// Open the record behind the selected event.
  case open(TimelineEventID)
  /// The app's `:` palette of the timeline's actions.
  case palette
}

/// A pupil's graduated approach on a time line: SEN status, APDR cycles, reviews, concerns and contacts, EHC steps
/// and statutory deadlines, one lane each, against school years and terms, with the selected event's details below.
///
/// Elm-style: the state is a value, ``handle(_:)`` updates it and ``draw(into:rows:)`` shows it. The model is
/// built once when the screen opens; a frame draws only the days in view.
public struct TimelineScreen: Sendable {
  public static let keys = try! Keymap<TimelineAction>([
    .init(
      keys: [.left, .char("h")], action: .previous, name: "previous",
      help: "Previous event in time, in any lane", hint: true),
    .init(
      keys: [.right, .char("l")], action: .next, name: "next",
      help: "Next event in time, in any lane"),
    .init(
      keys: [.up, .char("k")], action: .laneUp, name: "lane-up",
      help: "The lane above, nearest the same time"),
    .init(
      keys: [.down, .char("j")], action: .laneDown, name: "lane-down",
      help: "The lane below, nearest the same time"),
    .init(
      keys: [.char("+"), .char("=")], action: .zoomIn, name: "zoom-in",
      help: "Zoom in: whole history, school year, term", hint: true),
    .init(
      keys: [.char("-")], action: .zoomOut, name: "zoom-out",
      help: "Zoom out: term, school year, whole history"),
    .init(
      keys: [.home, .char("t")], action: .today, name: "today",
      help: "Select the event nearest today", hint: true),
    .init(
      keys: [.enter], action: .open, name: "open", help: "Open the selected event", hint: true),
    .init(
      keys: [.escape, .char("q")], action: .close, name: "close", help: "Close the timeline",
      hint: true),
    .init(
      keys: [.char("?")], action: .help, name: "help", help: "Keys and what the marks mean",
      hint: true),
    .init(keys: [.char(":")], action: .palette, name: "commands", help: "Every action, by name"),
  ])

  public let model: TimelineModel
  public let unicode: Bool
  /// The pupil's name as shown (sanitised).
  public let pupilName: String
  /// The selected event's index in `model.events`, nil when there are none.
  public private(set) var selected: Int?
  public private(set) var zoom: TimelineZoom = .year
  /// The time the cursor is at: the date of the event last selected with ←, → or Home. Moving between lanes
  /// keeps it, so ↑ then ↓ comes back to the same event.
  public private(set) var anchor: Day
  /// The `?` overlay, when open.
  public private(set) var help: HelpOverlay?
  private var size: (width: Int, height: Int)?

  public init(pupil: Pupil, settings: SchoolSettings, today: Day, unicode: Bool = true) {
    model = TimelineModel(pupil: pupil, settings: settings, today: today)
    self.unicode = unicode
    pupilName = pupil.displayName.sanitisedForTerminal
    anchor = today
    selected = nil
    if let i = model.nearest(to: today) { select(i, keepingAnchor: false) }
  }

  public var selectedEvent: TimelineEvent? { selected.map { model.events[$0] } }

  /// The pupil as saved since (here or in another session), keeping the zoom, the selected event (or the one
  /// nearest where the cursor was) and any open help.
  public func reloaded(pupil: Pupil, settings: SchoolSettings, today: Day) -> TimelineScreen {
    var fresh = TimelineScreen(pupil: pupil, settings: settings, today: today, unicode: unicode)
    fresh.zoom = zoom
    fresh.help = help
    fresh.size = size
    fresh.anchor = anchor
    if let id = selectedEvent?.id, let i = fresh.model.events.firstIndex(where: { $0.id == id }) {
      fresh.select(i, keepingAnchor: true)
    } else if let i = fresh.model.nearest(to: anchor) {
      fresh.select(i, keepingAnchor: true)
    }
    return fresh
  }

  /// Tells the screen the terminal's size, so the help overlay pages by what fits.
  public mutating func fit(width: Int, height: Int) {
    size = (width, height)
    help?.fit(width: width, height: height)
  }

  // MARK: - Update

  public mutating func handle(_ key: Key) -> TimelineOutcome {
    if var overlay = help {
      help = overlay.handle(key) == .closed ? nil : overlay
      return .handled
    }
    guard let action = Self.keys.action(for: key) else { return .handled }
    return perform(action)
  }

  public mutating func perform(_ action: TimelineAction) -> TimelineOutcome {
    switch action {
    case .previous:
      if let s = selected, s > 0 { select(s - 1, keepingAnchor: false) }
    case .next:
      if let s = selected, s + 1 < model.events.count { select(s + 1, keepingAnchor: false) }
    case .laneUp: moveLane(by: -1)
    case .laneDown: moveLane(by: 1)
    case .zoomIn: zoom = TimelineZoom(rawValue: max(0, zoom.rawValue - 1))!
    case .zoomOut:
      zoom = TimelineZoom(rawValue: min(TimelineZoom.allCases.count - 1, zoom.rawValue + 1))!
    case .today:
      if let i = model.nearest(to: model.today) { select(i, keepingAnchor: false) }
    case .open:
      if let event = selectedEvent { return .open(event.id) }
    case .close: return .close
    case .help:
      var overlay = HelpOverlay(lines: Self.helpLines(unicode: unicode), title: "Timeline")
      if let size { overlay.fit(width: size.width, height: size.height) }
      help = overlay
    case .palette: return .palette
    }
    return .handled
  }

  private mutating func select(_ index: Int, keepingAnchor: Bool) {
    selected = index
    if !keepingAnchor { anchor = model.events[index].start }
  }

  /// The day the window is placed around: the anchor, or the nearest day of the selected event to it.
  public var focus: Day {
    guard let event = selectedEvent else { return anchor }
    return min(max(anchor, event.start), event.end)
  }

  /// Moves to the nearest lane above or below that has events, selecting its event nearest the anchor.
  private mutating func moveLane(by step: Int) {
    guard let s = selected else { return }
    var lane = model.events[s].lane.rawValue + step
    while lane >= 0 && lane < model.laneEvents.count {
      let candidates = model.laneEvents[lane]
      if !candidates.isEmpty {
        var best = candidates[0]
        var bestDistance = Int.max
        for i in candidates {
          let distance = model.events[i].distance(to: anchor)
          if distance < bestDistance {
            best = i
            bestDistance = distance
          }
        }
        select(best, keepingAnchor: true)
        return
      }
      lane += step
    }
  }

  // MARK: - Window

  /// The days in view: the term, school year or whole history around the focus.
  public var window: ClosedRange<Day> {
    let anchor = focus
    switch zoom {
    case .all:
      return SchoolYear(containing: model.firstDay)
        .firstDay...SchoolYear(containing: model.lastDay).lastDay
    case .year:
      let year = SchoolYear(containing: anchor)
      return year.firstDay...year.lastDay
    case .term:
      let terms = model.terms
      if let i = terms.lastIndex(where: { $0.start <= anchor }) {
        let next =
          i + 1 < terms.count
          ? terms[i + 1].start.adding(days: -1) : SchoolYear(containing: terms[i].start).lastDay
        return terms[i].start...max(next, terms[i].end, terms[i].start)
      }
      let year = SchoolYear(containing: anchor)
      return year.firstDay...year.lastDay
    }
  }

  // MARK: - View

  /// Where everything goes in the rows given.
  struct Layout {
    var header: Int?
    /// Months (term and year zoom) or school years (whole history).
    var axisTop: Int?
    /// Terms.
    var axisBottom: Int?
    var lanes: [(lane: TimelineLane, row: Int)] = []
    var separator: Int?
    var details: Range<Int> = 0..<0
    var labelWidth: Int
    var axisX: Int { labelWidth }
    var axisWidth: Int

    init(rows: Range<Int>, width: Int, selectedLane: TimelineLane?) {
      labelWidth = width >= 40 ? 10 : width >= 20 ? 5 : 0
      axisWidth = max(0, width - labelWidth)
      var left = rows.count
      let laneCount = min(TimelineLane.allCases.count, left)
      left -= laneCount
      let hasHeader = left > 0
      if hasHeader { left -= 1 }
      let hasTerms = left > 0
      if hasTerms { left -= 1 }
      var detailRows = left > 0 ? 1 : 0
      left -= detailRows
      let hasTop = left > 0
      if hasTop { left -= 1 }
      let hasSeparator = left >= 3
      if hasSeparator { left -= 1 }
      detailRows += left

      var row = rows.lowerBound
      func next() -> Int {
        defer { row += 1 }
        return row
      }
      if hasHeader { header = next() }
      if hasTop { axisTop = next() }
      if hasTerms { axisBottom = next() }
      // Too few rows for every lane: the ones around the selected lane.
      let all = TimelineLane.allCases
      let selectedIndex = selectedLane?.rawValue ?? 0
      let start = min(max(0, selectedIndex - laneCount + 1), all.count - laneCount)
      for lane in all[start..<start + laneCount] { lanes.append((lane, next())) }
      if hasSeparator { separator = next() }
      details = row..<row + detailRows
    }
  }

  public func draw(into grid: inout Grid, rows: Range<Int>) {
    let rows = rows.clamped(to: 0..<grid.height)
    guard !rows.isEmpty, grid.width > 0 else { return }
    let width = grid.width
    grid.fill(row: rows.lowerBound, column: 0, width: width, height: rows.count)
    let layout = Layout(rows: rows, width: width, selectedLane: selectedEvent?.lane)
    let window = self.window
    let scale = Scale(window: window, x: layout.axisX, width: layout.axisWidth)

    if let row = layout.header { drawHeader(into: &grid, row: row, width: width) }
    if let row = layout.axisTop {
      if zoom == .all {
        drawYears(into: &grid, row: row, scale: scale)
      } else {
        grid.put(
          fit(SchoolYear(containing: window.lowerBound).name, layout.labelWidth - 1), row: row,
          column: 0, style: .bold)
        drawMonths(into: &grid, row: row, scale: scale)
      }
    }
    if let row = layout.axisBottom {
      if layout.axisTop == nil && zoom != .all {
        grid.put(
          fit(SchoolYear(containing: window.lowerBound).name, layout.labelWidth - 1), row: row,
          column: 0, style: .bold)
      }
      drawTerms(into: &grid, row: row, scale: scale)
    }
    for (lane, row) in layout.lanes {
      let isSelectedLane = selectedEvent?.lane == lane
      if layout.labelWidth > 0 {
        grid.put(
          fit(layout.labelWidth >= 10 ? lane.title : lane.shortTitle, layout.labelWidth - 1),
          row: row, column: 0, style: isSelectedLane ? .bold : .plain)
      }
      drawLane(lane, into: &grid, row: row, scale: scale)
    }
    if let row = layout.separator {
      grid.fill(row: row, column: 0, width: width, style: .dim, with: unicode ? "─" : "-")
      if let s = selected {
        let position = " \(s + 1) of \(model.events.count) "
        if position.count + 2 <= width {
          grid.put(position, row: row, column: width - position.count - 2, style: .dim)
        }
      }
    }
    drawDetails(into: &grid, rows: layout.details, width: width)
    help?.draw(into: &grid, unicode: unicode)
  }

  /// Days to columns for one window.
  struct Scale {
    var window: ClosedRange<Day>
    var x: Int
    var width: Int
    var span: Int { window.upperBound.ordinal - window.lowerBound.ordinal + 1 }

    /// The column of a day inside the window.
    func column(_ day: Day) -> Int {
      x + (day.ordinal - window.lowerBound.ordinal) * width / span
    }

    /// The columns a range of days covers, clipped to the window; nil when outside it.
    func columns(_ from: Day, _ to: Day) -> ClosedRange<Int>? {
      guard width > 0, to >= window.lowerBound, from <= window.upperBound else { return nil }
      let a = column(max(from, window.lowerBound))
      let b = column(min(to, window.upperBound))
      return a...max(a, b)
    }

    var end: Int { x + width }
  }

  /// Text cut to a width: with "…" in a UTF-8 terminal, "..." otherwise.
  func fit(_ text: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    if text.displayWidth <= width { return text }
    if unicode { return text.truncated(toWidth: width) }
    if width <= 3 { return String(text.truncated(toWidth: width + 1).dropLast()) }
    return String(text.truncated(toWidth: width - 2).dropLast()) + "..."
  }

  private func drawHeader(into grid: inout Grid, row: Int, width: Int) {
    var parts = ["Zoom: \(zoom.title)", "Today \(model.today.british)", "? keys"]
    func rightText() -> String { parts.joined(separator: "  ") }
    let name = pupilName
    while parts.count > 1 && rightText().count + 2 + min(name.displayWidth, 10) > width {
      parts.removeLast()
    }
    let right = rightText()
    if right.count >= width {
      grid.put(fit(right, width), row: row, column: 0)
      return
    }
    let nameWidth = width - right.count - 2
    grid.put(fit(name, nameWidth), row: row, column: 0, style: .bold)
    grid.put(right, row: row, column: width - right.count)
  }

  /// A label to put on an axis row: its column, the columns free before the next label, and its forms, longest
  /// first.
  private struct AxisLabel {
    var column: Int
    var room: Int
    var forms: [String]
  }

  /// Puts each label in the same form, the longest that fits every label but the last (which may be cut short by
  /// the window's edge); a label with no room for it takes a shorter one. Returns the width each took.
  private func put(_ labels: [AxisLabel], into grid: inout Grid, row: Int, style: Style) -> [Int] {
    // A label with fewer forms than the level uses its shortest.
    func level(_ i: Int, of label: AxisLabel) -> Int { min(i, max(0, label.forms.count - 1)) }
    let levels = labels.map(\.forms.count).max() ?? 0
    let chosen =
      (0..<levels).first { i in
        labels.dropLast().allSatisfy {
          $0.forms.isEmpty || $0.forms[level(i, of: $0)].count <= $0.room
        }
      } ?? max(0, levels - 1)
    return labels.map { label in
      guard
        let form = label.forms.dropFirst(level(chosen, of: label)).first(where: {
          $0.count <= label.room
        })
      else { return 0 }
      return grid.put(form, row: row, column: label.column, style: style)
    }
  }

  private static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  private func drawMonths(into grid: inout Grid, row: Int, scale: Scale) {
    let window = scale.window
    let (y, m, _) = window.lowerBound.parts
    // The month the window starts in is labelled at the window's start, when there is room.
    var month = Day(year: y, month: m, day: 1)!
    var labels: [AxisLabel] = []
    while month <= window.upperBound {
      let next = month.adding(months: 1)
      let column = scale.column(max(month, window.lowerBound))
      let room = (next <= window.upperBound ? scale.column(next) - 1 : scale.end) - column
      let name = Self.monthNames[month.month - 1]
      labels.append(
        AxisLabel(
          column: column, room: room,
          forms: (zoom == .term ? [name] : []) + [String(name.prefix(3)), String(name.prefix(1))]))
      month = next
    }
    // A month cut short at the start makes way for the next rather than setting the form of all.
    if labels.count > 1, labels[0].room < 3 { labels[0].forms = [String(labels[0].forms.last!)] }
    _ = put(labels, into: &grid, row: row, style: .plain)
  }

  private func drawYears(into grid: inout Grid, row: Int, scale: Scale) {
    var year = SchoolYear(containing: scale.window.lowerBound)
    var labels: [AxisLabel] = []
    while year.firstDay <= scale.window.upperBound {
      let column = scale.column(max(year.firstDay, scale.window.lowerBound))
      let next = year.next.firstDay
      let room = (next <= scale.window.upperBound ? scale.column(next) - 1 : scale.end) - column
      let short = year.name.suffix(5)
      labels.append(
        AxisLabel(
          column: column, room: room, forms: [year.name, String(short), String(short.prefix(2))]))
      year = year.next
    }
    _ = put(labels, into: &grid, row: row, style: .bold)
  }

  private func drawTerms(into grid: inout Grid, row: Int, scale: Scale) {
    let window = scale.window
    let terms = model.terms
    var labels: [AxisLabel] = []
    var extents: [(columns: ClosedRange<Int>, limit: Int)] = []
    for (i, term) in terms.enumerated() where term.end >= window.lowerBound {
      if term.start > window.upperBound { break }
      guard let columns = scale.columns(term.start, term.end) else { continue }
      let nextStart = i + 1 < terms.count ? terms[i + 1].start : nil
      let limit =
        nextStart.map { $0 <= window.upperBound ? scale.column($0) - 1 : scale.end } ?? scale.end
      let name = term.name.title
      labels.append(
        AxisLabel(
          column: columns.lowerBound, room: limit - columns.lowerBound,
          forms: (zoom == .term ? [term.title] : [])
            + [name, String(name.prefix(3)), String(name.prefix(1))]))
      extents.append((columns, limit))
    }
    let used = put(labels, into: &grid, row: row, style: .bold)
    let fill: Character = unicode ? "─" : "-"
    for ((columns, limit), width) in zip(extents, used) {
      let from = columns.lowerBound + width
      let to = min(columns.upperBound, limit - 1)
      if to >= from {
        grid.fill(row: row, column: from, width: to - from + 1, style: .dim, with: fill)
      }
    }
  }

  private func drawLane(_ lane: TimelineLane, into grid: inout Grid, row: Int, scale: Scale) {
    guard scale.width > 0 else { return }
    let window = scale.window
    var cells = [(Character, Style)?](repeating: nil, count: scale.width)
    func set(_ column: Int, _ c: Character, _ style: Style) {
      let i = column - scale.x
      if i >= 0 && i < cells.count { cells[i] = (c, style) }
    }
    func drawRange(_ event: TimelineEvent, style: Style) {
      for segment in event.segments {
        guard let columns = scale.columns(segment.start, segment.end) else { continue }
        let glyph = segment.mark.glyph(unicode: unicode)
        for c in columns { set(c, glyph, style) }
        if let letter = segment.letter, columns.count >= 3 {
          set(columns.lowerBound, letter, style.adding(.bold))
        }
      }
    }
    let indices = model.laneEvents[lane.rawValue]
    // The events starting in view begin at the first whose start is not before the window.
    var low = 0
    var high = indices.count
    while low < high {
      let mid = (low + high) / 2
      if model.events[indices[mid]].start < window.lowerBound { low = mid + 1 } else { high = mid }
    }
    // Ranges that started earlier may still reach into the window.
    for i in indices[..<low]
    where model.events[i].isRange && model.events[i].end >= window.lowerBound {
      drawRange(model.events[i], style: .plain)
    }
    var points: [(priority: Int, index: Int)?] = Array(repeating: nil, count: scale.width)
    for i in indices[low...] {
      let event = model.events[i]
      if event.start > window.upperBound { break }
      if event.isRange {
        drawRange(event, style: .plain)
      } else {
        let slot = scale.column(event.start) - scale.x
        guard slot >= 0 && slot < points.count else { continue }
        if points[slot].map({ event.mark.priority >= $0.priority }) ?? true {
          points[slot] = (event.mark.priority, i)
        }
      }
    }
    if window.contains(model.today) {
      set(scale.column(model.today), unicode ? "│" : "|", .bold)
    }
    for case (_, let index)? in points {
      let event = model.events[index]
      set(scale.column(event.start), event.mark.glyph(unicode: unicode), .plain)
    }
    if let s = selected, model.events[s].lane == lane {
      let event = model.events[s]
      if event.isRange {
        drawRange(event, style: .reverse)
      } else if window.contains(event.start) {
        set(scale.column(event.start), event.mark.glyph(unicode: unicode), .reverse)
      }
    }
    for (i, cell) in cells.enumerated() {
      guard let (c, style) = cell else { continue }
      grid.put(String(c), row: row, column: scale.x + i, style: style)
    }
  }

  private func drawDetails(into grid: inout Grid, rows: Range<Int>, width: Int) {
    guard !rows.isEmpty else { return }
    let lines = selectedEvent?.details ?? ["No events recorded for this pupil yet."]
    // Wrapped when every line fits so; otherwise one row a line, cut.
    var shown: [(String, Bool)] = []
    for (i, line) in lines.enumerated() {
      for piece in WordWrap.lines(line, width: width, hangingIndent: 2) {
        shown.append((piece, i == 0))
      }
    }
    if shown.count > rows.count {
      shown = lines.enumerated().map { (fit($0.element, width), $0.offset == 0) }
    }
    for (row, (text, isHeading)) in zip(rows, shown) {
      grid.put(fit(text, width), row: row, column: 0, style: isHeading ? .bold : .plain)
    }
  }

  // MARK: - Help

  /// The keys, then what each mark means, in the glyphs this terminal shows.
  static func helpLines(unicode: Bool) -> [String] {
    func name(_ key: Key) -> String {
      guard !unicode else { return key.displayName }
      switch key {
      case .left: return "Left"
      case .right: return "Right"
      case .up: return "Up"
      case .down: return "Down"
      default: return key.displayName
      }
    }
    let keyTexts = keys.bindings.map { $0.keys.map(name).joined(separator: ", ") }
    let column = keyTexts.map(\.displayWidth).max() ?? 0
    var lines = zip(keyTexts, keys.bindings).map { text, binding in
      text + String(repeating: " ", count: column - text.displayWidth) + "  " + binding.help
    }
    func legend(_ marks: [TimelineMark]) -> String {
      marks.map { "\($0.glyph(unicode: unicode)) \($0.legendName)" }.joined(separator: "  ")
    }
    lines += [
      "",
      "Status     "
        + legend([.status(nil), .status(.monitoring), .status(.senSupport), .status(.ehcPlan)]),
      "Cycles     " + legend(Stage.allCases.map { .stage($0) }),
      "Reviews    " + legend([.review]),
      "Concerns   " + legend([.concern, .contact, .parentMeeting]),
      "EHC        " + legend([.ehc]),
      "Deadlines  " + legend([.deadlineMet, .deadlineMissed, .deadlineDue, .deadlineClosed]),
      "Today      \(unicode ? "│" : "|")",
      "A letter starts each period and stage: N, M, K, E; A, P, D, R.",
    ]
    return lines
  }
}
