import CaseloadCore
import TerminalUI

/// The rows of the timeline, top to bottom.
public enum TimelineLane: Int, CaseIterable, Hashable, Sendable, Comparable {
  case status, cycles, reviews, concerns, ehc, deadlines

  /// "Status", "Cycles", "Reviews", "Concerns", "EHC", "Deadlines"
  public var title: String {
    switch self {
    case .status: return "Status"
    case .cycles: return "Cycles"
    case .reviews: return "Reviews"
    case .concerns: return "Concerns"
    case .ehc: return "EHC"
    case .deadlines: return "Deadlines"
    }
  }

  /// For very narrow screens: "Stat", "Cyc", …
  public var shortTitle: String {
    switch self {
    case .status: return "Stat"
    case .cycles: return "Cyc"
    case .reviews: return "Rev"
    case .concerns: return "Conc"
    case .ehc: return "EHC"
    case .deadlines: return "Due"
    }
  }

  public static func < (a: TimelineLane, b: TimelineLane) -> Bool { a.rawValue < b.rawValue }
}

/// A step of an EHC needs assessment request shown on the timeline.
public enum EHCMilestone: String, Hashable, Sendable, CaseIterable {
  case requested, decision, adviceRequested, adviceReturned, draft, finalPlan, noPlanNotice
  case mediation, appeal, withdrawn
}

/// What a timeline event stands for in the pupil's record: what the app opens on Enter.
public enum TimelineEventID: Hashable, Sendable {
  /// A recorded SEN status period: its index in `Pupil.senPeriods`.
  case senPeriod(index: Int)
  /// A stretch with no SEN period (census N) after a period ended.
  case noSEN(from: Day)
  case cycle(id: Int)
  case review(cycleID: Int)
  /// A concern or contact: `LogEntry.id`.
  case logEntry(id: Int)
  /// A step of the request with this `EHCRequest.id`.
  case ehcRequest(id: Int, milestone: EHCMilestone)
  case ehcPlanIssued
  case ehcAnnualReview(id: Int)
  case ehcPlanCeased
  /// `ref` tells apart entered items of one kind due on one day (two provisions ending together).
  case deadline(kind: DeadlineKind, due: Day, ref: AgendaRef = .none)
}

/// How an event, or a part of one, is drawn.
public enum TimelineMark: Hashable, Sendable {
  /// A SEN status period; nil is no SEN (census N).
  case status(SENStatus?)
  /// A stage of an assess–plan–do–review cycle.
  case stage(Stage)
  case review
  case concern
  case contact
  case parentMeeting
  case ehc
  case deadlineMet
  case deadlineMetLate
  case deadlineMissed
  case deadlineDue
  case deadlineClosed

  /// The character drawn for it: block and box characters and geometric shapes in a UTF-8 terminal, plain
  /// ASCII otherwise.
  public func glyph(unicode: Bool) -> Character {
    switch self {
    case .status(nil): return unicode ? "▁" : "_"
    case .status(.monitoring): return unicode ? "▂" : "-"
    case .status(.senSupport): return unicode ? "▅" : "="
    case .status(.ehcPlan): return unicode ? "█" : "#"
    case .stage(.assess): return unicode ? "┈" : "."
    case .stage(.plan): return unicode ? "─" : "-"
    case .stage(.do): return unicode ? "━" : "="
    case .stage(.review): return unicode ? "═" : "~"
    case .review: return unicode ? "◆" : "*"
    case .concern: return unicode ? "▲" : "^"
    case .contact: return unicode ? "○" : "o"
    case .parentMeeting: return unicode ? "●" : "@"
    case .ehc: return unicode ? "■" : "#"
    case .deadlineMet, .deadlineMetLate: return unicode ? "✓" : "+"
    case .deadlineMissed: return unicode ? "✗" : "!"
    case .deadlineDue: return unicode ? "◇" : ">"
    case .deadlineClosed: return unicode ? "·" : "."
    }
  }

