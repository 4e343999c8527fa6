/// The Code of Practice expects a school to meet the parents of a pupil on SEN support about three times a
/// year: once a term. A pupil is behind when a term ends with fewer meetings held this school year than the
/// terms so far call for; the meeting the current term calls for is due by its last day. So in the first week
/// of September nobody is behind, and one meeting a term keeps a pupil off every list.
public struct MeetingPace: Sendable {
  public let today: Day
  public let perYear: Int
  public let year: SchoolYear
  /// This school year's terms, in order.
  public let terms: [Term]

  public init(today: Day, settings: SchoolSettings) {
    self.today = today
    perYear = max(0, settings.parentMeetingsPerYear)
    let year = SchoolYear(containing: today)
    self.year = year
    let entered = settings.terms.filter { $0.schoolYear == year }.sorted { $0.start < $1.start }
    terms = entered.isEmpty ? DefaultTerms.terms(for: year) : entered
  }

  /// Meetings with parents held this school year, up to today.
  public func held(_ meetings: [Day]) -> Int {
    meetings.lazy.filter { self.year.contains($0) && $0 <= self.today }.count
  }

  /// Only pupils on SEN support (an EHC plan has its annual review instead) who are still at the school.
  public func applies(status: SENStatus?, left: Day?) -> Bool {
    status == .senSupport && left == nil && perYear > 0
  }

  /// The meetings the terms that have ended call for: a pupil who has held fewer is behind.
  public var requiredByNow: Int {
    let count = terms.count
    guard count > 0, perYear > 0 else { return 0 }
    let ended = terms.filter { $0.end < today }.count
    return (perYear * ended + count - 1) / count
  }

  /// The next meeting the pace calls for, once its term has begun: due by that term's last day.
  public func item(held: Int) -> Deadline? {
    let count = terms.count
    guard count > 0, perYear > 0 else { return nil }
    for (i, term) in terms.enumerated() {
      let expected = (perYear * (i + 1) + count - 1) / count
      guard expected > held else { continue }
      guard term.start <= today else { return nil }
      return Deadline(
        kind: .parentMeeting, due: term.end,
        detail: "\(held) of \(perYear) held this school year",
        title: "Meet parents in the \(term.title) term", ref: .contacts)
    }
    return nil
  }

  public func item(for s: PupilSummary) -> Deadline? {
    applies(status: s.status, left: s.left) ? item(held: held(s.parentMeetings)) : nil
  }

  public func item(for p: Pupil) -> Deadline? {
    applies(status: p.status, left: p.left)
      ? item(held: held(p.chronology.filter(\.isParentMeeting).map(\.date))) : nil
  }
}
