import CaseloadCore
import CaseloadStore
import Foundation

/// Builds stores of invented pupils through the real edits, so documents, summaries and history are realistic.
enum Generator {
  static let given = [
    "Amara", "Oisín", "Zoë", "Mohammed", "Siobhán", "Kacper", "Ayşe", "Björn", "Priya", "Leon",
  ]
  static let family = [
    "O'Brien", "Ndlovu-Price", "Al-Hassan", "Mac Giolla", "Kowalski", "Yılmaz", "Åkesson", "Patel",
  ]
  static let needs: [NeedType] = [.SPLD, .SLCN, .ASD, .SEMH, .MLD, .HI, .PD]

  static func generate(at path: String, pupils: Int, events: Int, today: Day) throws {
    if FileManager.default.fileExists(atPath: path) {
      try FileManager.default.removeItem(atPath: path)
    }
    let store = try Store.open(at: path)
    var rng = SplitMix(seed: 7)
    let perPupil = max(4, events / max(pupils, 1))
    var written = 0
    var ids: [AggregateID] = []
    try store.batch { batch in
      for n in 0..<pupils {
        let id = AggregateID(String(format: "pgen%06d", n))
        ids.append(id)
        let dob = today.adding(days: -(4 * 365 + Int(rng.next() % UInt64(12 * 365))))
        let pupil = Pupil(
          id: id,
          legalName: PersonName(
            given: given[Int(rng.next() % UInt64(given.count))],
            family: family[Int(rng.next() % UInt64(family.count))]),
          dateOfBirth: dob)
        let start = today.adding(days: -Int(200 + rng.next() % 400))
        let need = needs[Int(rng.next() % UInt64(needs.count))]
        let roll = rng.next() % 100
        var setup: [PupilEdit] = []
        if roll < 15 {
          setup.append(.startMonitoring(on: start))
        } else {
          setup.append(.startSENSupport(on: start, needs: [need], parentsInformed: start))
          if roll < 27 {
            // A plan held as a school starting with Caseload records it: issued, and reviewed once a year is up.
            let issued = start.adding(days: 30)
            let reviewed = issued.adding(months: pupil.ehcReviewMonths(from: issued))
            setup.append(
              .recordHeldEHCPlan(
                issued: issued, authority: "Generated County Council",
                lastReview: reviewed <= today ? reviewed : nil))
          }
        }
        setup.append(.startCycle(on: start.adding(days: 31), carryForward: false))
        setup.append(
          .addOutcome(
            Outcome(
              area: need.area, text: "Reads and spells 100 common words",
              successCriteria: "Reads 90 of 100 aloud")))
        // Reviews spread as in a real caseload: a few overdue, most in the coming term.
        setup.append(.setReviewDate(today.adding(days: Int(rng.next() % 120) - 14)))
        if rng.next() % 4 != 0 {
          setup.append(.enterStage(.plan, on: start.adding(days: 38)))
          setup.append(
            .recordAgreement(Agreement(agreedBy: "Parent and pupil", on: start.adding(days: 40))))
          setup.append(.enterStage(.do, on: start.adding(days: 45)))
        }
        let meetings = Int(rng.next() % 5)
        let yearStart = SchoolYear(containing: today).firstDay
        for m in 0..<meetings {
          let date = yearStart.adding(
            days: Int(rng.next() % UInt64(max(1, yearStart.days(until: today)))))
          setup.append(
            .log(
              LogEntry(
                kind: .meeting, date: date, who: "Parent", withParents: true,
                summary: "Meeting \(m + 1)")))
        }
        try batch.step { try $0.add(pupil, today: today) }
        for edit in setup { try batch.step { try $0.edit(id, edit, today: today) } }
        written += 1 + setup.count
      }
      // The rest of the history: everyday edits spread over the caseload.
      var k = 0
      while written < events {
        let id = ids[Int(rng.next() % UInt64(ids.count))]
        let choice = rng.next() % 4
        try batch.step { step in
          switch choice {
          case 0:
            try step.edit(
              id, .setReviewDate(today.adding(days: Int(rng.next() % 120) - 7)), today: today)
          case 1:
            try step.edit(
              id, .setPupilVoice("I like it when Miss reads with me (\(k))."), today: today)
          case 2:
            try step.edit(id, .setParentViews("Reading at home most nights (\(k))."), today: today)
          default:
            try step.edit(
              id,
              .setProfile(
                PupilProfile(
                  strengths: "Kind, creative (\(k))", needs: "Phonics",
                  whatWorks: "Visual timetable")),
              today: today)
          }
        }
        written += 1
        k += 1
      }
      _ = perPupil
    }
  }
}

struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Generator {
  /// A pupil with twelve years of history: monitoring, then SEN support with 36 reviewed cycles, and a concern or
  /// meeting every three weeks (200 in all), ending before `today`.
  static func twelveYears(today: Day) -> Pupil {
    let start = today.adding(days: -(36 * 120 + 200))
    var p = Pupil(
      id: AggregateID("pgenlong"), legalName: PersonName(given: "Amir", family: "Haddad"),
      dateOfBirth: start.adding(years: -5))
    let support = start.adding(days: 120)
    p.senPeriods = [
      SENPeriod(status: .monitoring, start: start, end: support),
      SENPeriod(status: .senSupport, start: support, needs: [.SLCN]),
    ]
    for i in 0..<36 {
      let from = support.adding(days: i * 120)
      var c = Cycle(id: i + 1, started: from)
      c.planFrom = from.adding(days: 7)
      c.doFrom = from.adding(days: 14)
      c.reviewFrom = from.adding(days: 100)
      c.closed = from.adding(days: 100)
      c.stage = .review
      c.plan.outcomes = [
        Outcome(id: 1000 + i, area: .communicationAndInteraction, text: "Talk in a group of four")
      ]
      c.plan.reviewDate = from.adding(days: 100)
      c.review = Review(
        date: from.adding(days: 100),
        ratings: [
          OutcomeRating(outcomeID: 1000 + i, rating: i % 2 == 0 ? .achieved : .notAchieved)
        ],
        progress: .expected, decision: .continue)
      p.cycles.append(c)
    }
    for i in 0..<200 {
      p.chronology.append(
        LogEntry(
          id: 2000 + i, kind: i % 5 == 0 ? .concern : .meeting,
          date: start.adding(days: i * 21 + 3),
          who: "Staff \(i)", withParents: i % 2 == 0, summary: "Note \(i)"))
    }
    p.nextLocalID = 3000
    return p
  }
}