  /// Which of several points in one column is drawn: the one that needs attention most.
  var priority: Int {
    switch self {
    case .deadlineMissed: return 6
    case .deadlineDue: return 5
    case .concern, .parentMeeting, .review, .ehc: return 4
    case .contact, .deadlineMetLate: return 3
    case .deadlineMet: return 2
    default: return 1
    }
  }

  /// "monitoring", "assess", "missed deadline": for the key legend.
  var legendName: String {
    switch self {
    case .status(nil): return "N"
    case .status(.monitoring): return "monitoring"
    case .status(.senSupport): return "K"
    case .status(.ehcPlan): return "E"
    case .stage(let s): return s.rawValue
    case .review: return "review"
    case .concern: return "concern"
    case .contact: return "contact"
    case .parentMeeting: return "parent meeting"
    case .ehc: return "EHC step"
    case .deadlineMet: return "met"
    case .deadlineMetLate: return "met late"
    case .deadlineMissed: return "missed"
    case .deadlineDue: return "due"
    case .deadlineClosed: return "closed"
    }
  }
}

/// A stretch of days drawn with one mark, optionally starting with a letter ("K", "A", "P").
public struct TimelineSegment: Hashable, Sendable {
  public var start: Day
  /// The last day, inclusive.
  public var end: Day
  public var mark: TimelineMark
  public var letter: Character?

  public init(start: Day, end: Day, mark: TimelineMark, letter: Character? = nil) {
    self.start = start
    self.end = max(start, end)
    self.mark = mark
    self.letter = letter
  }
}

/// One thing on the timeline: a point (a review, a contact, a deadline) or a range (a status period, a cycle).
public struct TimelineEvent: Hashable, Sendable, Identifiable {
  public var id: TimelineEventID
  public var lane: TimelineLane
  public var start: Day
  /// The last day, inclusive; `start` for a point. An open range runs to today.
  public var end: Day
  /// How a point is drawn (a range draws its segments).
  public var mark: TimelineMark
  /// The parts of a range, in order; empty for a point.
  public var segments: [TimelineSegment]
  /// A short label: "Review: 2 achieved, 1 partly".
  public var label: String
  /// What the details pane shows, the first line being its heading. Data text is sanitised.
  public var details: [String]

  public var isRange: Bool { !segments.isEmpty }

  /// Whether the event covers a day.
  public func contains(_ day: Day) -> Bool { start <= day && day <= end }

  /// Days from the event to a day: 0 when it covers it.
  func distance(to day: Day) -> Int {
    day < start ? start.ordinal - day.ordinal : day > end ? day.ordinal - end.ordinal : 0
  }
}

/// The events of one pupil's graduated approach on a time line: built once from the record, sorted by date.
public struct TimelineModel: Sendable {
  public let today: Day
  /// Every event, sorted by start day, then lane (top first), then the order they were recorded.
  public let events: [TimelineEvent]
  /// For each lane (by `rawValue`), the indices in `events` of its events, in date order.
  public let laneEvents: [[Int]]
  /// The first and last day anything happens, including today.
  public let firstDay: Day
  public let lastDay: Day
  /// The school's terms for every school year from before `firstDay` to after `lastDay`, in order.
  public let terms: [Term]

  public init(pupil: Pupil, settings: SchoolSettings, today: Day) {
    self.today = today
    var out: [TimelineEvent] = []
    out.reserveCapacity(
      pupil.senPeriods.count * 2 + pupil.cycles.count * 3 + pupil.chronology.count + 16)
    Self.addStatus(pupil, today: today, to: &out)
    Self.addCycles(pupil, today: today, to: &out)
    Self.addChronology(pupil, to: &out)
    Self.addEHC(pupil, today: today, to: &out)
    Self.addDeadlines(pupil, today: today, transfers: settings.transferYears, to: &out)

    let order = out.indices.sorted { a, b in
      (out[a].start, out[a].lane.rawValue, a) < (out[b].start, out[b].lane.rawValue, b)
    }
    let events = order.map { out[$0] }
    self.events = events
    var lanes = Array(repeating: [Int](), count: TimelineLane.allCases.count)
    for (index, event) in events.enumerated() { lanes[event.lane.rawValue].append(index) }
    laneEvents = lanes
    firstDay = min(events.first?.start ?? today, today)
    lastDay = max(events.reduce(today) { max($0, $1.end) }, today)

    var terms: [Term] = []
    var year = SchoolYear(containing: firstDay).previous
    let last = SchoolYear(containing: lastDay).next
    while year <= last {
      terms += settings.terms(for: year)
      year = year.next
    }
    self.terms = terms.sorted { $0.start < $1.start }
  }

