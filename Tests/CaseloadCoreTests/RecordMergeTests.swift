import Foundation
import Testing

@testable import CaseloadCore

/// Two people save the same pupil from the same version: what only one changed is kept, what both changed is a
/// clash shown in full, and items each added survive.
@Suite struct RecordMergeTests {
  let today = Fixture.today

  func planned() throws -> Pupil {
    try applying(
      [
        .startCycle(on: d("2025-11-03"), carryForward: false),
        .addOutcome(Fixture.outcome("Reads a page aloud", target: d("2026-02-13"))),
        .addOutcome(Fixture.outcome("Spells ten common words")),
        .setStrategies(["Seat near the front"]),
      ], to: try Fixture.onSupport(), today: today)
  }

  func merged(
    _ base: Pupil, _ mine: [PupilEdit], _ theirs: [PupilEdit], picks: [String: MergePick] = [:]
  )
    throws -> MergeOutcome<Pupil>
  {
    try RecordMerge.pupil(
      base: base, mine: try applying(mine, to: base, today: today),
      theirs: try applying(theirs, to: base, today: today), picks: picks)
  }

  @Test func changesToDifferentFieldsAreBothKept() throws {
    let base = try planned()
    let first = try #require(base.currentCycle?.plan.outcomes.first)
    var target = first
    target.targetDate = d("2026-03-06")
    var criteria = first
    criteria.successCriteria = "Reads 100 words with 95% accuracy"
    let outcome = try merged(
      base, [.updateOutcome(target), .setPupilVoice("I like reading with Mr Khan")],
      [.updateOutcome(criteria), .setReviewDate(d("2026-02-20"))])
    guard case .merged(let p) = outcome else {
      Issue.record("Expected a merge, got \(outcome)")
      return
    }
    let o = try #require(p.currentCycle?.plan.outcomes.first)
    #expect(o.targetDate == d("2026-03-06"))
    #expect(o.successCriteria == "Reads 100 words with 95% accuracy")
    #expect(p.currentCycle?.plan.pupilVoice == "I like reading with Mr Khan")
    #expect(p.currentCycle?.plan.reviewDate == d("2026-02-20"))
  }

  @Test func theSameFieldChangedTwiceIsOneClashInFullAndAPickSettlesIt() throws {
    let base = try planned()
    let long = String(
      repeating: "Feels OK about reading when the book is chosen with him. ", count: 4)
    let outcome = try merged(base, [.setPupilVoice(long)], [.setPupilVoice("Likes comics")])
    guard case .clashes(let clashes) = outcome else {
      Issue.record("Expected a clash, got \(outcome)")
      return
    }
    #expect(clashes.count == 1)
    let clash = try #require(clashes.first)
    #expect(
      clash.mine == long.trimmingCharacters(in: .whitespaces), "the whole of your text, not cut off"
    )
    #expect(clash.theirs == "Likes comics")
    #expect(clash.label.contains("pupil's views"), "\(clash.label)")
    #expect(clash.label.hasPrefix("Cycle 1"), "\(clash.label)")

