import CaseloadCore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The graduated-approach timeline of an invented pupil, drawn into in-memory grids.
@Suite struct TimelineTests {
  static let today = Day(iso: "2026-01-20")!
  static let name = "Zoë Nowak-Ó Súilleabháin"

  static func day(_ iso: String) -> Day { Day(iso: iso)! }

  /// Monitoring from September 2024, SEN support from January 2025 with two reviewed cycles, a concern and a
  /// parent meeting, and a school request for an EHC needs assessment the LA decided to assess.
  static func pupil() -> Pupil {
    var p = Pupil(
      id: AggregateID("ptimeline1"),
      legalName: PersonName(given: "Zoë", family: "Nowak-Ó Súilleabháin"),
      dateOfBirth: day("2015-05-10"))
    p.senPeriods = [
      SENPeriod(status: .monitoring, start: day("2024-09-09"), end: day("2025-01-06")),
      SENPeriod(
        status: .senSupport, start: day("2025-01-06"), needs: [.SPLD],
        parentsInformed: day("2025-01-06")),
    ]
    var first = Cycle(id: 1, started: day("2025-01-06"))
    first.planFrom = day("2025-01-13")
    first.doFrom = day("2025-01-20")
    first.reviewFrom = day("2025-03-24")
    first.closed = day("2025-03-24")
    first.stage = .review
    first.plan.outcomes = [
      Outcome(id: 1, area: .cognitionAndLearning, text: "Read a short passage aloud"),
      Outcome(id: 2, area: .cognitionAndLearning, text: "Spell ten common exception words"),
    ]
    first.plan.reviewDate = day("2025-03-24")
    first.review = Review(
      date: day("2025-03-24"),
      ratings: [
        OutcomeRating(outcomeID: 1, rating: .achieved),
        OutcomeRating(outcomeID: 2, rating: .partlyAchieved),
      ], progress: .expected, decision: .continue)

    var second = Cycle(id: 2, started: day("2025-04-22"))
    second.planFrom = day("2025-04-28")
    second.doFrom = day("2025-05-06")
    second.reviewFrom = day("2025-07-07")
    second.closed = day("2025-07-08")
    second.stage = .review
    second.plan.outcomes = [
      Outcome(id: 3, area: .cognitionAndLearning, text: "Read a short passage aloud fluently"),
      Outcome(id: 4, area: .cognitionAndLearning, text: "Write three joined sentences"),
      Outcome(id: 5, area: .semh, text: "Ask for help when stuck"),
    ]
    second.plan.reviewDate = day("2025-07-07")
    second.review = Review(
      date: day("2025-07-08"),
      ratings: [
        OutcomeRating(outcomeID: 3, rating: .achieved),
        OutcomeRating(outcomeID: 4, rating: .partlyAchieved),
        OutcomeRating(outcomeID: 5, rating: .achieved),
      ], progress: .lessThanExpected, parentViews: "Worried about reading at home",
      decision: .requestEHCAssessment)
    p.cycles = [first, second]

    p.chronology = [
      LogEntry(
        id: 10, kind: .concern, date: day("2024-10-02"), who: "Mr Patel (class teacher)",
        summary: "Reverses letters and avoids reading aloud", action: "Phonics screen",
        followUp: day("2024-11-01")),
      LogEntry(
        id: 11, kind: .meeting, date: day("2025-09-24"), who: "Mrs Nowak", withParents: true,
        summary: "Agreed to ask the LA for an assessment"),
    ]
    var request = EHCRequest(id: 20, requestedBy: .school, requested: day("2025-09-29"))
    request.decision = .assess
    request.decisionDate = day("2025-11-03")
    request.adviceRequested = day("2025-11-05")
    p.ehc.requests = [request]
    return p
  }

  static let settings = SchoolSettings.defaults(today: today)

  static func screen(unicode: Bool = true) -> TimelineScreen {
    TimelineScreen(pupil: pupil(), settings: settings, today: today, unicode: unicode)
  }

  static func render(_ screen: TimelineScreen, width: Int, height: Int) -> Grid {
    var grid = Grid(width: width, height: height)
    screen.draw(into: &grid, rows: 0..<height)
    return grid
  }