  /// The index of the event whose date (its start) is nearest `day`; the earlier of two as near.
  public func nearest(to day: Day) -> Int? {
    guard !events.isEmpty else { return nil }
    var low = 0
    var high = events.count
    while low < high {
      let mid = (low + high) / 2
      if events[mid].start < day { low = mid + 1 } else { high = mid }
    }
    // `low` is the first event on or after the day; the one before it is the last one before.
    guard low < events.count else { return events.count - 1 }
    guard low > 0 else { return 0 }
    let before = events[low - 1].start
    let after = events[low].start
    if day.ordinal - before.ordinal <= after.ordinal - day.ordinal {
      // The first event of that day, so ties go to the top lane.
      var first = low - 1
      while first > 0 && events[first - 1].start == before { first -= 1 }
      return first
    }
    return low
  }

  // MARK: - Building

  private static func clean(_ text: String) -> String { text.sanitisedForTerminal }

  private static func date(_ day: Day) -> String { "\(day.shortWeekdayName) \(day.british)" }

  private static func weeks(_ from: Day, _ to: Day) -> String {
    let days = from.days(until: to)
    if days < 14 { return "\(days) day\(days == 1 ? "" : "s")" }
    return "\(days / 7) weeks"
  }

  private static func statusTitle(_ status: SENStatus?) -> String {
    switch status {
    case nil: return "No SEN (census N)"
    case .monitoring: return "Monitoring (census N)"
    case .senSupport: return "SEN support (census K)"
    case .ehcPlan: return "EHC plan (census E)"
    }
  }

  private static func statusLetter(_ status: SENStatus?) -> Character {
    switch status {
    case nil: return "N"
    case .monitoring: return "M"
    case .senSupport: return "K"
    case .ehcPlan: return "E"
    }
  }

  static func addStatus(_ pupil: Pupil, today: Day, to out: inout [TimelineEvent]) {
    let periods = pupil.senPeriods.enumerated().sorted { $0.element.start < $1.element.start }
    func noSEN(from: Day, to end: Day, until: String) {
      out.append(
        TimelineEvent(
          id: .noSEN(from: from), lane: .status, start: from, end: end, mark: .status(nil),
          segments: [TimelineSegment(start: from, end: end, mark: .status(nil), letter: "N")],
          label: "No SEN",
          details: [
            "\(statusTitle(nil)): \(from.british) \(until)",
            "Off the SEN register; still in the school's records.",
          ]))
    }
    for (k, (index, period)) in periods.enumerated() {
      let end = period.end ?? max(period.start, today)
      var details: [String] = []
      if let closed = period.end {
        details.append(
          "\(statusTitle(period.status)): \(period.start.british) to \(closed.british) (\(weeks(period.start, closed)))"
        )
      } else {
        details.append(
          "\(statusTitle(period.status)): since \(date(period.start)) (\(weeks(period.start, max(period.start, today))))"
        )
      }
      if !period.needs.isEmpty {
        details.append(
          "Needs: "
            + period.needs.enumerated().map {
              "\($0.element.rawValue) (\($0.offset == 0 ? "primary" : "secondary"))"
            }.joined(separator: ", "))
      }
      if period.status == .senSupport {
        details.append(
          period.parentsInformed.map { "Parents told: \($0.british)" } ?? "Parents not yet told")
      }
      out.append(
        TimelineEvent(
          id: .senPeriod(index: index), lane: .status, start: period.start, end: end,
          mark: .status(period.status),
          segments: [
            TimelineSegment(
              start: period.start, end: end, mark: .status(period.status),
              letter: statusLetter(period.status))
          ],
          label: period.status.title.prefix(1).uppercased() + period.status.title.dropFirst(),
          details: details))
      guard let closed = period.end else { continue }
      if k + 1 < periods.count {
        let next = periods[k + 1].element.start
        if next.ordinal > closed.ordinal + 1 {
          noSEN(
            from: closed.adding(days: 1), to: next.adding(days: -1), until: "to \(next.british)")
        }
      } else if closed < today {
        noSEN(from: closed.adding(days: 1), to: today, until: "onwards")
      }
    }
  }

