import CaseloadCore
import Foundation
import GRDB

/// Review meetings in progress are kept per user beside the preferences, outside the history: a paused meeting
/// survives quitting and a killed process, and an abandoned one leaves no trace. Recording it is one step, and
/// the draft goes in the same transaction.
extension Store {
  static func draftKey(_ id: AggregateID) -> String { "meeting-draft:\(id.rawValue)" }

  /// The meeting this user has in progress for the pupil, if any.
  public func meetingDraft(for id: AggregateID) throws -> MeetingDraft? {
    guard let text = try preference(Self.draftKey(id)) else { return nil }
    do {
      return try JSONDecoder().decode(MeetingDraft.self, from: Data(text.utf8))
    } catch {
      throw StoreError(
        .damaged,
        "The paused meeting for this pupil cannot be read (\(error.localizedDescription)); abandon it to start again."
      )
    }
  }

  /// Keeps the meeting as it stands now (durably: a killed process loses nothing typed before).
  public func saveMeetingDraft(_ draft: MeetingDraft) throws {
    let data = try JSONEncoder().encode(draft)
    try setPreference(Self.draftKey(draft.pupilID), String(decoding: data, as: UTF8.self))
  }

  /// Abandons the meeting: nothing of it stays, in the history or anywhere else.
  public func discardMeetingDraft(for id: AggregateID) throws {
    try write { db in
      try db.execute(
        sql: "DELETE FROM preference WHERE user = ? AND key = ?",
        arguments: [actor.user, Self.draftKey(id)])
    }
  }

  /// Records the meeting (review, meeting contact, actions, next cycle and its review date) as one step and
  /// removes the draft with it.
  @discardableResult
  public func recordMeeting(_ draft: MeetingDraft, today: Day) throws -> StepRecord? {
    let name = try pupil(draft.pupilID)?.value.displayName ?? "The pupil"
    let summary =
      "\(name): review meeting for cycle \(draft.cycleID) on \(draft.date.british)"
      + (draft.decision.map { " — \($0.title)" } ?? "")
    return try perform(summary: summary) { step in
      guard let pupil = try step.pupil(draft.pupilID) else {
        throw StoreError(.notFound, "That pupil was removed in another session.")
      }
      for edit in try draft.edits(for: pupil) {
        try step.edit(draft.pupilID, edit, today: today)
      }
      try step.db.execute(
        sql: "DELETE FROM preference WHERE user = ? AND key = ?",
        arguments: [actor.user, Self.draftKey(draft.pupilID)])
    }.1
  }
}
