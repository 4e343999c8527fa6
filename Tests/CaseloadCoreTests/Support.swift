import Testing

@testable import CaseloadCore

/// A day from an ISO date written in a test; the strings are all valid, so a failure here is a typo.
func d(_ iso: String) -> Day {
  guard let day = Day(iso: iso) else {
    Issue.record("Bad test date \(iso)")
    return Day(ordinal: 0)
  }
  return day
}

/// Applies edits in order, failing the test with the refusal's message if any is refused.
func applying(_ edits: [PupilEdit], to pupil: Pupil?, today: Day) throws -> Pupil {
  var current = pupil
  for edit in edits { current = try edit.apply(to: current, today: today) }
  return try #require(current)
}

/// The message an edit is refused with, or nil when it is accepted.
func refusal(_ edit: PupilEdit, to pupil: Pupil?, today: Day) -> String? {
  do {
    _ = try edit.apply(to: pupil, today: today)
    return nil
  } catch {
    return error.message
  }
}

/// Invented pupils for the tests.
enum Fixture {
  static let today = d("2025-12-31")

  /// Born 15 October 2014: Year 5 in 2024/25, Year 6 in 2025/26.
  static func oisin(id: String = "p-oisin") -> Pupil {
    Pupil(
      id: AggregateID(id), legalName: PersonName(given: "Oisín", family: "O'Brien"),
      dateOfBirth: d("2014-10-15"))
  }

  /// Born on a leap day.
  static func zoe() -> Pupil {
    Pupil(
      id: AggregateID("p-zoe"), legalName: PersonName(given: "Zoë", family: "Adeyemi-Hart"),
      dateOfBirth: d("2016-02-29"))
  }

  /// Oisín on SEN support (K, SPLD) since 9 September 2024.
  static func onSupport(needs: [NeedType] = [.SPLD], from start: Day = d("2024-09-09")) throws
    -> Pupil
  {
    try applying(
      [.startSENSupport(on: start, needs: needs, parentsInformed: start)], to: oisin(), today: today
    )
  }

  static func outcome(_ text: String, target: Day? = nil) -> Outcome {
    Outcome(
      area: .cognitionAndLearning, text: text, successCriteria: "Seen in class work",
      targetDate: target)
  }

  /// Takes the pupil's current cycle (or a new one from `start`) through plan, do and review, rating every
  /// outcome `rating` and judging progress `progress`. The review is ten weeks after `start`.
  static func runCycle(
    _ pupil: Pupil, start: Day, progress: Progress, rating: Rating = .notAchieved,
    decision: ReviewDecision = .continue
  ) throws -> Pupil {
    var p = try applying([.startCycle(on: start, carryForward: true)], to: pupil, today: today)
    if p.currentCycle?.plan.outcomes.isEmpty ?? true {
      p = try applying([.addOutcome(outcome("Read a short passage aloud"))], to: p, today: today)
    }
    let review = start.adding(weeks: 10)
    p = try applying(
      [
        .enterStage(.plan, on: start.adding(days: 7)),
        .recordAgreement(Agreement(agreedBy: "Mrs O'Brien", on: start.adding(days: 7))),
        .setReviewDate(review),
        .enterStage(.do, on: start.adding(days: 14)),
        .enterStage(.review, on: review),
      ], to: p, today: today)
    let cycle = try #require(p.currentCycle)
    let ratings = cycle.plan.outcomes.map { OutcomeRating(outcomeID: $0.id, rating: rating) }
    return try applying(
      [
        .recordReview(
          Review(date: review, ratings: ratings, progress: progress, decision: decision))
      ], to: p,
      today: today)
  }
}

/// Most tests read the agenda of a school with the usual phases (nursery, Year 6, Year 11); the phase tests
/// pass their own.
extension Pupil {
  var deadlines: [Deadline] { deadlines(transfers: StatutoryLimits.phaseTransferYears) }
  var openDeadlines: [Deadline] { openDeadlines(transfers: StatutoryLimits.phaseTransferYears) }
  var nextDue: Deadline? { nextDue(transfers: StatutoryLimits.phaseTransferYears) }
  func openDeadlines(on today: Day) -> [Deadline] {
    openDeadlines(on: today, transfers: StatutoryLimits.phaseTransferYears)
  }
  func agenda(on today: Day, pace: MeetingPace) -> [Deadline] {
    agenda(on: today, pace: pace, transfers: StatutoryLimits.phaseTransferYears)
  }
}

extension PupilSummary {
  init(_ p: Pupil) { self.init(p, transfers: StatutoryLimits.phaseTransferYears) }
}