  /// "2 achieved, 1 partly", in the order of the scale.
  static func ratingSummary(_ ratings: [OutcomeRating]) -> String {
    guard !ratings.isEmpty else { return "no outcomes rated" }
    var counts: [Rating: Int] = [:]
    for r in ratings { counts[r.rating, default: 0] += 1 }
    let order: [Rating] =
      [.achieved, .partlyAchieved, .notAchieved] + (-2...2).reversed().map { .scale($0) }
    return order.compactMap { rating in
      counts[rating].map { n in
        switch rating {
        case .achieved: return "\(n) achieved"
        case .partlyAchieved: return "\(n) partly"
        case .notAchieved: return "\(n) not yet"
        case .scale: return "\(n) at \(rating.title)"
        }
      }
    }.joined(separator: ", ")
  }

  static func addCycles(_ pupil: Pupil, today: Day, to out: inout [TimelineEvent]) {
    let count = pupil.cycles.count
    for (position, cycle) in pupil.cycles.enumerated() {
      let entered = Stage.allCases.compactMap { s in cycle.entered(s).map { (s, $0) } }
      let last = cycle.closed ?? max(entered.last?.1 ?? cycle.assessFrom, today)
      var segments: [TimelineSegment] = []
      for (i, (stage, from)) in entered.enumerated() {
        let to = i + 1 < entered.count ? max(from, entered[i + 1].1.adding(days: -1)) : last
        segments.append(
          TimelineSegment(
            start: from, end: to, mark: .stage(stage), letter: stage.title.first))
      }
      let end = max(cycle.assessFrom, last)
      let state =
        cycle.closed.map { "reviewed \($0.british)" } ?? "at \(cycle.stage.rawValue), open"
      var details = [
        "Cycle \(position + 1) of \(count): \(cycle.assessFrom.british) to \(cycle.closed?.british ?? "now"), \(state)",
        entered.map { "\($0.0.title) \($0.1.british)" }.joined(separator: ", "),
      ]
      if let due = cycle.plan.reviewDate { details.append("Review date: \(date(due))") }
      if let a = cycle.plan.agreement {
        details.append("Agreed by \(clean(a.agreedBy)) on \(a.on.british)")
      }
      details.append(
        "Outcomes: \(cycle.plan.outcomes.count); provision: \(cycle.plan.provision.count)")
      for (i, o) in cycle.plan.outcomes.enumerated() {
        details.append("\(i + 1). \(clean(o.text))")
      }
      for v in cycle.plan.provision { details.append("- \(clean(v.intervention))") }
      out.append(
        TimelineEvent(
          id: .cycle(id: cycle.id), lane: .cycles, start: cycle.assessFrom, end: end,
          mark: .stage(cycle.stage),
          segments: segments.isEmpty
            ? [TimelineSegment(start: cycle.assessFrom, end: end, mark: .stage(.assess))]
            : segments,
          label: "Cycle \(position + 1)", details: details))

      guard let review = cycle.review else { continue }
      let summary = ratingSummary(review.ratings)
      var lines = [
        "Review of cycle \(position + 1): \(date(review.date))",
        "Decision: \(review.decision.title)",
        "Progress: \(review.progress.title)",
        "Outcomes: \(summary)",
      ]
      let outcomes = cycle.plan.outcomes
      for (i, r) in review.ratings.enumerated() {
        let number = outcomes.firstIndex(where: { $0.id == r.outcomeID })
        let text = number.map { clean(outcomes[$0].text) } ?? "outcome \(r.outcomeID)"
        let note = r.note.isEmpty ? "" : " (\(clean(r.note)))"
        lines.append("\((number ?? i) + 1). \(r.rating.title): \(text)\(note)")
      }
      if !review.pupilViews.isEmpty { lines.append("Pupil: \(clean(review.pupilViews))") }
      if !review.parentViews.isEmpty { lines.append("Parents: \(clean(review.parentViews))") }
      if !review.supportRight.isEmpty {
        lines.append("Is the support right: \(clean(review.supportRight))")
      }
      if !review.participants.isEmpty {
        lines.append(
          "Present: "
            + review.participants.map { "\(clean($0.name)) (\($0.role.title))" }.joined(
              separator: ", "))
      }
      out.append(
        TimelineEvent(
          id: .review(cycleID: cycle.id), lane: .reviews, start: review.date, end: review.date,
          mark: .review, segments: [], label: "Review: \(summary)", details: lines))
    }
  }

