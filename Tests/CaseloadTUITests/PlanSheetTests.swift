import CaseloadCore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import CaseloadText

/// The plan sheet as `caseload plan` prints it, for invented pupils built directly.
@Suite struct PlanSheetTests {
  let today = Day(iso: "2026-11-29")!

  func day(_ iso: String) -> Day { Day(iso: iso)! }

  /// Zoë, born on a leap day (Year 6 in 2026/27), on SEN support with a second cycle at the do stage in 2026/27.
  func zoe() -> Pupil {
    var p = Pupil(
      id: AggregateID("pplan1"), legalName: PersonName(given: "Zoë", family: "Núñez-O'Connor"),
      dateOfBirth: day("2016-02-29"), upn: "A123456789012", registrationGroup: "6É")
    p.senPeriods = [
      SENPeriod(
        status: .senSupport, start: day("2025-01-06"), needs: [.SLCN, .SPLD],
        parentsInformed: day("2025-01-06"))
    ]
    var first = Cycle(id: 1, started: day("2026-09-02"))
    first.plan.provision = [
      Provision(
        intervention: "Speech and language group", sessionsPerWeek: 5, minutesPerSession: 20,
        weeks: 38, staffRole: "Teaching assistant", hourlyRate: Money(pence: 1_650))
    ]
    first.closed = day("2026-10-14")
    var c = Cycle(id: 2, started: day("2026-10-14"))
    c.stage = .do
    c.planFrom = day("2026-10-21")
    c.doFrom = day("2026-11-02")
    c.plan = SupportPlan(
      profile: PupilProfile(
        strengths: "Loves drawing; a kind friend to Siân and José.",
        needs: "Word finding and following spoken instructions.",
        whatWorks: "Visual timetable.\nInstructions broken into steps.",
        whatDoesNot: ""),
      outcomes: [
        Outcome(
          id: 3, area: .communicationAndInteraction,
          text: "Zoë will follow a two-step instruction in class without a reminder.",
          successCriteria: "4 out of 5 observed instructions followed.",
          targetDate: day("2027-02-12")),
        Outcome(
          id: 4, area: .cognitionAndLearning,
          text: "Zoë will read the Year 4 common exception words."),
      ],
      provision: [
        Provision(
          id: 5, intervention: "Lego-based therapy", deliveredBy: "Mrs Brontë", sessionsPerWeek: 2,
          minutesPerSession: 45, groupSize: 6, weeks: 12, staffRole: "HLTA",
          hourlyRate: Money(pence: 1_950)),
        Provision(
          id: 6, intervention: "Précis of the week's vocabulary", sessionsPerWeek: 3,
          minutesPerSession: 30, groupSize: 4, weeks: 10, staffRole: "Teaching assistant",
          hourlyRate: Money(pence: 1_650)),
      ],
      strategies: ["Seat near the front", "Key words on a mat"],
      participants: [
        Participant(role: .senco, name: "Mrs H Greenhow"),
        Participant(role: .parentCarer, name: "Siobhán Núñez (mother)"),
        Participant(role: .pupil, name: "Zoë"),
      ],
      pupilVoice: "I like Lego club.\nI don't like reading out loud.",
      parentViews: "",
      agreement: Agreement(agreedBy: "Siobhán Núñez and Zoë", on: day("2026-10-21")),
      reviewDate: day("2026-12-15"),
      trainingNeeds: "")
    p.cycles = [first, c]
    return p
  }

  func lines(_ pupil: Pupil, settings: SchoolSettings = SchoolSettings()) -> [String] {
    var out = Output(colour: false)
    PlanSheet(pupil: pupil, today: today, settings: settings).render(into: &out)
    return out.text.components(separatedBy: "\n")
  }

