import CaseloadCore
import CaseloadStore
import Foundation

extension ImportPlan {
  /// Applies exactly this plan as one undo step named "Import of FILE: N new, M changed": the new pupils added,
  /// the changed ones edited, nothing else touched (pupils not in the file stay as they are). A pupil saved by
  /// anyone since the plan was made is not overwritten: the whole import is refused and nothing is saved.
  /// Returns nil when the plan changes nothing.
  @discardableResult
  public func apply(to store: Store) throws -> StepRecord? {
    let rows = rows.filter { $0.outcome == .new || $0.outcome == .changed }
    guard !rows.isEmpty else { return nil }
    return try store.perform(summary: stepSummary) { step in
      for row in rows {
        guard let id = row.pupilID else { continue }
        // A new pupil goes in as the plan's edits made them: one record written, not one per edit.
        let edits = row.pupil.map { [PupilEdit.create($0)] } ?? row.edits
        for (i, edit) in edits.enumerated() {
          do {
            try step.edit(
              id, edit, today: today,
              expectedVersion: i == 0 && row.outcome == .changed ? row.expectedVersion : nil)
          } catch let error as EditError {
            throw EditError(
              "Line \(row.line) (\(row.name)): \(error.message) Nothing was imported.")
          }
        }
      }
    }.1
  }
}