  static func addChronology(_ pupil: Pupil, to out: inout [TimelineEvent]) {
    for entry in pupil.chronology {
      let mark: TimelineMark
      let kind: String
      if entry.kind == .concern {
        mark = .concern
        kind = "Concern"
      } else if entry.isParentMeeting {
        mark = .parentMeeting
        kind = "Parent meeting"
      } else {
        mark = .contact
        kind = entry.kind.title.prefix(1).uppercased() + entry.kind.title.dropFirst()
      }
      let who = clean(entry.who)
      let summary = clean(entry.summary)
      var details = ["\(kind): \(date(entry.date))"]
      if !who.isEmpty {
        details.append((entry.kind == .concern ? "Raised by: " : "With: ") + who)
      }
      if entry.withParents && !entry.isParentMeeting { details.append("Parents took part") }
      if !summary.isEmpty { details.append("Summary: \(summary)") }
      let action = clean(entry.action)
      if !action.isEmpty { details.append("Action: \(action)") }
      if let f = entry.followUp { details.append("Follow-up: \(date(f))") }
      out.append(
        TimelineEvent(
          id: .logEntry(id: entry.id), lane: .concerns, start: entry.date, end: entry.date,
          mark: mark, segments: [], label: summary.isEmpty ? kind : "\(kind): \(summary)",
          details: details))
    }
  }

  static func requestLines(_ r: EHCRequest, today: Day) -> [String] {
    var lines = [
      "Requested by \(r.requestedBy == .school ? "the school" : "parents"): \(r.requested.british)"
    ]
    if let decided = r.decisionDate {
      lines.append(
        "LA decision: \(r.decision.map { $0 == .assess ? "assess" : "refuse" } ?? "recorded") on \(decided.british) (due \(r.decideBy.british))"
      )
    } else {
      lines.append(
        "LA decision: "
          + Deadline(kind: .ehcDecision, due: r.decideBy).status(on: today).description
          + " (\(r.decideBy.british))")
    }
    if let asked = r.adviceRequested {
      lines.append(
        "Advice: asked \(asked.british), "
          + (r.adviceReturned.map { "returned \($0.british)" } ?? "not yet returned"))
    }
    if let d = r.draftIssued { lines.append("Draft plan: \(d.british)") }
    if let f = r.finalPlanIssued {
      lines.append("Final plan: \(f.british)")
    } else if r.decision == .assess && r.noPlanNotice == nil && r.withdrawn == nil {
      lines.append("Final plan due by \(r.finalPlanBy.british)")
    }
    if let n = r.noPlanNotice { lines.append("Notice of no plan: \(n.british)") }
    if let a = r.appealLodged { lines.append("Appeal lodged: \(a.british)") }
    if let w = r.withdrawn { lines.append("Withdrawn: \(w.british)") }
    return lines
  }

