import CaseloadCore
import Foundation
import GRDB

/// A save over another session's change that needs a person to choose: who saved in between, and each value both
/// changed, in full.
public struct MergeConflict: Error, Sendable, CustomStringConvertible {
  /// "Oisín's record was changed by jo@office at 10:02 since you opened it (“…”)."
  public var explanation: String
  public var clashes: [MergeClash]
  public var description: String { explanation }
}

extension StepWriter {
  /// Applies `edits`, made on the pupil as they were loaded (`base`), as this step's change. When nobody has saved
  /// the pupil since, the edits apply as they are; otherwise they merge with the other save (three-way, against
  /// `base`): what only one side changed is kept, and values both changed differently are settled by `picks` or
  /// refused as a `MergeConflict` naming them.
  @discardableResult
  public func edit(
    _ id: AggregateID, _ edits: [PupilEdit], over base: Loaded<Pupil>, today: Day,
    picks: [String: MergePick] = [:]
  ) throws -> Pupil {
    let row = try store.aggregateRow(db, id)
    if (row?.version ?? 0) == base.version {
      var after = base.value
      for edit in edits {
        after = try self.edit(id, edit, today: today, expectedVersion: base.version)
      }
      return after
    }
    guard let theirs = try pupil(id) else {
      throw StoreError(
        .notFound,
        "There is no pupil \(id) in the store; they were removed in another session since you opened them."
      )
    }
    var mine = base.value
    var summaries: [String] = []
    for edit in edits {
      let after = try edit.apply(to: mine, today: today)
      summaries.append(edit.summary(before: mine, after: after))
      warnings += edit.warnings(for: after)
      mine = after
    }
    if mine == base.value { return theirs }
    switch try RecordMerge.pupil(base: base.value, mine: mine, theirs: theirs, picks: picks) {
    case .merged(let merged):
      for summary in summaries { try stage(id, kind: .pupil, pupil: merged, summary: summary) }
      warnings.append("merged with \(try lastChange(id)) saved since you opened the record")
      return merged
    case .clashes(let clashes):
      throw MergeConflict(
        explanation: try store.conflict(db, id: id, name: nil).message, clashes: clashes)
    }
  }

  /// Changes the settings from the version loaded (`base`), merging with a save made since, as for a pupil.
  @discardableResult
  public func editSettings(
    _ edits: [SettingsEdit], over base: Loaded<SchoolSettings>, today: Day,
    picks: [String: MergePick] = [:]
  ) throws -> SchoolSettings {
    let stored = try store.loadSettings(db, today: today)
    if stored.version == base.version {
      var after = base.value
      for edit in edits {
        after = try editSettings(edit, today: today, expectedVersion: base.version)
      }
      return after
    }
    var mine = base.value
    var summaries: [String] = []
    for edit in edits {
      mine = try edit.apply(to: mine)
      summaries.append(edit.summary)
    }
    if mine == base.value { return stored.value }
    switch try RecordMerge.merge(base: base.value, mine: mine, theirs: stored.value, picks: picks) {
    case .merged(let merged):
      if let problem = RecordCheck.problems(in: merged).first {
        throw EditError("Your change and theirs cannot both stand: \(problem).")
      }
      for summary in summaries {
        try stage(
          .settings, kind: .settings, document: try Documents.encode(merged), summary: summary)
      }
      warnings.append(
        "merged with \(try lastChange(.settings)) saved since you opened the settings")
      return merged
    case .clashes(let clashes):
      throw MergeConflict(
        explanation: try store.conflict(db, id: .settings, name: "The school settings record")
          .message,
        clashes: clashes)
    }
  }

  /// "jo@office's change at 10:02"
  private func lastChange(_ id: AggregateID) throws -> String {
    let last = try Row.fetchOne(
      db, sql: "SELECT actor, at FROM event WHERE aggregate_id = ? ORDER BY seq DESC LIMIT 1",
      arguments: [id.rawValue])
    let who = (last?["actor"] as String?) ?? "another session"
    let when = (last?["at"] as String?).map(Timestamp.local) ?? "just now"
    return "\(who)'s change at \(when)"
  }
}
