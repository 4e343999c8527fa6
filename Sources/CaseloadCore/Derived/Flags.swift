import Foundation

extension Pupil {
  /// The review date of the current plan, while its cycle is still open.
  public var nextReviewDate: Day? {
    guard let cycle = currentCycle, !cycle.isClosed else { return nil }
    return cycle.plan.reviewDate
  }

  public func isReviewOverdue(on today: Day) -> Bool {
    guard !hasLeft, let due = nextReviewDate else { return false }
    return due < today
  }

  public func isReviewDue(on today: Day, within days: Int) -> Bool {
    guard !hasLeft, let due = nextReviewDate else { return false }
    return due >= today && today.days(until: due) <= days
  }

  /// Meetings with parents in the school year that `today` falls in, up to `today`.
  public func parentMeetings(schoolYearOf today: Day) -> Int {
    let year = SchoolYear(containing: today)
    return chronology.filter { $0.isParentMeeting && year.contains($0.date) && $0.date <= today }
      .count
  }

  /// Reviews since the current SEN support began that judged progress less than expected.
  public var lessThanExpectedReviews: Int {
    guard let period = openPeriod, period.status == .senSupport else { return 0 }
    return cycles.filter {
      ($0.review.map { $0.date >= period.start && $0.progress == .lessThanExpected }) ?? false
    }
    .count
  }

  /// On SEN support with two or more reviews showing less than expected progress, and no EHC request
  /// or plan yet: a pupil the local authority would expect to be considered for an EHC needs assessment.
  public var isEscalationCandidate: Bool {
    !hasLeft && lessThanExpectedReviews >= 2 && ehc.openRequest == nil && ehc.plan == nil
  }

  /// Deadlines with no date met, soonest first (leavers have none). Those met on a date still ahead are open
  /// too until that day: `openDeadlines(on:transfers:)` asks with the day.
  public func openDeadlines(transfers: [Int]) -> [Deadline] {
    hasLeft ? [] : deadlines(transfers: transfers).filter { $0.met == nil }
  }

  /// The agenda items open on `today`: not met, or met on a date still ahead.
  public func openDeadlines(on today: Day, transfers: [Int]) -> [Deadline] {
    hasLeft ? [] : deadlines(transfers: transfers).filter { $0.status(on: today).isOpen }
  }

  /// The entered items (follow-ups, actions, provision ends) open on `today`: what can be marked done.
  public func openEnteredItems(on today: Day) -> [Deadline] {
    hasLeft ? [] : enteredItems.filter { $0.status(on: today).isOpen }
  }

  static func booked(in deadlines: [Deadline]) -> BookedItem? {
    let met = deadlines.compactMap { d in d.kind.isWindow ? nil : d.met.map { (met: $0, item: d) } }
    guard let latest = met.max(by: { ($0.met, $1.item.due) < ($1.met, $0.item.due) }) else {
      return nil
    }
    return BookedItem(due: latest.item.due, kind: latest.item.kind, until: latest.met)
  }

  /// The soonest date something is due.
  /// Windows (comments, appeals) are left out: they close by themselves.
  public func nextDue(transfers: [Int]) -> Deadline? {
    Self.nextDue(in: openDeadlines(transfers: transfers))
  }

  static func nextDue(in open: [Deadline]) -> Deadline? {
    open.filter { !$0.kind.isWindow }.min { $0.due < $1.due }
  }

  /// The cost of provision in the plans of cycles begun in the school year of `day`, to set against the
  /// school's notional threshold.
  public func provisionCost(schoolYearOf day: Day) -> Money {
    let year = SchoolYear(containing: day)
    return cycles.filter { year.contains($0.assessFrom) }.reduce(Money.zero) {
      $0 + $1.plan.totalCost
    }
  }

  /// The APDR stage shown in lists: the current cycle's, or nil between cycles.
  public var currentStage: Stage? {
    guard let cycle = currentCycle, !cycle.isClosed else { return nil }
    return cycle.stage
  }
}