    guard
      case .merged(let mine) = try merged(
        base, [.setPupilVoice(long)], [.setPupilVoice("Likes comics")], picks: [clash.id: .mine])
    else { throw MergeTestFailure() }
    #expect(mine.currentCycle?.plan.pupilVoice == long.trimmingCharacters(in: .whitespaces))
    guard
      case .merged(let theirs) = try merged(
        base, [.setPupilVoice(long)], [.setPupilVoice("Likes comics")], picks: [clash.id: .theirs])
    else { throw MergeTestFailure() }
    #expect(theirs.currentCycle?.plan.pupilVoice == "Likes comics")
  }

  @Test func twoPeopleAddingAnOutcomeEachKeepBoth() throws {
    let base = try planned()
    let outcome = try merged(
      base, [.addOutcome(Fixture.outcome("Writes three sentences"))],
      [.addOutcome(Fixture.outcome("Asks for help when stuck"))])
    guard case .merged(let p) = outcome else {
      Issue.record("Expected a merge, got \(outcome)")
      return
    }
    let outcomes = try #require(p.currentCycle?.plan.outcomes)
    #expect(
      outcomes.map(\.text) == [
        "Reads a page aloud", "Spells ten common words", "Asks for help when stuck",
        "Writes three sentences",
      ])
    #expect(Set(outcomes.map(\.id)).count == 4, "each outcome has its own id")
    #expect(outcomes.allSatisfy { $0.id < p.nextLocalID }, "the next id is past every id used")
    #expect(RecordCheck.problems(in: p).isEmpty)
  }

  @Test func aLinkToYourNewOutcomeFollowsItsNewID() throws {
    let base = try planned()
    var mine = try applying(
      [.addOutcome(Fixture.outcome("Writes three sentences"))], to: base, today: today)
    let newID = try #require(mine.currentCycle?.plan.outcomes.last?.id)
    mine = try applying(
      [
        .addProvision(
          Provision(
            intervention: "Writing group", sessionsPerWeek: 2, minutesPerSession: 30, weeks: 10,
            staffRole: "Teaching assistant", hourlyRate: Money(pence: 1500), start: d("2025-11-10"),
            outcomeIDs: [newID]))
      ], to: mine, today: today)
    let theirs = try applying(
      [.addOutcome(Fixture.outcome("Asks for help when stuck"))], to: base, today: today)
    guard case .merged(let p) = try RecordMerge.pupil(base: base, mine: mine, theirs: theirs)
    else { throw MergeTestFailure() }
    let plan = try #require(p.currentCycle?.plan)
    let writing = try #require(plan.outcomes.first { $0.text == "Writes three sentences" })
    #expect(plan.provision.first?.outcomeIDs == [writing.id])
  }

  @Test func strategiesAddedOnBothSidesAreAllKept() throws {
    let base = try planned()
    let outcome = try merged(
      base, [.setStrategies(["Seat near the front", "Coloured overlay"])],
      [.setStrategies(["Seat near the front", "Movement breaks"])])
    guard case .merged(let p) = outcome else { throw MergeTestFailure() }
    #expect(
      p.currentCycle?.plan.strategies == [
        "Seat near the front", "Movement breaks", "Coloured overlay",
      ])
  }

  @Test func anOutcomeRemovedOnOneSideAndChangedOnTheOtherIsAClash() throws {
    let base = try planned()
    var changed = try #require(base.currentCycle?.plan.outcomes.first)
    changed.text = "Reads two pages aloud"
    let outcome = try merged(base, [.removeOutcome(id: changed.id)], [.updateOutcome(changed)])
    guard case .clashes(let clashes) = outcome else { throw MergeTestFailure() }
    #expect(clashes.count == 1)
    #expect(clashes.first?.mine == "(none)")
    #expect(clashes.first?.theirs.contains("Reads two pages aloud") == true)
    #expect(clashes.first?.label.contains("outcome “Reads two pages aloud”") == true)
  }

  @Test func anOutcomeRemovedOnOneSideAndUntouchedOnTheOtherGoes() throws {
    let base = try planned()
    let first = try #require(base.currentCycle?.plan.outcomes.first)
    guard
      case .merged(let p) = try merged(
        base, [.removeOutcome(id: first.id)], [.setParentViews("Pleased with progress")])
    else { throw MergeTestFailure() }
    #expect(p.currentCycle?.plan.outcomes.map(\.text) == ["Spells ten common words"])
    #expect(p.currentCycle?.plan.parentViews == "Pleased with progress")
  }

  @Test func aMoveOnOneSideKeepsTheOrderAndTheOtherSidesChange() throws {
    let base = try planned()
    var second = try #require(base.currentCycle?.plan.outcomes.last)
    second.successCriteria = "Ten of ten in the Friday test"
    let first = try #require(base.currentCycle?.plan.outcomes.first)
    guard
      case .merged(let p) = try merged(
        base, [.moveOutcome(id: first.id, toIndex: 1)], [.updateOutcome(second)])
    else { throw MergeTestFailure() }
    let outcomes = try #require(p.currentCycle?.plan.outcomes)
    #expect(outcomes.map(\.text) == ["Spells ten common words", "Reads a page aloud"])
    #expect(outcomes.first?.successCriteria == "Ten of ten in the Friday test")
  }

  @Test func bothSidesMakingTheSameChangeIsNoClash() throws {
    let base = try planned()
    guard
      case .merged(let p) = try merged(
        base, [.setReviewDate(d("2026-02-20"))], [.setReviewDate(d("2026-02-20"))])
    else { throw MergeTestFailure() }
    #expect(p.currentCycle?.plan.reviewDate == d("2026-02-20"))
  }

  @Test func clashedDatesReadAsDates() throws {
    let base = try planned()
    guard
      case .clashes(let clashes) = try merged(
        base, [.setReviewDate(d("2026-02-20"))], [.setReviewDate(d("2026-02-27"))])
    else { throw MergeTestFailure() }
    #expect(clashes.map(\.mine) == ["Fri 20/02/2026"])
    #expect(clashes.map(\.theirs) == ["Fri 27/02/2026"])
  }

  @Test func everyPartOfAPupilsRecordIsMerged() {
    let stored = Set(Mirror(reflecting: Fixture.oisin()).children.compactMap(\.label))
    #expect(stored == RecordMerge.pupilParts, "a part added to the pupil needs a line in the merge")
  }

  @Test func aLogEntryEachOnAPupilWithALongRecordKeepsBoth() throws {
    var base = try planned()
    for n in 0..<300 {
      base = try applying(
        [.log(LogEntry(kind: .call, date: d("2025-10-01"), who: "Mr Khan", summary: "Call \(n)"))],
        to: base, today: today)
    }
    let outcome = try merged(
      base,
      [.log(LogEntry(kind: .concern, date: today, who: "Mrs Airey", summary: "Tired"))],
      [
        .log(LogEntry(kind: .call, date: today, who: "Mr Khan", summary: "Rang home")),
        .setUPN("A123456789012"),
      ])
    guard case .merged(let p) = outcome else { throw MergeTestFailure() }
    #expect(p.chronology.count == 302)
    #expect(Set(p.chronology.map(\.id)).count == 302)
    #expect(p.chronology.suffix(2).map(\.summary).sorted() == ["Rang home", "Tired"])
    #expect(p.upn == "A123456789012")
  }

  @Test func twoPeopleChangingDifferentActionsOfAReviewKeepBoth() throws {
    var base = try Fixture.runCycle(
      try Fixture.onSupport(), start: d("2025-09-08"), progress: .expected)
    let cycle = try #require(base.cycles.last)
    var review = try #require(cycle.review)
    review.actions = [
      ReviewAction(text: "Send the spellings home", owner: "Class teacher", due: d("2025-12-05")),
      ReviewAction(text: "Book the speech therapist", owner: "SENCo", due: d("2025-12-12")),
    ]
    base.cycles[base.cycles.count - 1].review = review
    var first = review.actions[0]
    first.done = d("2025-12-01")
    var second = review.actions[1]
    second.due = d("2025-12-19")
    guard
      case .merged(let p) = try merged(
        base, [.updateReviewAction(cycle: cycle.id, index: 0, first)],
        [.updateReviewAction(cycle: cycle.id, index: 1, second)])
    else { throw MergeTestFailure() }
    let actions = try #require(p.cycles.last?.review?.actions)
    #expect(actions.map(\.done) == [d("2025-12-01"), nil])
    #expect(actions.map(\.due) == [d("2025-12-05"), d("2025-12-19")])
  }

  @Test func aListWithTwoItemsUnderOneIdIsNeverThinned() throws {
    var base = try planned()
    let entry = LogEntry(kind: .call, date: d("2025-12-01"), who: "Mr Khan", summary: "Rang home")
    base = try applying([.log(entry)], to: base, today: today)
    var twin = try #require(base.chronology.last)
    twin.summary = "Rang home again"
    base.chronology.append(twin)  // a damaged record: two entries share an id
    // Both add to the log: item by item, one of the twins would be lost. The list is compared whole instead,
    // and what cannot be joined is shown, not dropped.
    let outcome = try merged(
      base, [.log(LogEntry(kind: .concern, date: today, who: "Mrs Airey", summary: "Tired"))],
      [.log(LogEntry(kind: .note, date: today, who: "Mr Khan", summary: "Note"))])
    switch outcome {
    case .merged(let p):
      #expect(p.chronology.map(\.summary).contains("Rang home again"), "neither twin is dropped")
      #expect(p.chronology.count == base.chronology.count + 2)
    case .clashes(let clashes):
      #expect(clashes.map(\.label) == ["Log"])
      #expect(clashes.first?.theirs.contains("Rang home again") == true)
    }
  }

  @Test func aNextIdOutOfRangeIsRefusedNotWrappedRound() throws {
    let base = try planned()
    var mine = try applying(
      [.addOutcome(Fixture.outcome("Writes three sentences"))], to: base, today: today)
    var theirs = try applying(
      [.addOutcome(Fixture.outcome("Asks for help"))], to: base, today: today)
    mine.nextLocalID = Int.max
    theirs.nextLocalID = Int.max
    #expect(throws: EditError.self) {
      try RecordMerge.pupil(base: base, mine: mine, theirs: theirs)
    }
  }

  @Test func settingsMergeFieldByField() throws {
    let base = SchoolSettings.defaults(today: today)
    var mine = base
    mine.schoolName = "Fellside Primary"
    var theirs = base
    theirs.parentMeetingsPerYear = 4
    guard case .merged(let s) = try RecordMerge.merge(base: base, mine: mine, theirs: theirs)
    else { throw MergeTestFailure() }
    #expect(s.schoolName == "Fellside Primary")
    #expect(s.parentMeetingsPerYear == 4)
  }
}

struct MergeTestFailure: Error {}

@Suite struct JSONValueBytesTests {
  @Test func aRecordReadsAndWritesAsFoundationDoes() throws {
    var p = Fixture.oisin()
    p.registrationGroup = "4\"E\" \\ / \n\t é 王 👩‍👩‍👧"
    let data = try JSONEncoder().encode(p)
    let parsed = try JSONValue(parsing: data)
    #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: data)))
    #expect(try JSONDecoder().decode(Pupil.self, from: parsed.data) == p)
  }

  @Test(arguments: ["", "{", "[1,", "{\"a\" 1}", "tru", "\"open", "1e999", "[1] 2"])
  func brokenTextIsRefused(_ text: String) {
    #expect(throws: (any Error).self) { try JSONValue(parsing: Data(text.utf8)) }
  }

  @Test func deepNestingIsRefusedNotACrash() {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: (any Error).self) { try JSONValue(parsing: Data(deep.utf8)) }
  }
}
