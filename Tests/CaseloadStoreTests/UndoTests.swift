import CaseloadCore
import Foundation
import GRDB
import Testing

@testable import CaseloadStore

@Suite struct UndoTests {
  @Test func undoAndRedoSurviveReopeningTheStore() throws {
    let folder = TemporaryFolder()
    var store = try openStore(folder)
    let id = try addSupportedPupil(store)
    try store.edit(
      id, .addOutcome(Outcome(area: .cognitionAndLearning, text: "Reads 50 words")), today: today)
    let withOutcome = try Self.documents(store)

    store = try openStore(folder)  // a restart: a new connection, nothing kept in memory
    let undone = try store.undo()
    #expect(undone.summary == "Ada Lovelace 1: outcome 1 added: Reads 50 words")
    #expect(try store.pupil(id)?.value.currentCycle?.plan.outcomes.isEmpty == true)

    store = try openStore(folder)
    let redone = try store.redo()
    #expect(redone.summary == undone.summary)
    #expect(
      try store.pupil(id)?.value.currentCycle?.plan.outcomes.map(\.text) == ["Reads 50 words"])
    #expect(try Self.documents(store) == withOutcome)
  }

  @Test func undoThenRedoIsTheIdentityOnState() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let id = try addSupportedPupil(store)
    for text in ["Reads 50 words", "Writes a sentence", "Counts to 100"] {
      try store.edit(
        id, .addOutcome(Outcome(area: .cognitionAndLearning, text: text)), today: today)
    }
    try store.edit(id, .setReviewDate(Day(iso: "2026-12-15")), today: today)
    let before = try Self.documents(store)
    for _ in 0..<3 { _ = try store.undo() }
    #expect(try Self.documents(store) != before)
    for _ in 0..<3 { _ = try store.redo() }
    #expect(try Self.documents(store) == before)
  }

  @Test func undoWalksBackStepByStepAndANewEditClearsRedo() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let id = try addSupportedPupil(store)
    try store.edit(id, .setReviewDate(Day(iso: "2026-12-01")), today: today)
    try store.edit(id, .setReviewDate(Day(iso: "2026-12-08")), today: today)
    _ = try store.undo()
    #expect(try store.pupil(id)?.value.nextReviewDate == Day(iso: "2026-12-01"))
    _ = try store.undo()
    #expect(try store.pupil(id)?.value.nextReviewDate == nil)
    _ = try store.redo()
    #expect(try store.pupil(id)?.value.nextReviewDate == Day(iso: "2026-12-01"))
    try store.edit(id, .setReviewDate(Day(iso: "2027-01-05")), today: today)
    #expect(throws: StoreError.self) { try store.redo() }
    _ = try store.undo()
    #expect(try store.pupil(id)?.value.nextReviewDate == Day(iso: "2026-12-01"))
  }

  @Test func undoingTheCreationRemovesThePupilAndRedoBringsThemBack() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    try store.perform { try $0.add(invented(7), today: today) }
    #expect(try store.summaries().count == 1)
    _ = try store.undo()
    #expect(try store.summaries().isEmpty)
    #expect(try store.pupil(AggregateID("ptest7")) == nil)
    _ = try store.redo()
    #expect(try store.summaries().map(\.displayName) == ["Ada Lovelace 7"])
  }

  @Test func undoIsRefusedWhenAnotherSessionChangedThePupilSince() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    let id = try addSupportedPupil(mine)
    try mine.edit(id, .setReviewDate(Day(iso: "2026-12-01")), today: today)
    try theirs.edit(id, .setPupilVoice("I like reading with Mr Patel."), today: today)
    let versionBefore = try mine.pupil(id)!.version

    let error = try #require(throws: StoreError.self) { try mine.undo() }
    #expect(error.kind == .undoRefused)
    #expect(error.message.contains("bob@laptop (ssh from 10.0.0.9)"))
    #expect(error.message.contains("pupil's voice updated"))
    #expect(error.message.contains("/20"))  // the time, as a date a person reads
    #expect(try mine.pupil(id)!.version == versionBefore)
    // Bob's own step is still his to undo, and then Alice's becomes undoable again.
    _ = try theirs.undo()
    _ = try mine.undo()
    #expect(try mine.pupil(id)?.value.nextReviewDate == nil)
  }

  @Test func eachUserUndoesTheirOwnSteps() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    let a = try addSupportedPupil(mine, 1)
    let b = try addSupportedPupil(theirs, 2)
    try mine.edit(a, .setReviewDate(Day(iso: "2026-12-01")), today: today)
    try theirs.edit(b, .setReviewDate(Day(iso: "2026-12-02")), today: today)
    _ = try mine.undo()
    #expect(try mine.pupil(a)?.value.nextReviewDate == nil)
    #expect(try mine.pupil(b)?.value.nextReviewDate == Day(iso: "2026-12-02"))
  }

  @Test func nothingToUndoIsSaidPlainly() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let error = try #require(throws: StoreError.self) { try store.undo() }
    #expect(error.message == "Nothing to undo: alice has no steps left to undo.")
  }

  @Test func savingOverANewerVersionIsAConflictNamingWhoSaved() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    let id = try addSupportedPupil(mine)
    let opened = try mine.pupil(id)!.version
    try theirs.edit(id, .setPupilVoice("Spelling is hard."), today: today)
    let error = try #require(throws: StoreError.self) {
      try mine.edit(
        id, .setParentViews("We read every night."), today: today, expectedVersion: opened)
    }
    #expect(error.kind == .conflict)
    #expect(error.message.contains("bob@laptop"))
    #expect(try mine.pupil(id)?.value.currentCycle?.plan.parentViews == "")
  }

  @Test func aRejectedEditLeavesNoTrace() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let id = try addSupportedPupil(store)
    let events = try store.eventCount()
    let error = try #require(throws: EditError.self) {
      try store.edit(id, .setNeeds([.NSA, .SPLD]), today: today)
    }
    #expect(error.message.contains("NSA"))
    #expect(try store.eventCount() == events)
  }

  @Test func aStepOfSeveralEditsIsOneEventPerPupilAndOneUndo() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let id = try addSupportedPupil(store)
    let events = try store.eventCount()
    try store.perform(summary: "review meeting") { step in
      try step.edit(
        id, .addOutcome(Outcome(area: .semh, text: "Names three feelings")), today: today)
      try step.edit(id, .setReviewDate(Day(iso: "2027-02-01")), today: today)
    }
    #expect(try store.eventCount() == events + 1)
    #expect(try store.undo().summary == "review meeting")
    #expect(try store.pupil(id)?.value.currentCycle?.plan.outcomes.isEmpty == true)
  }

  @Test func aSecondPupilWithTheSameUPNIsRefused() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let upn = "\(UPN.checkLetter(forLastTwelve: "820200101001")!)820200101001"
    var first = invented(1)
    first.upn = upn
    var second = invented(2, given: "Grace", family: "Hopper")
    second.upn = upn
    try store.perform { try $0.add(first, today: today) }
    let error = try #require(throws: EditError.self) {
      try store.perform { try $0.add(second, today: today) }
    }
    #expect(error.message.contains("already belongs to Ada Lovelace 1"))
  }

  /// Every record's document: the state, leaving aside version numbers, which only ever grow.
  static func documents(_ store: Store) throws -> [String: Data?] {
    try store.read { db in
      var out: [String: Data?] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT id, document FROM aggregate") {
        out[row["id"]] = row["document"] as Data?
      }
      return out
    }
  }
}

