import CaseloadCLI
import CaseloadCore
import Foundation
import Testing

/// The demo caseload, loaded and applied for one `today`.
private struct LoadedDemo {
  var today: Day
  var demo: DemoCaseload
  var pupils: [Pupil]

  init(_ iso: String) throws {
    let day = try #require(Day(iso: iso))
    let demo = try DemoCaseload.load(today: day)
    var pupils: [Pupil] = []
    for edits in demo.pupils {
      var pupil: Pupil?
      for edit in edits { pupil = try edit.apply(to: pupil, today: day) }
      pupils.append(try #require(pupil))
    }
    self.today = day
    self.demo = demo
    self.pupils = pupils
  }

  /// Pupils still at the school.
  var current: [Pupil] { pupils.filter { !$0.hasLeft } }
  var onRegister: [Pupil] { current.filter { $0.censusCode != .N } }

  func named(_ name: String) -> Pupil? { pupils.first { $0.displayName == name } }
}

/// Days across the school year, including a Sunday, the first days of September, the end of the summer term and
/// a leap day.
private let days = ["2025-09-03", "2026-01-15", "2026-11-29", "2027-07-20", "2028-02-29"]

@Suite struct DemoCaseloadTests {
  @Test(arguments: days) func everyEditAppliesAndIDsAreStable(today: String) throws {
    let d = try LoadedDemo(today)
    #expect(d.pupils.count >= 30)
    for (i, edits) in d.demo.pupils.enumerated() {
      guard case .create(let first) = edits.first else {
        Issue.record("pupil \(i + 1) does not start with .create")
        continue
      }
      #expect(first.id == DemoCaseload.pupilID(i + 1))
      #expect(first.id.rawValue == "pdemo" + String(format: "%04d", i + 1))
    }
    #expect(Set(d.pupils.map(\.id)).count == d.pupils.count)
    // The same day gives the same demo.
    #expect(try DemoCaseload.load(today: d.today).pupils == d.demo.pupils)
  }

  @Test(arguments: days) func settings(today: String) throws {
    let d = try LoadedDemo(today)
    let s = d.demo.settings
    #expect(!s.schoolName.isEmpty)
    #expect(s.localAuthority == "Westmorland and Furness")
    #expect(s.localAuthoritySENDEmail == "SEND@westmorlandandfurness.gov.uk")
    #expect(s.terms == SchoolSettings.defaults(today: d.today).terms)
    #expect(s.staffRoles == StaffRole.defaults)
  }

  @Test(arguments: days) func censusCodesStatusesAndStages(today: String) throws {
    let d = try LoadedDemo(today)
    #expect(Set(d.current.map(\.censusCode)) == [.N, .K, .E])
    #expect(d.current.contains { $0.status == .monitoring })
    // A former SEN support pupil, now N with history.
    #expect(d.current.contains { $0.status == nil && !$0.senPeriods.isEmpty && !$0.cycles.isEmpty })
    let stages = Set(d.current.filter { $0.status == .senSupport }.compactMap(\.currentStage))
    #expect(stages == Set(Stage.allCases))
    // Between cycles: the last cycle reviewed and no new one started.
    #expect(
      d.current.contains {
        $0.status == .senSupport && !$0.cycles.isEmpty && $0.currentStage == nil
      })
    // Several years of history for some.
    #expect(d.pupils.filter { $0.cycles.count >= 3 }.count >= 3)
    #expect(d.pupils.contains { $0.cycles.count >= 4 })
  }

  @Test(arguments: days) func leaver(today: String) throws {
    let d = try LoadedDemo(today)
    let leavers = d.pupils.filter(\.hasLeft)
    #expect(leavers.count >= 1)
    for p in leavers {
      #expect(p.left! <= d.today)
      #expect(!p.isReviewOverdue(on: d.today))
      #expect(p.openDeadlines.isEmpty)
    }
  }