  /// The first line of the details pane: the selected event's heading.
  static func heading(_ screen: TimelineScreen) -> String? { screen.selectedEvent?.details.first }

  static func press(_ screen: inout TimelineScreen, _ keys: Key..., times: Int = 1) {
    for _ in 0..<times {
      for key in keys { _ = screen.handle(key) }
    }
  }

  // MARK: - Drawing

  @Test(arguments: [(80, 24), (40, 12), (200, 50)], [true, false])
  func everySizeShowsLanesTermsYearAndToday(size: (Int, Int), unicode: Bool) throws {
    let (width, height) = size
    let grid = Self.render(Self.screen(unicode: unicode), width: width, height: height)
    let lines = grid.lines()
    for line in lines {
      #expect(line.displayWidth <= width, "wider than the grid: \(line)")
    }
    // One row a lane, titled at the left, below the header and the two axis rows.
    let titles = TimelineLane.allCases.map(\.title)
    #expect(titles == ["Status", "Cycles", "Reviews", "Concerns", "EHC", "Deadlines"])
    for (offset, title) in titles.enumerated() {
      #expect(lines[3 + offset].hasPrefix(title), "lane \(title) on row \(3 + offset)")
    }
    #expect(lines[0].contains("Zoom: year"))
    #expect(lines[1].hasPrefix("2025/26"), "the school year of the selected event")
    let terms = lines[2]
    for term in ["Autumn", "Spring", "Summer"] {
      #expect(terms.contains(term), "\(term) in \(terms)")
    }
    #expect(lines[2].contains(unicode ? "─" : "-"), "the terms' extent")

    // Today's line crosses the lanes at today's column (the deadline lane has a deadline the day before).
    let marker = unicode ? "│" : "|"
    let axisWidth = width - 10
    let column = 10 + Self.day("2025-09-01").days(until: Self.today) * axisWidth / 365
    for row in 3..<8 {
      #expect(grid[row: row, column: column].text == marker, "today on row \(row): \(lines[row])")
    }
    #expect(
      lines[3...8].allSatisfy { line in line.filter { String($0) == marker }.count <= 1 },
      "one today line")

    // The selected event (the deadline nearest today) is shown reversed and its details below.
    let reversed = (0..<width).filter { grid[row: 8, column: $0].style.isReverse }
    #expect(reversed.count == 1, "one reversed cell: the selected deadline")
    #expect(lines.contains("Deadline: LA notice if no plan will be issued") || width < 50)
    #expect(lines.contains { $0.hasPrefix("Deadline: LA notice if no plan") })
    #expect(lines.contains("Status: missed by 1 day"))