@Suite struct UndoEdgeTests {
  func upn(_ rest: String) -> String { "\(UPN.checkLetter(forLastTwelve: rest)!)\(rest)" }

  @Test func undoThatWouldGiveTwoPupilsOneUPNIsRefused() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    var ada = invented(1)
    ada.upn = upn("820200101001")
    try mine.perform { try $0.add(ada, today: today) }
    try mine.edit(ada.id, .setUPN(upn("820200101002")), today: today)
    var grace = invented(2, given: "Grace", family: "Hopper")
    grace.upn = upn("820200101001")
    try theirs.perform { try $0.add(grace, today: today) }

    let error = try #require(throws: StoreError.self) { try mine.undo() }
    #expect(error.kind == .undoRefused)
    #expect(error.message.contains("would give the UPN \(upn("820200101001")) to two pupils"))
    #expect(error.message.contains("Grace Hopper 2"))
    #expect(Set(try mine.summaries().map(\.displayName)) == ["Ada Lovelace 1", "Grace Hopper 2"])
    let before = try mine.stateDump()
    try mine.rebuildFromHistory()
    #expect(try mine.stateDump() == before)
  }

  @Test func twoPupilsWithOneUPNInOneStepAreRefused() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    var a = invented(1)
    var b = invented(2)
    a.upn = upn("820200101001")
    b.upn = a.upn
    let error = try #require(throws: EditError.self) {
      try store.perform { step in
        try step.add(a, today: today)
        try step.add(b, today: today)
      }
    }
    #expect(error.message.contains("already belongs to Ada Lovelace 1"))
    #expect(try store.summaries().isEmpty)
  }

  @Test func keepingABlockedStepLetsTheOneBeforeItBeUndone() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    let p = try addSupportedPupil(mine, 1)
    let q = try addSupportedPupil(theirs, 2)
    try mine.edit(p, .setPupilVoice("I like maths."), today: today)
    try mine.edit(q, .setPupilVoice("Reading is fun."), today: today)
    try theirs.edit(q, .setParentViews("He reads every night."), today: today)
    #expect(throws: StoreError.self) { try mine.undo() }
    #expect(throws: StoreError.self) { try mine.undo() }  // still blocked: the stack does not skip by itself
    #expect(try mine.keepLastStep().summary == "Ada Lovelace 2: pupil's voice updated")
    #expect(try mine.undo().summary == "Ada Lovelace 1: pupil's voice updated")
    #expect(try mine.pupil(p)?.value.currentCycle?.plan.pupilVoice == "")
    #expect(try mine.pupil(q)?.value.currentCycle?.plan.pupilVoice == "Reading is fun.")
  }
}