  static func addEHC(_ pupil: Pupil, today: Day, to out: inout [TimelineEvent]) {
    func add(_ id: TimelineEventID, _ day: Day, _ label: String, _ details: [String]) {
      out.append(
        TimelineEvent(
          id: id, lane: .ehc, start: day, end: day, mark: .ehc, segments: [], label: label,
          details: ["\(label): \(date(day))"] + details))
    }
    for r in pupil.ehc.requests {
      let lines = requestLines(r, today: today)
      let steps: [(EHCMilestone, Day?, String)] = [
        (.requested, r.requested, "EHC needs assessment requested"),
        (
          .decision, r.decisionDate,
          r.decision == .refuse ? "LA refused to assess" : "LA decided to assess"
        ),
        (.adviceRequested, r.adviceRequested, "Professionals' advice requested"),
        (.adviceReturned, r.adviceReturned, "Advice returned"),
        (.draft, r.draftIssued, "Draft EHC plan issued"),
        (.finalPlan, r.finalPlanIssued, "Final EHC plan issued"),
        (.noPlanNotice, r.noPlanNotice, "LA notice: no plan will be issued"),
        (.mediation, r.mediationCertificate, "Mediation certificate issued"),
        (.appeal, r.appealLodged, "Appeal lodged"),
        (.withdrawn, r.withdrawn, "Request withdrawn"),
      ]
      for (milestone, day, label) in steps {
        guard let day else { continue }
        add(.ehcRequest(id: r.id, milestone: milestone), day, label, lines)
      }
    }
    guard let plan = pupil.ehc.plan else { return }
    if !pupil.ehc.requests.contains(where: { $0.finalPlanIssued == plan.issued }) {
      let held = plan.held.map { h in
        ["Issued by \(clean(h.authority)); recorded as held on \(h.recorded.british)"]
          + (h.lastReview.map { ["Last annual review before Caseload: \($0.british)"] } ?? [])
      }
      add(.ehcPlanIssued, plan.issued, "EHC plan issued", held ?? [])
    }
    for review in plan.reviews {
      var lines: [String] = []
      if let d = review.invitationsSent { lines.append("Invitations sent: \(d.british)") }
      if let d = review.reportSent { lines.append("School's report sent: \(d.british)") }
      if let o = review.laDecision {
        lines.append(
          "LA decision: \(o.rawValue)" + (review.laDecisionDate.map { " on \($0.british)" } ?? ""))
      }
      if let d = review.amendmentsProposed { lines.append("Amendments proposed: \(d.british)") }
      if let d = review.amendedPlanIssued { lines.append("Amended plan issued: \(d.british)") }
      add(.ehcAnnualReview(id: review.id), review.meeting, "EHC plan annual review", lines)
    }
    if let ceased = plan.ceased {
      add(.ehcPlanCeased, ceased, "EHC plan ceased", ["Issued \(plan.issued.british)"])
    }
  }

  /// The pupil's agenda items, met or not: what is due ahead, and what was done (or missed) behind.
  static func addDeadlines(
    _ pupil: Pupil, today: Day, transfers: [Int], to out: inout [TimelineEvent]
  ) {
    for deadline in pupil.deadlines(transfers: transfers) {
      let status = deadline.status(on: today)
      let mark: TimelineMark
      switch status {
      case .met: mark = .deadlineMet
      case .metLate: mark = .deadlineMetLate
      case .missed: mark = .deadlineMissed
      case .due: mark = .deadlineDue
      case .closed: mark = .deadlineClosed
      }
      let title = deadline.title.prefix(1).uppercased() + deadline.title.dropFirst()
      var details = [
        "Deadline: \(title)",
        "Due: \(date(deadline.due))",
        "Status: \(status.description)",
      ]
      if !deadline.detail.isEmpty { details.append("For: \(clean(deadline.detail))") }
      if !deadline.owner.isEmpty { details.append("Who: \(clean(deadline.owner))") }
      out.append(
        TimelineEvent(
          id: .deadline(
            kind: deadline.kind, due: deadline.due,
            ref: deadline.kind.isMarkedDone ? deadline.ref : .none), lane: .deadlines,
          start: deadline.due, end: deadline.due, mark: mark, segments: [],
          label: "\(title): \(status.description)", details: details))
    }
  }
}
