import CaseloadCore
import Foundation
import Testing

@testable import CaseloadStore

/// The school settings are one record that two sessions may edit: a save checks the version it was loaded at.
@Suite struct SettingsVersionTests {
  @Test func savingSettingsOverAnotherSessionsSaveIsAConflictNamingWhoSaved() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let theirs = try openStore(folder, as: bob)
    let opened = try mine.settings(today: today)
    #expect(opened.version == 0, "never saved: the defaults")
    try theirs.perform {
      try $0.editSettings(
        .setSchool(name: "Fell View Primary", localAuthority: "Cumberland", sendEmail: ""),
        today: today, expectedVersion: 0)
    }
    let error = try #require(throws: StoreError.self) {
      try mine.perform {
        try $0.editSettings(
          .setSchool(name: "Lakeside Primary", localAuthority: "", sendEmail: ""), today: today,
          expectedVersion: opened.version)
      }
    }
    #expect(error.kind == .conflict)
    #expect(error.message.contains("bob@laptop"))
    #expect(error.message.contains("The school settings record was changed"))
    let stored = try mine.settings(today: today)
    #expect(stored.value.schoolName == "Fell View Primary", "nothing was overwritten")
    #expect(stored.version == 1)
    // At the version they saved, the save goes through.
    try mine.perform {
      try $0.editSettings(.setRetentionYears(35), today: today, expectedVersion: stored.version)
    }
    #expect(try mine.settings(today: today).value.retentionYears == 35)
  }

  @Test func severalSettingsEditsInOneStepAllStickAndUndoTogether() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    try store.perform { step in
      try step.editSettings(
        .setSchool(name: "Fell View Primary", localAuthority: "Cumberland", sendEmail: ""),
        today: today, expectedVersion: 0)
      try step.editSettings(.setRetentionYears(40), today: today, expectedVersion: 0)
      try step.editSettings(.setParentMeetingsPerYear(4), today: today, expectedVersion: 0)
    }
    let saved = try store.settings(today: today).value
    #expect(saved.schoolName == "Fell View Primary", "the first edit is not lost to the later ones")
    #expect(saved.retentionYears == 40)
    #expect(saved.parentMeetingsPerYear == 4)
    #expect(try store.undo().summary.contains("school settings: Fell View Primary"))
    #expect(try store.settings(today: today).value == .defaults(today: today))
  }
}

/// The school's phases feed every pupil's agenda rows: changing them rebuilds the rows, and undo puts them back.
@Suite struct PhaseSettingTests {
  @Test func changingThePhasesMovesEveryPupilsTransferDatesAndUndoPutsThemBack() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    // Born 01/05/2020: Year 2 in 2026/27, with a plan held since March.
    let id = AggregateID("pphase")
    try store.perform { step in
      try step.add(
        Pupil(
          id: id, legalName: PersonName(given: "Ada", family: "Quayle"),
          dateOfBirth: Day(iso: "2020-05-01")!), today: today)
      try step.edit(
        id,
        .recordHeldEHCPlan(
          issued: Day(iso: "2026-03-02")!, authority: "Leeds", lastReview: nil, needs: [.ASD]),
        today: today)
    }
    func transfers() throws -> [String] {
      try store.openDeadlines(on: today).filter { $0.deadline.kind == .ehcPhaseTransfer }
        .map(\.deadline.due.iso).sorted()
    }
    #expect(try transfers() == ["2031-02-15", "2036-03-31"])
    try store.perform { try $0.editSettings(.setPhaseTransfers([-1, 2, 6, 11]), today: today) }
    #expect(
      try transfers() == ["2027-02-15", "2031-02-15", "2036-03-31"], "Year 2 moves this February")
    _ = try store.undo()
    #expect(try transfers() == ["2031-02-15", "2036-03-31"])
    try store.rebuildFromHistory()
    #expect(try transfers() == ["2031-02-15", "2036-03-31"])
  }
}
