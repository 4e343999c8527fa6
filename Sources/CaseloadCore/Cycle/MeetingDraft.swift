/// A review meeting in progress: everything said so far, kept as it is typed so the meeting can be paused and
/// resumed (or survive a closed laptop) and, when confirmed, recorded in one step.
public struct MeetingDraft: Hashable, Codable, Sendable {
  /// The screens of a meeting, in order.
  public enum Screen: String, Codable, Sendable, CaseIterable {
    case present, outcomes, views, decision, next, summary
  }

  public var pupilID: AggregateID
  /// The cycle under review.
  public var cycleID: Int
  public var date: Day
  public var screen: Screen
  /// Which outcome the outcomes screen is on.
  public var outcomeIndex: Int
  public var present: [Participant]
  public var ratings: [OutcomeRating]
  public var progress: Progress?
  public var pupilViews: String
  public var parentViews: String
  public var supportRight: String
  public var decision: ReviewDecision?
  public var nextReview: Day?
  public var actions: [ReviewAction]

  /// A meeting starting today on the pupil's current cycle, with the plan's participants as the first guess of
  /// who is present and the school's default next review date.
  public init(pupil: Pupil, date: Day, settings: SchoolSettings) {
    pupilID = pupil.id
    cycleID = pupil.currentCycle?.id ?? 0
    self.date = date
    screen = .present
    outcomeIndex = 0
    present = pupil.currentCycle?.plan.participants ?? []
    ratings = []
    // This review's views start empty: last term's, from the plan, are shown beside them, not put in their words.
    pupilViews = ""
    parentViews = ""
    supportRight = ""
    nextReview = settings.sameWeekNextTerm(as: date)
    actions = []
  }

  public func rating(for outcomeID: Int) -> OutcomeRating? {
    ratings.first { $0.outcomeID == outcomeID }
  }

  /// Sets (or clears, with nil) the rating of an outcome, keeping its note.
  public mutating func rate(_ outcomeID: Int, _ rating: Rating?, note: String? = nil) {
    let old = self.rating(for: outcomeID)
    ratings.removeAll { $0.outcomeID == outcomeID }
    if let rating {
      ratings.append(
        OutcomeRating(outcomeID: outcomeID, rating: rating, note: note ?? old?.note ?? ""))
    }
  }

  /// What is still missing before the meeting can be recorded, in the order of the screens; empty when ready.
  public func missing(for pupil: Pupil) -> [String] {
    var out: [String] = []
    guard let cycle = pupil.cycles.first(where: { $0.id == cycleID }) else {
      return ["The cycle under review no longer exists."]
    }
    if present.isEmpty { out.append("Say who is present.") }
    for (n, o) in cycle.plan.outcomes.enumerated() where rating(for: o.id) == nil {
      out.append("Rate outcome \(n + 1) (\(Text.excerpt(o.text))).")
    }
    if progress == nil { out.append("Say how progress compares with what was expected.") }
    if decision == nil { out.append("Choose the decision.") }
    if opensNextCycle(for: pupil) {
      if let nextReview {
        if nextReview <= date {
          out.append("The next review (\(nextReview.british)) must come after this meeting.")
        }
      } else {
        out.append("Set the next review date.")
      }
    }
    return out
  }

  /// Whether the decision starts another cycle, which the next review date belongs to (not when the pupil leaves
  /// the register: a decision to remove, or to step down from monitoring).
  public func opensNextCycle(for pupil: Pupil) -> Bool {
    guard let decision else { return true }
    return decision.consequences(for: pupil, on: date).contains {
      if case .startCycle = $0 { true } else { false }
    }
  }

  /// The edits that record the meeting, applied in order as one step: the cycle moved to review if support was
  /// still running, the review with its ratings, views, decision, who was there and the actions; the meeting as
  /// a contact (a parent meeting when a parent or carer was there); what the decision sets in motion (the next
  /// cycle carrying forward outcomes not achieved, a change of status, an EHC request); and the next review date
  /// on the new cycle.
  public func edits(for pupil: Pupil) throws(EditError) -> [PupilEdit] {
    let gaps = missing(for: pupil)
    guard gaps.isEmpty, let progress, let decision else {
      throw EditError("The meeting is not finished: " + gaps.joined(separator: " "))
    }
    guard let cycle = pupil.currentCycle, cycle.id == cycleID, !cycle.isClosed else {
      throw EditError(
        "Cycle \(cycleID) is no longer the open cycle; someone may have recorded its review already."
      )
    }
    var edits: [PupilEdit] = []
    if cycle.stage == .do { edits.append(.enterStage(.review, on: date)) }
    let ratings = cycle.plan.outcomes.compactMap { rating(for: $0.id) }
    edits.append(
      .recordReview(
        Review(
          date: date, ratings: ratings, progress: progress, pupilViews: pupilViews,
          parentViews: parentViews, supportRight: supportRight, decision: decision,
          participants: present, actions: actions)))
    let names = present.map { $0.name.isEmpty ? $0.role.title : "\($0.name) (\($0.role.title))" }
    edits.append(
      .log(
        LogEntry(
          kind: .meeting, date: date, who: names.joined(separator: ", "),
          withParents: present.contains { $0.role == .parentCarer },
          summary: "Review meeting for cycle \(cycleID): \(decision.title).",
          action: actions.map { "\($0.owner): \($0.text)" }.joined(separator: "; "))))
    let following = decision.consequences(for: pupil, on: date)
    edits += following
    if let nextReview,
      following.contains(where: { if case .startCycle = $0 { true } else { false } })
    {
      edits.append(.setReviewDate(nextReview))
    }
    return edits
  }
}

extension SchoolSettings {
  /// The same weekday of the same week of the next term: the default date of the next review. A day in a holiday
  /// counts from the term that follows; the week is cut to the next term's length.
  public func sameWeekNextTerm(as day: Day) -> Day? {
    let year = SchoolYear(containing: day)
    let all = (terms(for: year.previous) + terms(for: year) + terms(for: year.next))
      .sorted { $0.start < $1.start }
    guard let i = all.firstIndex(where: { day <= $0.end }), i + 1 < all.count else { return nil }
    let current = all[i]
    let next = all[i + 1]
    let mondayOfCurrent = current.start.adding(days: 1 - current.start.isoWeekday)
    let week = max(0, mondayOfCurrent.days(until: day)) / 7
    let weekday = day.isoWeekday
    let mondayOfNext = next.start.adding(days: 1 - next.start.isoWeekday)
    var target = mondayOfNext.adding(days: week * 7 + weekday - 1)
    if target < next.start { target = next.start }
    while target > next.end { target = target.adding(days: -7) }
    return target
  }
}