    if unicode {
      #expect(lines[3].contains("▅"), "SEN support drawn with a block")
      #expect(lines[8].contains("✗") && lines[8].contains("◇"))
    } else {
      // Plain ASCII everywhere but in the pupil's name.
      for line in lines {
        let foreign = line.filter { !$0.isASCII && !Self.name.contains($0) }
        #expect(foreign.isEmpty, "non-ASCII \(foreign) in: \(line)")
      }
      #expect(lines[3].contains("="))
      #expect(lines[8].contains("!") && lines[8].contains(">"))
    }
  }

  @Test func narrowScreensAbbreviateTermsAndYearsAndCutDataText() {
    var screen = Self.screen(unicode: false)
    let year = Self.render(screen, width: 40, height: 12).lines()
    #expect(year[1] == "2025/26   S O  N D  J F M  A M  J J  A", "every month by its initial")
    let wide = Self.render(screen, width: 80, height: 24).lines()
    #expect(
      wide[1] == "2025/26   Sep  Oct   Nov   Dec   Jan   Feb  Mar   Apr   May   Jun   Jul   Aug")
    _ = screen.handle(.char("-"))
    let lines = Self.render(screen, width: 40, height: 12).lines()
    #expect(
      lines[0] == "Zo\u{eb} Nowa...  Zoom: all  Today 20/01/2026", "the name cut with ASCII dots")
    #expect(lines[1].contains("2024/25") && lines[1].contains("2025/26"))
    #expect(lines[2].contains("Aut") && lines[2].contains("Spr"), "\(lines[2])")
    #expect(!lines[2].contains("Autumn"), "too narrow for whole names: \(lines[2])")
    #expect(lines[4].contains("D==~"), "the cycles' stages in ASCII: \(lines[4])")
    #expect(lines[9] == "Deadline: LA notice if no plan will b...", "cut to 40 columns")
    for line in lines { #expect(line.count <= 40) }
  }

  @Test func tinyScreensDrawWhatFitsWithoutOverflow() {
    let screen = Self.screen()
    for (width, height) in [(1, 1), (10, 3), (19, 7), (25, 9), (39, 10)] {
      let lines = Self.render(screen, width: width, height: height).lines()
      #expect(lines.allSatisfy { $0.displayWidth <= width })
      if height >= 7 && width >= 20 {
        #expect(lines.contains { $0.contains("Due") || $0.contains("Deadlines") })
      }
    }
    // Fewer rows than lanes: the selected lane stays in view.
    let lines = Self.render(screen, width: 60, height: 3).lines()
    #expect(lines.last?.hasPrefix("Deadlines") == true, "\(lines)")
  }

  @Test func dataTextIsSanitisedAndCutByDisplayWidth() {
    var pupil = Self.pupil()
    var entry = LogEntry(
      id: 12, kind: .call, date: Self.day("2026-01-20"), who: "Mr \u{1B}]0;owned\u{07}Lee",
      summary: "x")
    entry.summary =
      "\u{1B}[31mRang\u{1B}[0m about 漢字の宿題 and the \u{202E}reading\u{202C} book, "
      + String(repeating: "and more ", count: 20)
    pupil.chronology.append(entry)
    let screen = TimelineScreen(
      pupil: pupil, settings: Self.settings, today: Self.today, unicode: true)
    #expect(Self.heading(screen) == "Phone call: Tue 20/01/2026", "the call is nearest today")
    let lines = Self.render(screen, width: 40, height: 12).lines()
    for line in lines {
      #expect(line.displayWidth <= 40)
      #expect(
        !line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x07 }
      )
    }
    #expect(lines.contains("With: Mr Lee"))
    #expect(lines.contains { $0.hasPrefix("Summary: Rang about 漢字の宿題") && $0.hasSuffix("…") })
    // With room, long text wraps instead.
    let tall = Self.render(screen, width: 40, height: 30).lines()
    #expect(tall.contains("Summary: Rang about 漢字の宿題 and the"))
    #expect(tall.contains("  reading book, and more and more and"))
  }

  @Test func aPupilWithNothingRecordedSaysSo() {
    let pupil = Pupil(
      id: AggregateID("pempty"), legalName: PersonName(given: "Ada", family: "Empty"),
      dateOfBirth: Self.day("2018-01-01"))
    var screen = TimelineScreen(pupil: pupil, settings: Self.settings, today: Self.today)
    #expect(screen.selectedEvent == nil)
    for key in [Key.left, .right, .up, .down, .home, .char("-"), .char("-")] {
      #expect(screen.handle(key) == .handled)
    }
    #expect(screen.handle(.enter) == .handled)
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines.contains("No events recorded for this pupil yet."))
    #expect(lines[3].hasPrefix("Status") && lines[3].contains("│"), "today still marked")
  }

  // MARK: - Keys

  @Test func leftAndRightMoveInDateOrderAcrossLanes() {
    var screen = Self.screen()
    #expect(Self.heading(screen) == "Deadline: LA notice if no plan will be issued")
    Self.press(&screen, .left, times: 30)
    #expect(screen.selected == 0)
    #expect(Self.heading(screen) == "Monitoring (census N): 09/09/2024 to 06/01/2025 (17 weeks)")
    var starts = [screen.selectedEvent!.start]
    var seen = [screen.selectedEvent!.id]
    // Seventeen events and the concern's follow-up, which comes back as an agenda item.
    for _ in 1..<18 {
      _ = screen.handle(.char("l"))
      starts.append(screen.selectedEvent!.start)
      seen.append(screen.selectedEvent!.id)
    }
    #expect(starts == starts.sorted(), "in date order")
    #expect(Set(seen).count == 18, "every event once")
    #expect(seen.contains(.deadline(kind: .followUp, due: Self.day("2024-11-01"), ref: .log(10))))
    _ = screen.handle(.right)
    #expect(screen.selected == 17, "stops at the last")
    #expect(Self.heading(screen) == "Deadline: Final EHC plan issued")

    // Back to the second review: its decision and each outcome's rating.
    Self.press(&screen, .left, times: 8)
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines[1].hasPrefix("2024/25"), "the window follows the selection")
    #expect(lines[5].contains("◆"))
    let details = Array(lines[10...])
    #expect(details[0] == "Review of cycle 2: Tue 08/07/2025")
    #expect(details.contains("Decision: request an EHC needs assessment"))
    #expect(details.contains("Progress: less than expected"))
    #expect(details.contains("Outcomes: 2 achieved, 1 partly"))
    #expect(details.contains("1. achieved: Read a short passage aloud fluently"))
    #expect(details.contains("2. partly achieved: Write three joined sentences"))
    #expect(details.contains("3. achieved: Ask for help when stuck"))
    #expect(details.contains("Parents: Worried about reading at home"))
    #expect(screen.selectedEvent?.label == "Review: 2 achieved, 1 partly")

    // The concern: who raised it, what was said, the action and the follow-up.
    Self.press(&screen, .left, times: 30)
    _ = screen.handle(.right)
    #expect(
      screen.selectedEvent?.details == [
        "Concern: Wed 02/10/2024", "Raised by: Mr Patel (class teacher)",
        "Summary: Reverses letters and avoids reading aloud", "Action: Phonics screen",
        "Follow-up: Fri 01/11/2024",
      ])
  }

  @Test func upAndDownChangeLaneKeepingTheTime() {
    var screen = Self.screen()
    _ = screen.handle(.up)
    #expect(Self.heading(screen) == "Professionals' advice requested: Wed 05/11/2025")
    _ = screen.handle(.char("k"))
    #expect(Self.heading(screen) == "Parent meeting: Wed 24/09/2025")
    #expect(screen.selectedEvent?.details.contains("With: Mrs Nowak") == true)
    _ = screen.handle(.up)
    #expect(Self.heading(screen) == "Review of cycle 2: Tue 08/07/2025")
    _ = screen.handle(.up)
    #expect(screen.selectedEvent?.id == .cycle(id: 2))
    #expect(
      Self.heading(screen) == "Cycle 2 of 2: 22/04/2025 to 08/07/2025, reviewed 08/07/2025")
    _ = screen.handle(.up)
    #expect(screen.selectedEvent?.id == .senPeriod(index: 1))
    _ = screen.handle(.up)
    #expect(screen.selectedEvent?.id == .senPeriod(index: 1), "no lane above")
    #expect(screen.anchor == Self.day("2026-01-19"), "the time kept")
    #expect(screen.focus == Self.day("2026-01-19"), "inside the open SEN support period")
    Self.press(&screen, .down, times: 2)
    #expect(Self.heading(screen) == "Review of cycle 2: Tue 08/07/2025")
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines[1].hasPrefix("2024/25"), "the window follows the selection")
    Self.press(&screen, .down, times: 3)
    #expect(
      Self.heading(screen) == "Deadline: LA notice if no plan will be issued", "back where it was")

    // From the middle of the first cycle, down to the deadlines: the nearest to that time.
    Self.press(&screen, .left, times: 30)
    Self.press(&screen, .right, times: 4)
    #expect(screen.selectedEvent?.id == .cycle(id: 1))
    Self.press(&screen, .down, times: 4)
    // The concern's follow-up, never marked done, is the agenda item nearest that time.
    #expect(
      screen.selectedEvent?.id
        == .deadline(kind: .followUp, due: Self.day("2024-11-01"), ref: .log(10)))
    #expect(screen.selectedEvent?.details[2] == "Status: missed by 445 days")

  }

  @Test func homeSelectsTheEventNearestToday() {
    var screen = Self.screen()
    Self.press(&screen, .left, times: 5)
    #expect(Self.heading(screen) != "Deadline: LA notice if no plan will be issued")
    _ = screen.handle(.home)
    #expect(Self.heading(screen) == "Deadline: LA notice if no plan will be issued")
    Self.press(&screen, .up, .up, .left)
    _ = screen.handle(.char("t"))
    #expect(
      screen.selectedEvent?.id == .deadline(kind: .ehcNoPlanNotice, due: Self.day("2026-01-19")))
    // Nearer an upcoming date than a past one: that one.
    let later = TimelineScreen(
      pupil: Self.pupil(), settings: Self.settings, today: Self.day("2026-02-10"))
    #expect(Self.heading(later) == "Deadline: Final EHC plan issued")
  }

  @Test func plusAndMinusZoomBetweenTermYearAndAll() {
    var screen = Self.screen()
    func header() -> String { Self.render(screen, width: 80, height: 24).lines()[0] }
    #expect(header().contains("Zoom: year"))
    _ = screen.handle(.char("+"))
    #expect(header().contains("Zoom: term"))
    let terms = DefaultTerms.terms(for: SchoolYear(startYear: 2025))
    #expect(terms[1].start == Self.day("2026-01-05"))
    #expect(screen.window == terms[1].start...terms[2].start.adding(days: -1), "spring and Easter")
    let term = Self.render(screen, width: 80, height: 24).lines()
    #expect(term[1].hasPrefix("2025/26   January"), "\(term[1])")
    #expect(term[2].contains("Spring 2026"))
    _ = screen.handle(.char("+"))
    #expect(screen.zoom == .term, "nothing closer than a term")
    _ = screen.handle(.char("-"))
    #expect(header().contains("Zoom: year"))
    #expect(screen.window == Self.day("2025-09-01")...Self.day("2026-08-31"))
    _ = screen.handle(.char("-"))
    #expect(header().contains("Zoom: all"))
    #expect(screen.window == Self.day("2024-09-01")...Self.day("2026-08-31"))
    let all = Self.render(screen, width: 80, height: 24).lines()
    #expect(all[1].contains("2024/25") && all[1].contains("2025/26"))
    #expect(all[3].contains("M") && all[3].contains("K"), "each period's letter: \(all[3])")
    _ = screen.handle(.char("-"))
    #expect(screen.zoom == .all)
    _ = screen.handle(.char("="))
    #expect(screen.zoom == .year)
  }

  @Test func deadlinesShowMissedAndDueInDays() {
    var screen = Self.screen()
    #expect(
      screen.selectedEvent?.details == [
        "Deadline: LA notice if no plan will be issued", "Due: Mon 19/01/2026",
        "Status: missed by 1 day", "For: request of 29/09/2025",
      ])
    _ = screen.handle(.right)
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines[10] == "Deadline: Final EHC plan issued")
    #expect(lines[11] == "Due: Mon 16/02/2026")
    #expect(lines[12] == "Status: due in 27 days")
    Self.press(&screen, .left, times: 2)
    #expect(screen.selectedEvent?.details[2] == "Status: missed by 34 days")
    #expect(screen.selectedEvent?.mark == .deadlineMissed)
    Self.press(&screen, .left)
    #expect(screen.selectedEvent?.details[2] == "Status: met 03/11/2025")
  }

  @Test func enterOpensEscAndQCloseQuestionMarkHelps() {
    var screen = Self.screen(unicode: false)
    #expect(
      screen.handle(.enter)
        == .open(.deadline(kind: .ehcNoPlanNotice, due: Self.day("2026-01-19"))))
    Self.press(&screen, .up)
    #expect(screen.handle(.enter) == .open(.ehcRequest(id: 20, milestone: .adviceRequested)))
    #expect(screen.handle(.char("?")) == .handled)
    #expect(screen.help != nil)
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines.contains { $0.contains("Left, h") && $0.contains("Previous event in time") })
    #expect(lines.contains { $0.contains("! missed") && $0.contains("> due") })
    for line in lines {
      #expect(line.allSatisfy { $0.isASCII || Self.name.contains($0) }, "ASCII help: \(line)")
    }
    #expect(screen.handle(.escape) == .handled, "Esc closes the help, not the timeline")
    #expect(screen.help == nil)
    #expect(screen.handle(.escape) == .close)
    #expect(screen.handle(.char("q")) == .close)
    #expect(TimelineScreen.keys.action(for: .char("h")) == .previous)
    #expect(TimelineScreen.keys.action(for: .char("l")) == .next)
    #expect(TimelineScreen.keys.action(for: .char("-")) == .zoomOut)
  }

  // MARK: - Model

  @Test func ehcPlansRefusalsAndLeavingTheRegisterAreOnTheTimeline() throws {
    var p = Pupil(
      id: AggregateID("pehc"), legalName: PersonName(given: "Wang", family: "Li"),
      dateOfBirth: Self.day("2012-02-01"))
    p.senPeriods = [
      SENPeriod(
        status: .senSupport, start: Self.day("2018-09-03"), end: Self.day("2019-11-04"),
        needs: [.ASD]),
      SENPeriod(
        status: .ehcPlan, start: Self.day("2019-11-04"), end: Self.day("2023-07-21"), needs: [.ASD]),
    ]
    var refused = EHCRequest(id: 1, requestedBy: .parent, requested: Self.day("2019-01-07"))
    refused.decision = .refuse
    refused.decisionDate = Self.day("2019-02-11")
    refused.appealLodged = Self.day("2019-03-20")
    var second = EHCRequest(id: 2, requestedBy: .school, requested: Self.day("2019-05-06"))
    second.decision = .assess
    second.decisionDate = Self.day("2019-06-10")
    second.draftIssued = Self.day("2019-09-02")
    second.finalPlanIssued = Self.day("2019-11-04")
    var review = EHCAnnualReview(id: 5, meeting: Self.day("2020-10-12"))
    review.invitationsSent = Self.day("2020-09-21")
    review.laDecision = .keep
    review.laDecisionDate = Self.day("2020-11-02")
    p.ehc = EHCProcess(
      requests: [refused, second],
      plan: EHCPlan(
        issued: Self.day("2019-11-04"), reviews: [review], ceased: Self.day("2023-07-21")))
    let model = TimelineModel(pupil: p, settings: Self.settings, today: Self.today)
    let ehc = model.laneEvents[TimelineLane.ehc.rawValue].map { model.events[$0] }
    #expect(
      ehc.map(\.label) == [
        "EHC needs assessment requested", "LA refused to assess", "Appeal lodged",
        "EHC needs assessment requested", "LA decided to assess", "Draft EHC plan issued",
        "Final EHC plan issued", "EHC plan annual review", "EHC plan ceased",
      ], "the final plan is not shown twice")
    #expect(ehc[2].details.contains("Requested by parents: 07/01/2019"))
    #expect(ehc[2].details.contains("LA decision: refuse on 11/02/2019 (due 18/02/2019)"))
    #expect(ehc[7].details.contains("LA decision: keep on 02/11/2020"))
    #expect(ehc[7].id == .ehcAnnualReview(id: 5))

    let status = model.laneEvents[TimelineLane.status.rawValue].map { model.events[$0] }
    #expect(status.map(\.label) == ["SEN support", "EHC plan", "No SEN"])
    #expect(status[2].start == Self.day("2023-07-22") && status[2].end == Self.today)
    #expect(status[2].details[0] == "No SEN (census N): 22/07/2023 onwards")
    #expect(status[1].segments.map(\.letter) == ["E"])

    let deadlines = model.laneEvents[TimelineLane.deadlines.rawValue].map { model.events[$0] }
    let appeal = try #require(
      deadlines.first { $0.id == .deadline(kind: .ehcAppeal, due: Self.day("2019-04-11")) })
    #expect(appeal.details[2] == "Status: met 20/03/2019")
    let report = try #require(
      deadlines.first { $0.label.hasPrefix("School's annual review report") })
    #expect(report.mark == .deadlineMissed, "no report was recorded")

    var screen = TimelineScreen(pupil: p, settings: Self.settings, today: Self.today)
    #expect(screen.selectedEvent?.id == .noSEN(from: Self.day("2023-07-22")), "nothing since")
    _ = screen.handle(.char("-"))
    let lines = Self.render(screen, width: 80, height: 24).lines()
    #expect(lines[3].contains("█") && lines[3].contains("▁"), "E then N: \(lines[3])")
  }

  /// Twelve years: three cycles a year, each reviewed, and a contact every three weeks.
  static func longHistory() -> Pupil {
    var p = Pupil(
      id: AggregateID("plong"), legalName: PersonName(given: "Amir", family: "Haddad"),
      dateOfBirth: day("2008-03-03"))
    let start = day("2013-09-02")
    p.senPeriods = [
      SENPeriod(status: .monitoring, start: start, end: day("2014-01-06")),
      SENPeriod(status: .senSupport, start: day("2014-01-06"), needs: [.SLCN]),
    ]
    for i in 0..<36 {
      let from = day("2014-01-06").adding(days: i * 120)
      var c = Cycle(id: i + 1, started: from)
      c.planFrom = from.adding(days: 7)
      c.doFrom = from.adding(days: 14)
      c.reviewFrom = from.adding(days: 100)
      c.closed = from.adding(days: 100)
      c.stage = .review
      c.plan.outcomes = [Outcome(id: 1000 + i, area: .communicationAndInteraction, text: "Talk")]
      c.plan.reviewDate = from.adding(days: 100)
      c.review = Review(
        date: from.adding(days: 100),
        ratings: [
          OutcomeRating(outcomeID: 1000 + i, rating: i % 2 == 0 ? .achieved : .notAchieved)
        ],
        progress: .expected, decision: .continue)
      p.cycles.append(c)
    }
    // Written out of date order, as an import might leave them.
    for i in (0..<200).reversed() {
      p.chronology.append(
        LogEntry(
          id: 2000 + i, kind: i % 5 == 0 ? .concern : .meeting,
          date: start.adding(days: i * 21 + 3),
          who: "Staff \(i)", withParents: i % 2 == 0, summary: "Note \(i)"))
    }
    return p
  }

  @Test func twelveYearsOfHistoryMakeEveryEventInDateOrder() throws {
    let pupil = Self.longHistory()
    let today = Self.day("2026-01-20")
    let model = TimelineModel(pupil: pupil, settings: SchoolSettings(), today: today)
    // 2 status periods, 36 cycles, 36 reviews, 200 contacts and 36 plan-review deadlines.
    #expect(model.events.count == 2 + 36 + 36 + 200 + 36)
    #expect(model.laneEvents.map(\.count) == [2, 36, 36, 200, 0, 36])
    for (a, b) in zip(model.events, model.events.dropFirst()) {
      #expect(
        a.start < b.start || (a.start == b.start && a.lane <= b.lane), "\(a.label) / \(b.label)")
    }
    #expect(model.events.filter { $0.mark == .parentMeeting }.count == 80)
    #expect(model.events.filter { $0.mark == .concern }.count == 40)
    #expect(model.terms.count == 3 * 15, "2012/13 to 2026/27")
    #expect(model.events.first?.id == .senPeriod(index: 0))
    #expect(
      model.events.last?.id
        == .deadline(kind: .planReview, due: Self.day("2014-01-06").adding(days: 35 * 120 + 100)),
      "the last review's deadline, after the review of the same day")
    #expect(model.events.contains { $0.id == .logEntry(id: 2199) })

    // The whole history zoomed out still draws into a large grid (its speed is in the benchmark).
    var screen = TimelineScreen(pupil: pupil, settings: SchoolSettings(), today: today)
    _ = screen.handle(.char("-"))
    _ = screen.handle(.char("-"))
    var grid = Grid(width: 200, height: 50)
    screen.draw(into: &grid, rows: 0..<50)
    #expect(grid.lines().allSatisfy { $0.displayWidth <= 200 })
    #expect(grid.line(3).hasPrefix("Status"))
  }
}