  @Test func aPlanInProgressShowsEveryPart() {
    let expected = [
      "Zoë Núñez-O'Connor",
      "  born 29/02/2016 (age 10), Year 6, class 6É, UPN A123456789012, id pplan1",
      "  SEN support (census K) since 06/01/2025",
      "  Primary need: SLCN — speech, language and communication needs",
      "  Secondary need: SPLD — specific learning difficulty",
      "",
      "SEN support plan — cycle 2 of 2, at do",
      "  assess 14/10/2026 → plan 21/10/2026 → do 02/11/2026",
      "",
      "Pupil profile",
      "  Strengths: Loves drawing; a kind friend to Siân and José.",
      "  Needs: Word finding and following spoken instructions.",
      "  What works: Visual timetable.",
      "    Instructions broken into steps.",
      "  What does not work: not recorded",
      "",
      "Outcomes",
      "  1. Zoë will follow a two-step instruction in class without a reminder.",
      "     Area of need: communication and interaction",
      "     Success criteria: 4 out of 5 observed instructions followed.",
      "     Target date: 12/02/2027",
      "  2. Zoë will read the Year 4 common exception words.",
      "     Area of need: cognition and learning",
      "     Success criteria: not set",
      "     Target date: not set",
      "",
      "Provision",
      "  1. Lego-based therapy, by Mrs Brontë",
      "     2 × 45 min a week for 12 weeks, in a group of 6",
      "     HLTA, £19.50 an hour: £58.50 per pupil (2 × 45 min × 12 weeks × £19.50 ÷ 6)",
      "  2. Précis of the week's vocabulary",
      "     3 × 30 min a week for 10 weeks, in a group of 4",
      "     Teaching assistant, £16.50 an hour: £61.88 per pupil (3 × 30 min × 10 weeks × £16.50 ÷ 4)",
      "  Plan total: £120.38",
      "  2026/27 total: £1,165.38 of the £6,000.00 notional threshold (£4,834.62 left)",
      "",
      "Classroom strategies and adjustments",
      "  • Seat near the front",
      "  • Key words on a mat",
      "",
      "Who took part",
      "  Mrs H Greenhow          SENCo",
      "  Siobhán Núñez (mother)  parent/carer",
      "  Zoë                     pupil",
      "",
      "Pupil voice",
      "  I like Lego club.",
      "  I don't like reading out loud.",
      "",
      "Parents' views",
      "  Not recorded yet.",
      "",
      "Agreement and review",
      "  Agreed by Siobhán Núñez and Zoë on 21/10/2026",
      "  Review date: Tue 15/12/2026 (in 16 days)",
      "",
      "Staff training needs",
      "  None noted.",
      "",
    ]
    let actual = lines(zoe())
    #expect(actual == expected)
    for (i, (a, e)) in zip(actual, expected).enumerated() where a != e {
      Issue.record("line \(i + 1): \(a.debugDescription) is not \(e.debugDescription)")
    }
  }

  @Test func aReviewedPlanShowsEachRatingAndTheDecision() {
    var p = zoe()
    var c = p.cycles[1]
    c.stage = .review
    c.reviewFrom = day("2026-12-15")
    c.closed = day("2026-12-15")
    c.review = Review(
      date: day("2026-12-15"),
      ratings: [OutcomeRating(outcomeID: 3, rating: .achieved, note: "Seen in maths and PE")],
      progress: .expected, decision: .continue)
    p.cycles[1] = c
    let text = lines(p)
    #expect(text.contains("SEN support plan — cycle 2 of 2, reviewed 15/12/2026"))
    #expect(text.contains("     Rating at review: achieved — Seen in maths and PE"))
    #expect(text.contains("     Rating at review: not rated"))
    #expect(text.contains("  Reviewed 15/12/2026: progress as expected; decision: continue"))
  }

  @Test func anOverdueReviewAndSpendAboveTheThresholdAreFlagged() {
    var p = zoe()
    p.cycles[1].plan.reviewDate = day("2026-11-26")
    let settings = SchoolSettings(notionalThreshold: Money(pence: 100_000))
    let text = lines(p, settings: settings)
    #expect(text.contains("  Review date: Thu 26/11/2026 (3 days ago) — overdue"))
    #expect(
      text.contains(
        "  2026/27 total: £1,165.38 of the £1,000.00 notional threshold (£165.38 above it: the local authority may top up)"
      ))
    var out = Output(colour: true)
    PlanSheet(pupil: p, today: today, settings: settings).render(into: &out)
    #expect(
      out.text.contains("\u{1B}[31m£165.38 above it: the local authority may top up\u{1B}[0m"))
    #expect(out.text.contains("\u{1B}[31moverdue\u{1B}[0m"))
  }

  @Test func anEmptyPlanSaysWhatIsMissing() {
    var p = zoe()
    p.cycles = [Cycle(id: 1, started: day("2026-11-20"))]
    let text = lines(p)
    for line in [
      "SEN support plan — cycle 1 of 1, at assess", "  No pupil profile yet.", "  No outcomes yet.",
      "  No provision yet.",
      "  2026/27 total: £0.00 of the £6,000.00 notional threshold (£6,000.00 left)",
      "  No strategies yet.", "  No one recorded yet.",
      "  Not yet agreed with the parents and the pupil.",
      "  No review date set.", "  None noted.",
    ] {
      #expect(text.contains(line), "missing \(line.debugDescription)")
    }
    #expect(text.filter { $0 == "  Not recorded yet." }.count == 2)
    #expect(!text.contains { $0.hasPrefix("  Plan total") })
  }

  @Test func aPupilWithoutAPlanGetsASentence() {
    var p = zoe()
    p.cycles = []
    p.senPeriods = []
    let text = lines(p)
    #expect(
      text.suffix(4) == [
        "", "SEN support plan",
        "  Zoë Núñez-O'Connor has no SEN support plan: no assess, plan, do, review cycle has been started.",
        "",
      ])
    #expect(text.contains("  no SEN (census N)"))
  }
}
