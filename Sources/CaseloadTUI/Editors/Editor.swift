import CaseloadCore
import CaseloadStore
import TerminalUI

/// What an editor may read: a record as stored now with its version, and this user's paused meeting. Reading
/// only: every write goes back to the app as an outcome, which its runner does. The store answers in the app;
/// tests answer from memory, with no database.
public protocol RecordReader: Sendable {
  func pupil(_ id: AggregateID) throws -> Loaded<Pupil>?
  func settings(today: Day) throws -> Loaded<SchoolSettings>
  func meetingDraft(for id: AggregateID) throws -> MeetingDraft?
}

extension Store: RecordReader {}

/// What an editor works with: where it reads records, and the day and school it edits for.
public struct EditorContext: Sendable {
  public let records: any RecordReader
  public let today: Day
  public let settings: SchoolSettings
  public let unicode: Bool

  public init(
    records: any RecordReader, today: Day, settings: SchoolSettings, unicode: Bool = true
  ) {
    self.records = records
    self.today = today
    self.settings = settings
    self.unicode = unicode
  }
}

/// What an editor tells the screen after a key.
public enum EditorOutcome: Sendable {
  /// Still editing (the message line is cleared or kept by the editor's own `message`).
  case stay
  /// Saved as one step: the screen reloads the caseload and shows the summary.
  case saved(String)
  /// Saved as one step, and the editor stays open (the plan editor goes back to its list): the screen reloads
  /// the caseload and shows the summary.
  case savedAndStay(String)
  /// The editor's own undo key (`u` in the plan editor's lists, where no text field takes it): the screen
  /// undoes as for Alt-U, then reloads the editor.
  case undo
  /// Asked to close. The screen asks first when there are unsaved changes.
  case close
  /// The text of a field, to edit in `$EDITOR`.
  case editExternally(text: String, tag: String)
  /// Save this as one step: the app saves it and gives the result to ``Editor/finish(_:context:)``.
  case save(SaveRequest)
}

/// A screen that changes a record: the pupil's details, the plan, the school settings. Each save is one undo
/// step; another session's save since the editor opened is a conflict, never overwritten.
public protocol Editor: Sendable {
  /// "Oisín O'Brien — details"
  var title: String { get }
  var isDirty: Bool { get }
  /// The pupil this editor changes, if it changes one that exists.
  var pupilID: AggregateID? { get }
  /// What the access log calls opening it ("plan"), when opening it is a look at the pupil's record worth logging.
  var accessName: String? { get }
  /// A line for the message row: what went wrong, or what just happened.
  var message: (text: String, isError: Bool)? { get }
  mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome
  /// What came of the save the editor asked for (`.save`): saved, nothing changed, a clash to settle, refused.
  mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome
  /// Reads the record again (after an undo or redo, or to take another session's change). Returns false when the
  /// record no longer exists.
  mutating func reload(context: EditorContext) -> Bool
  mutating func receive(externalText: String?, tag: String)
  /// Draws into `rows` of the grid, full width.
  func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext)
  /// The footer line of keys: the shared editor keys, unless the editor is in a list of its own.
  func footerHints(width: Int) -> String
  /// What F1 lists: the shared editor keys, and an editor's own keys before them.
  var helpLines: [String] { get }
  /// The app's once-a-second tick while the editor is open: the meeting asks to keep its draft with it.
  mutating func tick(context: EditorContext) -> EditorOutcome
  /// The terminal's size, when the editor opens and whenever it changes: for wrapping and scrolling by keys.
  mutating func fit(width: Int, height: Int)
  /// A line for the message row once the editor has closed itself (`.close`), or nil.
  var closingMessage: (text: String, isError: Bool)? { get }
  /// The record and the version the editor shows, so another session's save is noticed; nil: it does not refresh.
  var loadedAt: (record: AggregateID, version: Int)? { get }
  /// Takes another session's save of the record: what the user has not touched shows the new values (all of it
  /// when nothing is unsaved). Returns false when the record no longer exists.
  mutating func refresh(context: EditorContext) -> Bool
}

extension Editor {
  public func footerHints(width: Int) -> String {
    editorKeys.footerHints(width: width, measure: { $0.displayWidth })
  }

  public var helpLines: [String] {
    editorKeys.helpLines(measure: { $0.displayWidth }) + mergeHelp
  }

  public mutating func tick(context: EditorContext) -> EditorOutcome { .stay }
  public mutating func fit(width: Int, height: Int) {}

  public var closingMessage: (text: String, isError: Bool)? { nil }

  public var accessName: String? { nil }

  public var loadedAt: (record: AggregateID, version: Int)? { nil }

  /// An editor that never asks to save through the app has nothing to finish.
  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    .stay
  }

  /// With unsaved changes the editor keeps what it shows (the save merges); otherwise it reloads.
  public mutating func refresh(context: EditorContext) -> Bool {
    isDirty ? true : reload(context: context)
  }
}

/// The merge box's keys, at the end of every editor's help.
var mergeHelp: [String] {
  ["", "When a save clashes with another session's (“Saved by someone else”):"]
    + mergeKeys.helpLines(measure: { $0.displayWidth })
}

/// The keys every editor shares, ahead of the keys of its fields.
public enum EditorAction: Hashable, Sendable {
  case save, close, nextField, undo, redo, externalEditor, help, suspend
}

/// One table for the keys every editor shares: dispatch, help and the README come from it.
public let editorKeys = try! Keymap<EditorAction>([
  .init(keys: [.ctrl("s")], action: .save, name: "save", help: "Save (one undo step)", hint: true),
  .init(
    keys: [.escape], action: .close, name: "close",
    help: "Close; asks first when there are unsaved changes", hint: true),
  .init(
    keys: [.tab], action: .nextField, name: "next-field", help: "Next field (Shift-Tab: previous)",
    hint: true),
  .init(
    keys: [.alt("u")], action: .undo, name: "undo",
    help: "Undo your last saved step (when nothing is unsaved)"),
  .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you last undid"),
  .init(
    keys: [.ctrl("o")], action: .externalEditor, name: "external-editor",
    help: "Edit a text field in $VISUAL or $EDITOR"),
  .init(
    keys: [.function(1)], action: .help, name: "help", help: "Keys and what they do", hint: true),
  .init(
    keys: [.ctrl("z")], action: .suspend, name: "suspend",
    help: "Back to the shell, the form kept as it is; `fg` returns"),
])
