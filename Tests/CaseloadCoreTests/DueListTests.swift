import Testing

@testable import CaseloadCore

@Suite("What is due")
struct DueListTests {
  let today = d("2026-11-29")

  func summary(_ id: String, _ name: String, left: Day? = nil) -> PupilSummary {
    var s = PupilSummary(
      Pupil(
        id: AggregateID(id), legalName: PersonName(given: name, family: "Example"),
        dateOfBirth: d("2016-05-05")))
    s.left = left
    return s
  }

  @Test func missedAlwaysUpcomingWithinTheWindowClosedWindowsAndLeaversNever() {
    let pupils = [
      summary("a", "Ada"), summary("b", "Ben"), summary("c", "Cal", left: d("2026-07-20")),
    ]
    let deadlines = [
      PupilDeadline(
        pupilID: AggregateID("a"), deadline: Deadline(kind: .planReview, due: d("2026-12-20"))),
      PupilDeadline(
        pupilID: AggregateID("b"), deadline: Deadline(kind: .ehcDecision, due: d("2026-11-20"))),
      PupilDeadline(
        pupilID: AggregateID("b"), deadline: Deadline(kind: .ehcAppeal, due: d("2026-11-01"))),
      PupilDeadline(
        pupilID: AggregateID("a"), deadline: Deadline(kind: .ehcFinalPlan, due: d("2027-03-01"))),
      PupilDeadline(
        pupilID: AggregateID("c"), deadline: Deadline(kind: .planReview, due: d("2026-12-01"))),
    ]
    let urgency = Urgency(today: today, settings: .defaults(today: today))
    let items = DueList.items(
      deadlines: deadlines, pupils: pupils, urgency: urgency, withinDays: 28)
    #expect(items.map(\.pupil.name) == ["Ben Example", "Ada Example"])
    #expect(items.map(\.state) == ["missed by 9 days", "due in 21 days"])
    #expect(items[0].title == "LA decides whether to assess")
    let all = DueList.items(
      deadlines: deadlines, pupils: pupils, urgency: urgency, withinDays: nil)
    #expect(all.map(\.kind) == [.ehcDecision, .planReview, .ehcFinalPlan])
  }

  @Test(
    arguments: [("28", 28), ("28d", 28), ("6w", 42), ("3m", 93), ("all", nil)] as [(String, Int?)])
  func windowsAreRead(text: String, days: Int?) {
    #expect(DueList.window(text) == .some(days))
  }

  @Test func nonsenseWindowsAreNot() {
    for text in ["soon", "-3", "6y", ""] { #expect(DueList.window(text) == nil, "\(text)") }
  }
}
