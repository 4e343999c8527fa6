import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// What came of saving one step from an editor.
public enum SaveResult: Sendable {
  /// Saved: the step's summary and its warnings, one line (a merge with another session's save says so).
  case saved(String)
  /// Nothing differed from what is stored.
  case nothingChanged
  /// Another session saved the record since it was loaded, and changed values you changed too: the box to pick.
  case conflict(MergeBox)
  /// A rule refused the change (the domain's sentence); nothing was saved.
  case refused(String)
}

/// What an editor asks to save: the app's runner saves it as one step and hands the result back to the editor.
public struct SaveRequest: Sendable {
  public enum What: Sendable {
    /// Edits made on the pupil as loaded (`base`): another session's save since merges with them.
    case pupil(AggregateID, [PupilEdit], base: Loaded<Pupil>)
    case newPupil(Pupil)
    /// Edits made on the settings as loaded, merged in the same way.
    case settings([SettingsEdit], base: Loaded<SchoolSettings>)
    /// The review meeting recorded as one step (the draft goes with it).
    case meeting(MeetingDraft)
    /// The meeting in progress, kept outside the history so pausing or a killed process loses nothing.
    case keepDraft(MeetingDraft)
    /// The meeting in progress dropped: nothing of it stays.
    case dropDraft(AggregateID)
  }

  public var what: What
  /// The side picked for each value both sessions changed (after the merge box).
  public var picks: [String: MergePick] = [:]

  public init(_ what: What, picks: [String: MergePick] = [:]) {
    self.what = what
    self.picks = picks
  }
}

/// The app's saving of what editors ask: each save is one step over the version the editor loaded, merged with any
/// save made since.
enum EditorSaving {
  static func save(_ request: SaveRequest, store: Store, today: Day) -> SaveResult {
    let picks = request.picks
    switch request.what {
    case .meeting(let draft):
      return outcome(request) {
        try store.recordMeeting(draft, today: today).map { .saved($0.line) } ?? .nothingChanged
      }
    case .keepDraft(let draft):
      return outcome(request) {
        try store.saveMeetingDraft(draft)
        return .saved("")
      }
    case .dropDraft(let id):
      return outcome(request) {
        try store.discardMeetingDraft(for: id)
        return .saved("")
      }
    case .pupil, .newPupil, .settings: break
    }
    return outcome(request) {
      guard let record = try store.perform({ step in try write(request, step, today, picks) }).1
      else { return .nothingChanged }
      return .saved(record.line)
    }
  }

  private static func write(
    _ request: SaveRequest, _ step: StepWriter, _ today: Day, _ picks: [String: MergePick]
  ) throws {
    switch request.what {
    case .pupil(let id, let edits, let base):
      try step.edit(id, edits, over: base, today: today, picks: picks)
    case .newPupil(let pupil):
      try step.add(pupil, today: today)
    case .settings(let edits, let base):
      try step.editSettings(edits, over: base, today: today, picks: picks)
    case .meeting, .keepDraft, .dropDraft: break
    }
  }

  /// The result of a write, with every way it can fail said in a sentence.
  private static func outcome(_ request: SaveRequest, _ body: () throws -> SaveResult) -> SaveResult
  {
    do {
      return try body()
    } catch let conflict as MergeConflict {
      if case .newPupil = request.what { return .refused(conflict.explanation) }
      return .conflict(MergeBox(conflict, pending: request))
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
