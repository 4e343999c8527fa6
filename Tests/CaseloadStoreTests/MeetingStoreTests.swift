import CaseloadCore
import Foundation
import GRDB
import Testing

@testable import CaseloadStore

/// A review meeting's draft is kept outside the history; recording it is one step that undo takes back whole.
@Suite struct MeetingStoreTests {
  /// A pupil whose cycle is at do with two outcomes, and a finished meeting draft for it.
  func ready(_ store: Store) throws -> MeetingDraft {
    let id = try addSupportedPupil(store)
    try store.perform { step in
      for text in ["Reads 50 words", "Writes a sentence"] {
        try step.edit(
          id, .addOutcome(Outcome(area: .cognitionAndLearning, text: text)), today: today)
      }
      try step.edit(id, .enterStage(.plan, on: Day(iso: "2026-09-17")!), today: today)
      try step.edit(
        id, .recordAgreement(Agreement(agreedBy: "Mrs Lovelace", on: Day(iso: "2026-09-17")!)),
        today: today)
      try step.edit(id, .enterStage(.do, on: Day(iso: "2026-09-24")!), today: today)
    }
    let pupil = try #require(try store.pupil(id)).value
    var draft = MeetingDraft(
      pupil: pupil, date: today, settings: SchoolSettings.defaults(today: today))
    draft.present = [Participant(role: .parentCarer, name: "Mrs Lovelace")]
    let outcomes = try #require(pupil.currentCycle).plan.outcomes
    draft.rate(outcomes[0].id, .achieved)
    draft.rate(outcomes[1].id, .notAchieved, note: "Still copying from the board")
    draft.progress = .lessThanExpected
    draft.decision = .continue
    draft.actions = [ReviewAction(text: "Try a writing frame", owner: "Class teacher")]
    return draft
  }

  @Test func aDraftSurvivesReopeningAndAbandoningItLeavesNoTrace() throws {
    let folder = TemporaryFolder()
    var store = try openStore(folder)
    let draft = try ready(store)
    let events = try store.eventCount()
    try store.saveMeetingDraft(draft)
    store = try openStore(folder)  // as after a killed process
    #expect(try store.meetingDraft(for: draft.pupilID) == draft)
    #expect(
      try openStore(folder, as: bob).meetingDraft(for: draft.pupilID) == nil, "drafts are per user")
    try store.discardMeetingDraft(for: draft.pupilID)
    #expect(try store.meetingDraft(for: draft.pupilID) == nil)
    #expect(try store.eventCount() == events, "nothing in the history")
  }

  @Test func recordingIsOneStepThatUndoTakesBackWhole() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    let draft = try ready(store)
    try store.saveMeetingDraft(draft)
    let before = try UndoTests.documents(store)
    let record = try #require(try store.recordMeeting(draft, today: today))
    #expect(record.summary == "Ada Lovelace 1: review meeting for cycle 1 on 29/11/2026 — continue")
    #expect(try store.meetingDraft(for: draft.pupilID) == nil, "the draft goes with the recording")
    let after = try #require(try store.pupil(draft.pupilID)).value
    #expect(after.cycles.count == 2)
    #expect(after.cycles[0].review?.actions.map(\.text) == ["Try a writing frame"])
    #expect(after.cycles[1].plan.outcomes.map(\.text) == ["Writes a sentence"])
    #expect(after.cycles[1].plan.reviewDate == draft.nextReview)
    #expect(after.chronology.last?.withParents == true)
    let undone = try store.undo()
    #expect(undone.summary == record.summary)
    #expect(try UndoTests.documents(store) == before)
  }

  @Test func anUnfinishedMeetingIsRefusedAndNothingChanges() throws {
    let folder = TemporaryFolder()
    let store = try openStore(folder)
    var draft = try ready(store)
    draft.decision = nil
    let events = try store.eventCount()
    #expect(throws: EditError.self) { try store.recordMeeting(draft, today: today) }
    #expect(try store.eventCount() == events)
  }
}