@Suite struct UndoWordingTests {
  /// The refusal names the pupil from their record, whatever the step's summary says.
  @Test func aRefusedRedoNamesThePupilNotTheSummary() throws {
    let folder = TemporaryFolder()
    let a = try openStore(folder, as: alice)
    let b = try openStore(folder, as: bob)
    let id = try addSupportedPupil(a)
    try a.edit(id, .setPupilVoice("Mine"), today: today)
    _ = try a.undo()
    try b.edit(id, .setPupilVoice("Bob's"), today: today)
    do {
      _ = try a.redo()
      Issue.record("redo over Bob's change")
    } catch let error as StoreError {
      #expect(error.kind == .undoRefused)
      #expect(
        error.message.contains("Ada Lovelace 1 has been changed since by bob@laptop"),
        "\(error.message)")
      #expect(!error.message.contains("Redo has been changed"))
    }
  }

  @Test func aRedoThatWouldMakeAPupilTwiceIsAConflict() throws {
    let folder = TemporaryFolder()
    let a = try openStore(folder, as: alice)
    let b = try openStore(folder, as: bob)
    let first = invented(7)
    try a.perform { try $0.add(first, today: today) }
    _ = try a.undo()
    var again = invented(7)
    again.id = AggregateID("ptestagain")
    try b.perform { try $0.add(again, today: today) }
    do {
      _ = try a.redo()
      Issue.record("redo made the pupil twice")
    } catch let error as StoreError {
      #expect(error.kind == .conflict)
      #expect(
        error.message.contains("has been added again since, by bob@laptop"), "\(error.message)")
    }
    #expect(try a.pupil(first.id) == nil)
    #expect(try a.pupilCount() == 1)
  }
}
