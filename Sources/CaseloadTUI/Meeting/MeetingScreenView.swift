import CaseloadCore
import CaseloadText
import TerminalUI

/// How the meeting looks: across a table, on a shared screen. One thing at a time, bold headings, the outcome
/// in large type (bold, wrapped wide, with space around it), and generous blank lines; the keys for the screen
/// in the footer.
extension MeetingScreen {
  public func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    guard rows.count > 0 else { return }
    let width = grid.width
    let unicode = context.unicode
    if case .resume = mode {
      grid.put(
        title, row: rows.lowerBound, column: 0, style: .bold, maxWidth: width, overflow: .ellipsis)
    } else {
      drawHeader(into: &grid, row: rows.lowerBound, more: nil)
    }
    let roomy = rows.count >= 14
    let top = rows.lowerBound + (roomy ? 2 : 1)
    switch mode {
    case .resume(let stale, let canStart):
      drawBox(
        resumeLines(stale: stale, canStart: canStart), title: "Paused meeting", into: &grid,
        unicode: unicode)
      return
    case .person(let form, let index):
      drawForm(
        form, heading: index == nil ? "Who else is present?" : "Who is present: a change",
        into: &grid, rows: top..<rows.upperBound, unicode: unicode)
      return
    case .action(let form, let index):
      drawForm(
        form, heading: index == nil ? "A new action: what, who, by when" : "Action \(index! + 1)",
        into: &grid, rows: top..<rows.upperBound, unicode: unicode)
      return
    case .note(let area, let outcomeID, _):
      drawNote(area, outcomeID: outcomeID, into: &grid, rows: top..<rows.upperBound)
      return
    case .meeting, .pause, .confirmAbandon: break
    }
    let pinned = pinnedLines(context: context, width: width)
    let bodyEnd = body(rows: rows, width: width, context: context).end
    let page = page(width: width, height: bodyEnd - top, context: context)
    let shown = page.draw(into: &grid, rows: top..<bodyEnd, scroll: scroll)
    drawHeader(into: &grid, row: rows.lowerBound, more: shown)
    for (i, line) in pinned.enumerated() where bodyEnd + i < rows.upperBound {
      grid.put(
        line.text, row: bodyEnd + i, column: 0, style: line.style, maxWidth: width,
        overflow: .ellipsis)
    }
    if case .pause = mode {
      drawBox(
        [
          "Pause the meeting, or abandon it?", "",
          "p  Pause: keep it; R resumes it",
          "a  Abandon: nothing of it is kept or recorded",
          "k  Keep going (Esc)",
        ], title: "Leave the meeting", into: &grid, unicode: unicode)
    }
    if case .confirmAbandon = mode {
      drawBox(
        [
          "Abandon the meeting? Everything typed in it is lost, and nothing is recorded.", "",
          "a  Abandon it",
          "k  Keep the meeting (Esc)",
        ], title: "Abandon the meeting", into: &grid, unicode: unicode)
    }
    if var help {
      help.fit(width: width, height: grid.height)
      help.draw(into: &grid, unicode: unicode)
    }
  }

  /// "Screen 2 of 6 — Outcomes · Oisín O'Brien", with "↓ more" at the right when the page scrolls on.
  func drawHeader(into grid: inout Grid, row: Int, more: (above: Bool, below: Bool)?) {
    let width = grid.width
    var right = ""
    if let more {
      switch (more.above, more.below) {
      case (true, true): right = "↑↓ more"
      case (false, true): right = "↓ more"
      case (true, false): right = "↑ more"
      default: break
      }
    }
    let room = right.isEmpty ? width : max(0, width - right.displayWidth - 2)
    grid.fill(row: row, column: 0, width: width)
    let x = grid.put(
      MeetingText.progress(draft.screen), row: row, column: 0, style: .bold, maxWidth: room,
      overflow: .ellipsis)
    grid.put(
      "  ·  \(pupil.displayName)", row: row, column: x, style: .plain, maxWidth: room - x,
      overflow: .ellipsis)
    if !right.isEmpty, right.displayWidth < width {
      grid.put(right, row: row, column: width - right.displayWidth, style: .dim)
    }
  }

  /// A box over the screen, its lines wrapped to fit.
  func drawBox(_ lines: [String], title: String, into grid: inout Grid, unicode: Bool) {
    let wrapWidth = max(10, min(grid.width - 6, 64))
    let wrapped = lines.flatMap { WordWrap.lines($0, width: wrapWidth) }
    var box = HelpOverlay(lines: wrapped, title: title)
    box.fit(width: grid.width, height: grid.height)
    box.draw(into: &grid, unicode: unicode)
  }

  func resumeLines(stale: String?, canStart: Bool) -> [String] {
    if let stale {
      return [stale, ""]
        + (canStart
          ? ["s  Start again (discards it)", "Esc  Cancel"]
          : ["a  Abandon it (nothing is recorded)", "Esc  Cancel"])
    }
    return [
      "Resume the meeting started on \(MeetingText.day(draft.date)), or start again?",
      "It had reached \(MeetingText.progress(draft.screen).lowercased()).", "",
      "r  Resume", "s  Start again (discards it)", "Esc  Cancel",
    ]
  }

  func drawForm(
    _ form: Form, heading: String, into grid: inout Grid, rows: Range<Int>, unicode: Bool
  ) {
    guard rows.count > 0 else { return }
    grid.put(
      heading, row: rows.lowerBound, column: 0, style: .bold, maxWidth: grid.width,
      overflow: .ellipsis)
    let formTop = rows.lowerBound + (rows.count >= 8 ? 2 : 1)
    guard formTop < rows.upperBound else { return }
    form.draw(
      into: &grid, row: formTop, column: 2, width: max(1, grid.width - 4),
      height: rows.upperBound - formTop, unicode: unicode)
  }

  func drawNote(_ area: TextArea, outcomeID: Int, into grid: inout Grid, rows: Range<Int>) {
    let n = (outcomes.firstIndex { $0.id == outcomeID } ?? 0) + 1
    let o = outcomes.first { $0.id == outcomeID }
    var page = MeetingPage(width: grid.width)
    page.text("A note on outcome \(n)", style: .bold)
    page.text(o.map { Text.excerpt($0.text, length: 70) } ?? "", style: .dim, indent: 2)
    page.text(
      "Rated " + (draft.rating(for: outcomeID)?.rating.title ?? "—")
        + ". Enter keeps the note; Esc puts back the old one.",
      style: .dim, indent: 2)
    page.blank()
    var fitted = area
    fitted.fit(width: max(1, grid.width - 4), height: max(1, min(4, rows.count - 5)))
    page.focus { p in
      p.widget(rows: fitted.height) { g, top in fitted.draw(into: &g, row: top, column: 2) }
    }
    page.draw(into: &grid, rows: rows, scroll: 0)
  }

  // MARK: The screens

  struct Pinned {
    var text: String
    var style: Style
  }

  /// Lines kept at the bottom of the body whatever the scroll: the rating and its keys, whether the meeting
  /// is ready to record.
  func pinnedLines(context: EditorContext, width: Int) -> [Pinned] {
    switch draft.screen {
    case .outcomes:
      guard let o = currentOutcome else { return [] }
      let scale = context.settings.ratingScale
      var legend = MeetingText.ratingLegend(scale) + " · n note"
      if legend.displayWidth > width, scale == .achievedPartlyNotYet {
        legend = "1 achieved · 2 partly · 3 not yet · n note"
      }
      if legend.displayWidth > width { legend = String(legend.dropLast(" · n note".count)) }
      guard let rated = draft.rating(for: o.id) else {
        return [Pinned(text: "Not rated yet", style: .dim), Pinned(text: legend, style: .dim)]
      }
      let noted =
        rated.note.isEmpty ? "" : " — note: " + rated.note.replacingOccurrences(of: "\n", with: " ")
      return [
        Pinned(text: "Rating: \(rated.rating.title)\(noted)", style: .bold),
        Pinned(text: legend, style: .dim),
      ]
    case .summary:
      let missing = draft.missing(for: pupil)
      return [
        missing.isEmpty
          ? Pinned(
            text: width >= 66
              ? "Ready: Enter or Ctrl-S records it all as one step (u undoes it)."
              : "Ready: Enter records it as one step.", style: .bold)
          : Pinned(
            text:
              "\(MeetingText.count(missing.count, "thing")) still to settle, listed at the top.",
            style: .bold)
      ]
    default: return []
    }
  }

  /// The body of the screen the meeting is on.
  func page(width: Int, height: Int, context: EditorContext) -> MeetingPage {
    var page = MeetingPage(width: width, unicode: context.unicode)
    switch draft.screen {
    case .present: presentPage(&page)
    case .outcomes: outcomePage(&page, width: width)
    case .views: viewsPage(&page, width: width, height: height)
    case .decision: decisionPage(&page)
    case .next: nextPage(&page, width: width, context: context)
    case .summary: summaryPage(&page)
    }
    return page
  }

  func presentPage(_ page: inout MeetingPage) {
    page.text("Who is present?", style: .bold)
    page.blank()
    if draft.present.isEmpty {
      page.text("No one yet: a adds someone.", style: .dim, indent: 4)
    }
    for (i, p) in draft.present.enumerated() {
      if i == selected {
        page.focus { $0.text(MeetingText.person(p), style: .reverse, indent: 4, marker: true) }
      } else {
        page.text(MeetingText.person(p), indent: 4)
      }
    }
    page.blank()
    page.text(
      "Filled in from the plan: a adds someone, e changes, d removes. Enter goes on to the outcomes.",
      style: .dim)
  }

  func outcomePage(_ page: inout MeetingPage, width: Int) {
    guard let o = currentOutcome, let plan = cycle?.plan else {
      page.text("The plan has no outcomes to rate.", style: .bold)
      page.blank()
      page.text("Enter goes on to the views.", style: .dim)
      return
    }
    page.text("Outcome \(draft.outcomeIndex + 1) of \(outcomes.count)", style: .bold)
    var facts = [o.area.title]
    if let target = o.targetDate { facts.append("target \(MeetingText.day(target))") }
    if o.carriedFrom != nil { facts.append("carried forward") }
    page.text(facts.joined(separator: " · "), style: .dim)
    page.blank()
    // The outcome itself, large: bold, wrapped wide with a margin either side, space above and below.
    let margin = width >= 60 ? 4 : 2
    page.text(o.text, style: .bold, indent: margin, right: margin)
    page.blank()
    page.text("Success criteria", style: .bold)
    page.text(o.successCriteria.isEmpty ? "Not set." : o.successCriteria, indent: 2)
    page.blank()
    let linked = plan.provision.contains { $0.outcomeIDs.contains(o.id) }
    page.text(linked ? "Provision for this outcome" : "Provision in the plan", style: .bold)
    let provision = MeetingText.provision(for: o, in: plan)
    if provision.isEmpty { page.text("None recorded.", style: .dim, indent: 2) }
    for v in provision { page.text("• " + MeetingText.provisionLine(v), indent: 2) }
    if let rated = draft.rating(for: o.id), !rated.note.isEmpty {
      page.blank()
      page.text("Note", style: .bold)
      page.text(rated.note, indent: 2)
    }
  }

  /// Where the scrolling body of a screen goes among `rows`, under the header and above the pinned lines.
  func body(rows: Range<Int>, width: Int, context: EditorContext) -> (top: Int, end: Int) {
    let top = rows.lowerBound + (rows.count >= 14 ? 2 : 1)
    return (top, max(top, rows.upperBound - pinnedLines(context: context, width: width).count))
  }

  /// The furthest the body can scroll at the terminal's size: keys never scroll past the end.
  func maxScroll(context: EditorContext) -> Int {
    let rows = 1..<max(1, size.height - 2)
    let (top, end) = body(rows: rows, width: size.width, context: context)
    let height = end - top
    let content = page(width: size.width, height: height, context: context).render().grid.height
    return MeetingPage.maxScroll(contentHeight: content, rows: height)
  }

  func viewsPage(_ page: inout MeetingPage, width: Int, height: Int) {
    let rows = height >= 18 ? 4 : height >= 12 ? 3 : 2
    for (i, title) in Self.viewTitles.enumerated() {
      let focused = i == viewFocus
      var area = views[i]
      area.fit(width: max(1, width - 4), height: rows)
      let block: (inout MeetingPage) -> Void = { p in
        p.text(title, style: focused ? .bold.adding(.underline) : .bold, indent: 2, marker: focused)
        p.widget(rows: rows) { g, top in
          area.draw(into: &g, row: top, column: 2, focused: focused)
        }
      }
      if focused { page.focus(block) } else { block(&page) }
      page.blank()
    }
    page.text("Tab moves to the next; Ctrl-O opens the field in your editor.", style: .dim)
  }

  func decisionPage(_ page: inout MeetingPage) {
    page.text("How has progress compared with what was expected?", style: .bold)
    for (key, p) in MeetingText.progressKeys {
      let chosen = draft.progress == p
      page.text("\(key)  \(p.title)", style: chosen ? .reverse : .plain, indent: 4, marker: chosen)
    }
    page.blank()
    page.text("What happens next?", style: .bold)
    let motion = MeetingText.inMotion(draft, pupil: pupil)
    for (i, d) in ReviewDecision.allCases.enumerated() {
      let chosen = draft.decision == d
      let block: (inout MeetingPage) -> Void = { p in
        p.text(
          "\(i + 1)  \(d.title.capitalizedFirst)", style: chosen ? .reverse : .plain, indent: 4,
          marker: chosen)
        if chosen, !motion.isEmpty {
          for line in motion { p.text("• " + line, indent: 7) }
        } else {
          p.text(MeetingText.explain(d, pupil: pupil), style: .dim, indent: 7)
        }
      }
      if chosen { page.focus(block) } else { block(&page) }
    }
  }

  func nextPage(_ page: inout MeetingPage, width: Int, context: EditorContext) {
    page.text("The next review", style: .bold)
    if removing {
      page.text(
        "None: \(pupil.displayName) comes off the SEN register, so no further review is set.",
        indent: 2)
    } else {
      let focused = dateFocused && isMeeting
      let field = dateField
      let fieldWidth = min(28, max(8, width - 4))
      let block: (inout MeetingPage) -> Void = { p in
        p.widget(rows: 1) { g, top in
          if focused { g.put(context.unicode ? "▶" : ">", row: top, column: 0, style: .bold) }
          field.draw(
            into: &g, row: top, column: 2, width: fieldWidth, style: .underline, focused: focused)
        }
      }
      if focused { page.focus(block) } else { block(&page) }
      page.text(dateHint(context: context), style: .dim, indent: 2)
      if let suggested = context.settings.sameWeekNextTerm(as: draft.date) {
        page.text(
          "Suggested: the same week next term, \(MeetingText.day(suggested)).", style: .dim,
          indent: 2)
      }
    }
    page.blank()
    page.text("Actions agreed", style: .bold)
    if draft.actions.isEmpty {
      page.text("None yet: a adds one (what, who, by when).", style: .dim, indent: 4)
    }
    for (i, a) in draft.actions.enumerated() {
      let line = "\(i + 1). " + MeetingText.action(a)
      if !dateFocused || removing, i == selected {
        page.focus { $0.text(line, style: .reverse, indent: 4, marker: true) }
      } else {
        page.text(line, indent: 4)
      }
    }
  }

  var isMeeting: Bool {
    if case .meeting = mode { return true }
    return false
  }

  /// What the date typed means ("Tue 09/03/2027 (in 100 days)"), or why it is not a date.
  func dateHint(context: EditorContext) -> String {
    let text = dateField.text.trimmingCharacters(in: .whitespaces)
    if text.isEmpty { return "No date yet: 31/12/2026, +12w or next term." }
    switch DateEntry.parse(text, today: context.today, settings: context.settings) {
    case .success(let day): return DateEntry.describe(day, today: context.today)
    case .failure(let error): return error.description
    }
  }

  func summaryPage(_ page: inout MeetingPage) {
    let missing = draft.missing(for: pupil)
    if !missing.isEmpty {
      page.text("Still to settle before it can be recorded:", style: .bold)
      for m in missing { page.text("• " + m, indent: 2) }
      page.blank()
    }
    page.text(
      "\(pupil.displayName) — review meeting, \(MeetingText.day(draft.date)), cycle \(draft.cycleID)",
      style: .bold)
    page.blank()
    for section in MeetingReadBack(draft: draft, pupil: pupil).sections {
      page.text(section.heading, style: .bold.adding(.underline))
      for line in section.lines {
        page.text(
          line.text, style: line.bold ? .bold : line.dim ? .dim : .plain, indent: line.indent)
      }
      page.blank()
    }
  }

  // MARK: Keys shown

  public func footerHints(width: Int) -> String {
    let pairs: [(String, String)]
    switch mode {
    case .resume(let stale, let canStart):
      pairs =
        stale == nil
        ? [("r", "resume"), ("s", "start again"), ("Esc", "cancel")]
        : canStart
          ? [("s", "start again"), ("Esc", "cancel")] : [("a", "abandon"), ("Esc", "cancel")]
    case .pause: pairs = [("p", "pause"), ("a", "abandon"), ("k", "keep going")]
    case .confirmAbandon: pairs = [("a", "abandon it"), ("k", "keep the meeting")]
    case .person, .action:
      pairs = [
        ("Enter", "choose or next"), ("Tab", "next field"), ("Ctrl-S", "keep"), ("Esc", "cancel"),
      ]
    case .note: pairs = [("Enter", "keep the note"), ("Esc", "cancel"), ("Ctrl-O", "editor")]
    case .meeting:
      switch draft.screen {
      case .present:
        pairs = [
          ("a", "add"), ("e", "edit"), ("d", "remove"), ("Enter", "continue"), ("Esc", "pause"),
          ("?", "help"),
        ]
      case .outcomes:
        pairs = [
          ("n", "note"), ("←/→", "outcome"), ("Enter", "next"), ("Esc", "back"), ("?", "help"),
        ]
      case .views:
        pairs = [("Tab", "next field"), ("Ctrl-N", "next screen"), ("Esc", "back"), ("F1", "help")]
      case .decision:
        pairs = [
          ("1–5", "decide"), ("+ = -", "progress"), ("Enter", "continue"), ("Esc", "back"),
          ("?", "help"),
        ]
      case .next:
        pairs =
          dateFocused && !removing
          ? [("Enter", "set the date"), ("Tab", "actions"), ("Esc", "back"), ("F1", "help")]
          : [
            ("a", "add"), ("e", "edit"), ("d", "remove"), ("Enter", "continue"), ("Esc", "back"),
            ("?", "help"),
          ]
      case .summary:
        pairs = [("Enter", "record"), ("↑/↓", "scroll"), ("Esc", "back"), ("?", "help")]
      }
    }
    var line = ""
    for (key, what) in pairs {
      let hint = "\(key) \(what)"
      let next = line.isEmpty ? hint : line + "  " + hint
      guard next.displayWidth <= width else { break }
      line = next
    }
    return line
  }

  public var helpLines: [String] {
    Self.keys.helpLines(measure: { $0.displayWidth }) + [
      "",
      "In the views and the next review date the keys type; Tab, Shift-Tab,",
      "Ctrl-N, Ctrl-S and Esc still move on. Ctrl-O edits a view in $EDITOR.",
      "Alt-U undoes your last saved step; Ctrl-R redoes it.",
      "The meeting is kept as it goes: Esc on the first screen pauses it (R",
      "resumes it) or abandons it (nothing is kept).",
    ]
  }
}
