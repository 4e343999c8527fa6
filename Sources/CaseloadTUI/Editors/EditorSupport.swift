import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// What came of saving one step from an editor.
enum SaveResult: Sendable {
  /// Saved: the step's summary and its warnings, one line (a merge with another session's save says so).
  case saved(String)
  /// Nothing differed from what is stored.
  case nothingChanged
  /// Another session saved the record since it was loaded, and changed values you changed too: the box to pick.
  case conflict(MergeBox)
  /// A rule refused the change (the domain's sentence); nothing was saved.
  case refused(String)
}

/// Saving from editors: each save is one step over the version the editor loaded, merged with any save made since.
enum EditorSaving {
  /// Applies `edits`, made on `base`, to the pupil in one step; another session's save since merges with it.
  static func pupil(
    _ id: AggregateID, _ edits: [PupilEdit], base: Loaded<Pupil>, picks: [String: MergePick] = [:],
    context: EditorContext
  ) -> SaveResult {
    run(context, pending: .pupil(id, edits, base: base)) { step in
      try step.edit(id, edits, over: base, today: context.today, picks: picks)
    }
  }

  /// Adds a new pupil as one step.
  static func add(_ pupil: Pupil, context: EditorContext) -> SaveResult {
    run(context, pending: nil) { try $0.add(pupil, today: context.today) }
  }

  /// Applies `edits`, made on `base`, to the school settings in one step, merging as for a pupil.
  static func settings(
    _ edits: [SettingsEdit], base: Loaded<SchoolSettings>, picks: [String: MergePick] = [:],
    context: EditorContext
  ) -> SaveResult {
    run(context, pending: .settings(edits, base: base)) { step in
      try step.editSettings(edits, over: base, today: context.today, picks: picks)
    }
  }

  private static func run(
    _ context: EditorContext, pending: MergeBox.Pending?, _ body: (StepWriter) throws -> Void
  ) -> SaveResult {
    do {
      guard let record = try context.store.perform(body).1 else { return .nothingChanged }
      return .saved(record.line)
    } catch let conflict as MergeConflict {
      guard let pending else { return .refused(conflict.explanation) }
      return .conflict(MergeBox(conflict, pending: pending))
    } catch let error as EditError {
      return .refused(error.message)
    } catch let error as StoreError {
      return .refused(error.message)
    } catch {
      return .refused("\(error)")
    }
  }
}

extension FieldRules {
  /// The domain's email rule, as a field check.
  static func emailProblem(_ text: String) -> String? { EmailAddress.problem(text) }

  /// Why `text` is not a phone number, or nil: digits with spaces, `+`, `-`, brackets; 6 to 15 digits.
  static func phoneProblem(_ text: String) -> String? {
    let p = text.trimmingCharacters(in: .whitespaces)
    let allowed = Set("0123456789 +-()")
    let digits = p.filter(\.isNumber).count
    guard p.allSatisfy({ allowed.contains($0) }), (6...15).contains(digits) else {
      return "\(p) is not a phone number: digits, spaces and + only, e.g. 01768 123456."
    }
    return nil
  }

  /// A check for an amount of money (an hourly rate).
  static func moneyProblem(_ text: String) -> String? {
    switch MoneyEntry.parse(text) {
    case .success: return nil
    case .failure(let error): return error.description
    }
  }

  /// A check for a whole number in `range`, naming what it counts.
  static func wholeNumber(_ range: ClosedRange<Int>, _ what: String)
    -> @Sendable (String) -> String?
  {
    { text in
      let t = text.trimmingCharacters(in: .whitespaces)
      guard let n = Int(t), range.contains(n) else {
        return "Type \(what) as a whole number from \(range.lowerBound) to \(range.upperBound)."
      }
      return nil
    }
  }

  /// A date field's hint where empty means today: "Empty: today, Sun 29/11/2026" or the weekday of the date.
  static func dateHintEmptyIsToday(_ context: EditorContext) -> @Sendable (String) -> String? {
    let today = context.today
    let typed = dateHint(context)
    return { text in
      if text.trimmingCharacters(in: .whitespaces).isEmpty {
        return "Empty means today, \(today.shortWeekdayName) \(today.british); or 31/12/2025, -2w"
      }
      return typed(text)
    }
  }
}

/// Rows of a list section in an editor (needs, staff roles, contacts): the highlighted one marked, scrolled to
/// keep it in view.
enum ListRows {
  /// Draws `lines` in `rows` from `top`, the `selected` one marked when `focused`; returns the rows used.
  @discardableResult
  static func draw(
    _ lines: [String], selected: Int, focused: Bool, into grid: inout Grid, top: Int, rows: Int,
    unicode: Bool
  ) -> Int {
    guard rows > 0 else { return 0 }
    let first = max(0, min(selected - rows + 1, lines.count - rows))
    for (i, line) in lines.dropFirst(max(first, 0)).prefix(rows).enumerated() {
      let index = max(first, 0) + i
      let marked = focused && index == selected
      grid.put(marked ? (unicode ? "▶ " : "> ") : "  ", row: top + i, column: 0, style: .bold)
      grid.put(
        line.sanitisedForTerminal, row: top + i, column: 2, style: marked ? .reverse : .plain,
        maxWidth: max(grid.width - 2, 0), overflow: .ellipsis)
    }
    return min(lines.count, rows)
  }
}