  @Test(arguments: days) func reviewsOverdueDueSoonAndLater(today: String) throws {
    let d = try LoadedDemo(today)
    let t = d.today
    #expect(d.current.filter { $0.isReviewOverdue(on: t) }.count >= 3)
    #expect(d.current.filter { $0.isReviewDue(on: t, within: 14) }.count >= 3)
    #expect(
      d.current.filter { ($0.nextReviewDate.map { $0 > t.adding(days: 14) }) ?? false }.count >= 5)
    // A cycle at its review stage whose date has passed, and one whose date is coming.
    #expect(d.current.contains { $0.currentStage == .review && $0.isReviewOverdue(on: t) })
    #expect(d.current.contains { $0.currentStage == .review && $0.isReviewDue(on: t, within: 14) })
  }

  @Test(arguments: days) func ehcRequestsInProgress(today: String) throws {
    let d = try LoadedDemo(today)
    let t = d.today
    func dueWithin(_ days: Int, _ p: Pupil, _ kinds: Set<DeadlineKind>) -> Bool {
      p.openDeadlines.contains { deadline in
        guard kinds.contains(deadline.kind), case .due(let n) = deadline.status(on: t) else {
          return false
        }
        return n <= days
      }
    }
    // Agreed to assess, advice asked for, its deadline in the next 28 days.
    let assessing = d.current.filter {
      $0.ehc.openRequest?.decision == .assess && $0.ehc.openRequest?.adviceRequested != nil
    }
    #expect(!assessing.isEmpty)
    #expect(assessing.contains { dueWithin(28, $0, [.ehcAdvice]) })
    // Waiting for the LA to decide, within 28 days.
    #expect(
      d.current.contains {
        $0.ehc.openRequest != nil && $0.ehc.openRequest?.decision == nil
          && dueWithin(28, $0, [.ehcDecision])
      })
    // A draft plan out for comment, the final plan due soon.
    #expect(
      d.current.contains {
        $0.ehc.openRequest?.draftIssued != nil && dueWithin(28, $0, [.ehcFinalPlan])
      })
    // A refusal whose appeal window is open.
    #expect(
      d.current.contains { p in
        p.ehc.requests.contains { $0.decision == .refuse }
          && p.deadlines.contains { $0.kind == .ehcAppeal && $0.status(on: t).isOpen }
      })
    // No statutory deadline of an open request has been missed.
    for p in d.current {
      for deadline in p.ehc.openRequest?.deadlines ?? [] {
        if case .missed = deadline.status(on: t) {
          Issue.record("\(p.displayName): \(deadline.kind) missed")
        }
      }
    }
  }

  @Test(arguments: days) func ehcPlans(today: String) throws {
    let d = try LoadedDemo(today)
    let t = d.today
    let plans = d.current.filter { $0.ehc.plan != nil }
    #expect(plans.count >= 3)
    for p in plans { #expect(p.censusCode == .E) }
    // An annual review due within four weeks (its meeting is booked, so the deadline is not in `openDeadlines`).
    #expect(
      plans.contains { p in
        p.deadlines.contains { deadline in
          guard deadline.kind == .ehcAnnualReview, case .due(let n) = deadline.status(on: t) else {
            return false
          }
          return n <= 28
        }
      })
    // Plans are reviewed on time: no annual review or phase transfer deadline missed or met late.
    for p in plans {
      for deadline in p.deadlines
      where [.ehcAnnualReview, .ehcPhaseTransfer].contains(deadline.kind) {
        switch deadline.status(on: t) {
        case .missed, .metLate:
          Issue.record("\(p.displayName): \(deadline.kind) \(deadline.status(on: t))")
        default: break
        }
      }
    }
    // Amendments proposed and the amended plan awaited.
    #expect(plans.contains { p in p.openDeadlines.contains { $0.kind == .ehcAmendedPlan } })
  }

  @Test(arguments: days) func escalationCandidate(today: String) throws {
    let d = try LoadedDemo(today)
    let candidates = d.current.filter(\.isEscalationCandidate)
    #expect(!candidates.isEmpty)
    for p in candidates {
      #expect(p.status == .senSupport)
      #expect(p.cycles.filter { $0.review?.progress == .lessThanExpected }.count >= 2)
    }
    // Pupils with the same history but an EHC request under way are not candidates.
    #expect(d.current.contains { $0.lessThanExpectedReviews >= 2 && $0.ehc.openRequest != nil })
  }

  @Test(arguments: days) func parentMeetings(today: String) throws {
    let d = try LoadedDemo(today)
    let t = d.today
    let counts = d.onRegister.map { $0.parentMeetings(schoolYearOf: t) }
    #expect(counts.filter { $0 >= 3 }.count >= 3)
    // Some on SEN support still owe this term's meeting, so the agenda has meetings to show.
    let pace = MeetingPace(today: t, settings: .defaults(today: t))
    #expect(d.onRegister.filter { pace.item(for: $0) != nil }.count >= 5)
  }

  @Test(arguments: days) func namesAndTwoPupilsWithTheSameName(today: String) throws {
    let d = try LoadedDemo(today)
    let t = d.today
    let names = Set(d.pupils.map(\.displayName))
    for name in [
      "Oisín O'Brien", "Zoë Ndlovu-Price", "Siobhán Mac Giolla Phádraig", "Mohammed Al-Hassan",
      "Wang Xiuying",
      "Ayşe Yılmaz", "Björn Åkesson", "Olek Nowak",
    ] {
      #expect(names.contains(name), "missing \(name)")
    }
    let legal = d.pupils.map(\.legalName)
    func uses(_ range: ClosedRange<UInt32>) -> Bool {
      legal.contains { $0.full.unicodeScalars.contains { range.contains($0.value) } }
    }
    #expect(uses(0x0400...0x04FF), "a Cyrillic name")
    #expect(uses(0x0370...0x03FF), "a Greek name")
    #expect(uses(0x0600...0x06FF), "an Arabic-script name")
    #expect(uses(0x4E00...0x9FFF), "a Han name")
    #expect(legal.contains { $0.familyFirst })
    #expect(d.pupils.contains { $0.preferredName != nil && $0.preferredName != $0.legalName })
    #expect(legal.contains { $0.family.contains(" ") })
    // Stored in NFC.
    for n in legal { #expect(n.full == n.full.precomposedStringWithCanonicalMapping) }
    // Accent-insensitive search finds Zoë.
    #expect(d.pupils.contains { PupilSummary($0).searchKey.contains("zoe") })

    let shared = Dictionary(grouping: d.pupils, by: \.displayName).values.filter { $0.count >= 2 }
    #expect(shared.count >= 1)
    for group in shared {
      #expect(Set(group.map(\.dateOfBirth)).count == group.count)
      #expect(Set(group.map { $0.yearGroup(on: t) }).count == group.count)
    }
  }

  @Test(arguments: days) func upnsAreValid(today: String) throws {
    let d = try LoadedDemo(today)
    let upns = d.pupils.compactMap(\.upn)
    #expect(upns.count >= d.pupils.count - 2)
    #expect(Set(upns).count == upns.count)
    for upn in upns { #expect(UPN.problem(upn) == nil, "\(upn)") }
  }

  @Test(arguments: days) func plansLookReal(today: String) throws {
    let d = try LoadedDemo(today)
    let rates = Set(StaffRole.defaults.map(\.hourlyRate))
    var interventions: Set<String> = []
    for p in d.pupils {
      for cycle in p.cycles {
        #expect(
          cycle.assessFrom.isoWeekday <= 5,
          "\(p.displayName): cycle \(cycle.id) starts at a weekend")
        for o in cycle.plan.outcomes {
          #expect(!o.successCriteria.isEmpty, "\(p.displayName): \(o.text)")
        }
        for v in cycle.plan.provision {
          #expect(rates.contains(v.hourlyRate), "\(v.intervention) at \(v.hourlyRate)")
          #expect(v.problem == nil)
          #expect(v.costPerPupil > .zero)
          #expect(d.demo.settings.rate(for: v.staffRole) == v.hourlyRate)
          interventions.insert(v.intervention)
        }
        if cycle.stage >= .do {
          #expect(!cycle.plan.outcomes.isEmpty)
          #expect(
            !cycle.plan.provision.isEmpty, "\(p.displayName): cycle \(cycle.id) has no provision")
          #expect(
            !cycle.plan.participants.isEmpty,
            "\(p.displayName): cycle \(cycle.id) has no participants")
        }
      }
    }
    for name in ["Toe by Toe", "Lego therapy", "Precision teaching", "ELSA sessions"] {
      #expect(interventions.contains(name), "missing \(name)")
    }
    #expect(interventions.contains { $0.hasPrefix("Speech and language") })
    #expect(d.pupils.contains { !($0.currentCycle?.plan.pupilVoice.isEmpty ?? true) })
    #expect(d.pupils.contains { !($0.currentCycle?.plan.parentViews.isEmpty ?? true) })
    #expect(d.pupils.contains { !($0.currentCycle?.plan.strategies.isEmpty ?? true) })
  }

  /// Year groups come from the cohort, not from a date, so they never drift.
  @Test func yearGroupsAreTheSameWhateverTheDay() throws {
    let loaded = try days.map { try LoadedDemo($0) }
    let expected: [String: Int] = [
      "Oisín O'Brien": 4, "Zoë Ndlovu-Price": 8, "Siobhán Mac Giolla Phádraig": 10,
      "Mohammed Al-Hassan": 6,
      "Grace Hodgson": 0, "Kai Thompson-Walker": 1, "Ελένη Παπαδοπούλου": 11,
    ]
    for d in loaded {
      for (name, year) in expected {
        #expect(d.named(name)?.yearGroup(on: d.today) == YearGroup(year), "\(name) on \(d.today)")
      }
      for (i, p) in d.pupils.enumerated() {
        #expect((0...11).contains(p.yearGroup(on: d.today).number))
        #expect(p.yearGroup(on: d.today) == loaded[0].pupils[i].yearGroup(on: loaded[0].today))
      }
    }
    // A summer-born pupil a year behind their age group.
    #expect(loaded[0].named("Kai Thompson-Walker")?.yearGroupOffset == -1)
    // The leap-day birthday is kept when the cohort has a 29 February, and is 28 February otherwise.
    let leap = try #require(loaded.last)
    #expect(leap.pupils.contains { $0.dateOfBirth.month == 2 && $0.dateOfBirth.dayOfMonth == 29 })
  }

  /// Every fifth day of two school years (so every weekday) and the days at the edges of a school year: the
  /// demo loads and every edit applies.
  @Test func loadsAcrossTwoSchoolYears() throws {
    var checked = [
      "2026-08-31", "2026-09-01", "2026-09-05", "2026-09-06", "2027-08-31", "2027-09-01",
      "2028-02-28",
    ]
    .compactMap { Day(iso: $0) }
    var day = Day(iso: "2026-08-20")!
    while day <= Day(iso: "2028-09-10")! {
      checked.append(day)
      day = day.adding(days: 5)
    }
    for day in checked {
      let demo = try DemoCaseload.load(today: day)
      #expect(demo.pupils.count >= 30)
      for edits in demo.pupils {
        var pupil: Pupil?
        for edit in edits { pupil = try edit.apply(to: pupil, today: day) }
      }
    }
  }

  @Test func malformedDataNamesThePupilAndStep() throws {
    func error(_ steps: String, pupil extra: String = "") -> String {
      let json = """
        {"format": "caseload-demo 1", "dates": "",
         "school": {"name": "Test School", "localAuthority": "Westmorland and Furness", "sendEmail": "a@b.c"},
         "pupils": [
           {"name": ["Ann", "Ok"], "year": 4, "born": "05-06", "steps": []},
           {"name": ["Zoë", "Test"], "year": 3, "born": "01-02"\(extra), "steps": [\(steps)]}]}
        """
      do {
        _ = try DemoCaseload.load(json: Data(json.utf8), today: Day(iso: "2026-01-15")!)
        return ""
      } catch {
        return String(describing: error)
      }
    }
    let future = error(#"{"startSENSupport": {"on": "-2w", "needs": ["SPLD"]}}, {"endSEN": "+3w"}"#)
    #expect(future.contains("pupil 2 (Zoë Test)"), "\(future)")
    #expect(future.contains("step 2 (endSEN)"), "\(future)")
    #expect(future.contains("cannot be in the future"), "\(future)")

    let badDate = error(#"{"startMonitoring": "3 weeks ago"}"#)
    #expect(
      badDate.contains("step 1 (startMonitoring)") && badDate.contains("3 weeks ago"), "\(badDate)")

    let unknown = error(#"{"startMonitering": "-1w"}"#)
    #expect(unknown.contains("startMonitering is not a demo step"), "\(unknown)")

    let ratings = error(
      #"""
      {"startSENSupport": {"on": "-20w", "needs": ["SPLD"]}},
      {"cycle": {"start": "-20w", "outcomes": [{"area": "SPLD", "text": "Read", "criteria": "c"}],
                 "agreed": {"by": "Mum", "on": "-19w"}, "plan": "-19w", "do": "-18w",
                 "provision": [{"what": "Toe by Toe", "sessions": 1, "minutes": 20, "weeks": 6, "role": "Caretaker"}]}}
      """#)
    #expect(ratings.contains("step 2 (cycle)") && ratings.contains("Caretaker"), "\(ratings)")

    let position = error(
      #"""
      {"startSENSupport": {"on": "-20w", "needs": ["SPLD"]}},
      {"startCycle": "-20w"},
      {"addOutcome": {"area": "SPLD", "text": "Read"}},
      {"addProvision": {"what": "X", "sessions": 1, "minutes": 20, "weeks": 6, "role": "HLTA", "for": [2]}}
      """#)
    #expect(
      position.contains("step 4 (addProvision)") && position.contains("no outcome 2"), "\(position)"
    )

    let field = error(#"{"startMonitoring": "-1w"}"#, pupil: #", "nmae": "x""#)
    #expect(field.contains("pupil 2 (Zoë Test)") && field.contains("nmae"), "\(field)")

    #expect(error("").isEmpty)
  }

  @Test func relativeDates() throws {
    // Thursday 15 January 2026.
    let today = Day(iso: "2026-01-15")!
    func joined(_ text: String) throws -> Day? {
      let json = """
        {"format": "caseload-demo 1", "dates": "",
         "school": {"name": "T", "localAuthority": "L", "sendEmail": ""},
         "pupils": [{"name": ["A", "B"], "year": 7, "born": "09-01", "joined": "\(text)", "steps": []}]}
        """
      let demo = try DemoCaseload.load(json: Data(json.utf8), today: today)
      guard case .create(let p) = demo.pupils[0][0] else { return nil }
      #expect(p.dateOfBirth == Day(iso: "2013-09-01"))
      return p.joined
    }
    #expect(try joined("today") == today)
    #expect(try joined("-3d") == Day(iso: "2026-01-12"))
    #expect(try joined("-4d") == Day(iso: "2026-01-09"))  // Sunday 11th → Friday 9th
    #expect(try joined("-1y2m1w") == Day(iso: "2024-11-08"))
    #expect(try joined("sy0%") == Day(iso: "2025-09-01"))
    #expect(try joined("sy100%") == today)
    #expect(try joined("sy50%") == Day(iso: "2025-11-07"))  // 8 November is a Saturday
  }
}
