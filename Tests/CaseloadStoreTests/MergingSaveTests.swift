import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// Two sessions (two connections to one file, as two terminals) save the same pupil from the same version.
@Suite struct MergingSaveTests {
  @Test func aSaveOverAnotherSessionsChangeMergesAndBothAreUndoableSteps() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let id = try addSupportedPupil(mine)
    let loaded = try #require(try mine.pupil(id))
    let theirs = try openStore(folder, as: bob)
    try theirs.edit(id, .setParentViews("Happy with the reading group"), today: today)

    let (_, step) = try mine.perform {
      try $0.edit(id, [.setPupilVoice("I like maths")], over: loaded, today: today)
    }
    let record = try #require(step)
    #expect(
      record.warnings.contains { $0.contains("merged with bob@laptop") }, "\(record.warnings)")
    let stored = try #require(try mine.pupil(id)?.value.currentCycle?.plan)
    #expect(stored.pupilVoice == "I like maths")
    #expect(stored.parentViews == "Happy with the reading group")
    // Undo takes back only this session's step: theirs stays.
    _ = try mine.undo()
    let after = try #require(try mine.pupil(id)?.value.currentCycle?.plan)
    #expect(after.pupilVoice == "")
    #expect(after.parentViews == "Happy with the reading group")
  }

  @Test func aClashIsRefusedUntilPickedAndNothingIsWrittenMeanwhile() throws {
    let folder = TemporaryFolder()
    let mine = try openStore(folder, as: alice)
    let id = try addSupportedPupil(mine)
    let loaded = try #require(try mine.pupil(id))
    let theirs = try openStore(folder, as: bob)
    try theirs.edit(id, .setReviewDate(Day(iso: "2027-01-15")!), today: today)
    let versionAfterTheirs = try #require(try mine.pupil(id)?.version)

    let conflict = try #require(throws: MergeConflict.self) {
      try mine.perform {
        try $0.edit(id, [.setReviewDate(Day(iso: "2027-01-22")!)], over: loaded, today: today)
      }
    }
    #expect(conflict.explanation.contains("bob@laptop"))
    #expect(conflict.clashes.map(\.theirs) == ["Fri 15/01/2027"])
    #expect(conflict.clashes.map(\.mine) == ["Fri 22/01/2027"])
    #expect(try mine.pupil(id)?.version == versionAfterTheirs, "nothing written")

    let pick = try #require(conflict.clashes.first?.id)
    try mine.perform {
      try $0.edit(
        id, [.setReviewDate(Day(iso: "2027-01-22")!)], over: loaded, today: today,
        picks: [pick: .mine])
    }
    #expect(try mine.pupil(id)?.value.currentCycle?.plan.reviewDate == Day(iso: "2027-01-22"))
  }

  @Test func whenNobodySavedInBetweenTheEditsApplyAsThey() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let id = try addSupportedPupil(store)
    let loaded = try #require(try store.pupil(id))
    let (_, step) = try store.perform {
      try $0.edit(id, [.setPupilVoice("I like maths")], over: loaded, today: today)
    }
    #expect(step?.warnings.isEmpty == true)
    #expect(try store.pupil(id)?.version == loaded.version + 1)
  }
}
