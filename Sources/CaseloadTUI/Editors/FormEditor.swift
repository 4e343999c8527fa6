import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// What saving a form changes: one step either way.
public enum RecordChange: Sendable {
  case addPupil(Pupil)
  case editPupil([PupilEdit])
  case editSettings([SettingsEdit])
}

/// A form for one record, described by its fields and how its values become edits. Pupil details, a contact,
/// an outcome, a provision and the school settings are all one of these.
public struct FormSpec: Sendable {
  public var title: String
  /// Lines shown under the title: where things stand, for the person filling the form in.
  public var notes: [String]
  public var fields: [FormField]
  /// Turns the values (by field id) into the change to save; throws an `EditError` sentence when they cannot be.
  public var build: @Sendable ([String: String]) throws -> RecordChange
  /// A line under the title worked out from the values as they are typed (a provision's cost), or nil.
  public var status: (@Sendable ([String: String]) -> String?)?
  /// After a key changes a field (by id), the values to put in other fields: a staff role fills its rate.
  public var changed: (@Sendable (String, [String: String]) -> [String: String])?
  /// The title worked out from the values as they are typed ("— new phone call" once the kind is a call).
  public var liveTitle: (@Sendable ([String: String]) -> String)?

  public init(
    title: String, notes: [String] = [], fields: [FormField],
    status: (@Sendable ([String: String]) -> String?)? = nil,
    changed: (@Sendable (String, [String: String]) -> [String: String])? = nil,
    build: @escaping @Sendable ([String: String]) throws -> RecordChange
  ) {
    self.title = title
    self.notes = notes
    self.fields = fields
    self.status = status
    self.changed = changed
    self.build = build
  }
}

/// Edits one record through a form: saves as one step with the version it was loaded at, shows a conflict
/// (theirs beside yours) when another session saved first, and can reload keeping your unsaved values on screen.
public struct FormEditor: Editor {
  /// The record the form is about.
  public enum Target: Hashable, Sendable {
    case newPupil
    case pupil(AggregateID)
    case settings
  }

  public let target: Target
  /// Makes the spec from the record as it is now (nil for a new pupil; the settings come from the context).
  let make: @Sendable (Pupil?, EditorContext) -> FormSpec
  public private(set) var form: Form
  var spec: FormSpec
  var version: Int?
  /// The record as loaded: what another session's save is merged against.
  var base: Base?
  enum Base: Sendable {
    case pupil(Pupil)
    case settings(SchoolSettings)
  }
  var conflict: MergeBox?
  /// Your values from before a reload, kept on screen to copy from.
  var kept: [(label: String, value: String)] = []
  public private(set) var message: (text: String, isError: Bool)?

  public var title: String { spec.liveTitle?(form.values) ?? spec.title }
  public var isDirty: Bool { form.isDirty }
  public var pupilID: AggregateID? {
    if case .pupil(let id) = target { return id }
    return nil
  }

  /// Opens the form on the record as stored now; nil when the pupil does not exist.
  public init?(
    _ target: Target, context: EditorContext,
    make: @escaping @Sendable (Pupil?, EditorContext) -> FormSpec
  ) {
    self.target = target
    self.make = make
    var pupil: Pupil?
    switch target {
    case .newPupil: version = nil
    case .pupil(let id):
      guard let loaded = try? context.records.pupil(id) else { return nil }
      pupil = loaded.value
      version = loaded.version
      base = .pupil(loaded.value)
    case .settings:
      let loaded = try? context.records.settings(today: context.today)
      version = loaded?.version
      base = loaded.map { .settings($0.value) }
    }
    spec = make(pupil, context)
    form = Form(fields: spec.fields)
  }

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    if conflict != nil { return handleConflict(key, context: context) }
    switch editorKeys.action(for: key) {
    case .save?: return save(context: context)
    case .externalEditor?:
      guard let id = form.focusedID, let value = form.value(id), isProse(id) else {
        message = ("Ctrl-O edits a text field in your editor; this field is a short one.", true)
        return .stay
      }
      return .editExternally(text: value, tag: id)
    default: break
    }
    message = nil
    switch form.handle(key) {
    case .cancelled: return .close
    case .submitted: return save(context: context)
    case .changed:
      if let changed = spec.changed, let id = form.focusedID {
        for (other, value) in changed(id, form.values) { form.setValue(value, for: other) }
      }
      return .stay
    case .handled, .ignored: return .stay
    }
  }

  func isProse(_ id: String) -> Bool {
    guard let field = spec.fields.first(where: { $0.id == id }) else { return false }
    if case .multiline = field.kind { return true }
    return false
  }

  public mutating func receive(externalText: String?, tag: String) {
    guard let text = externalText else {
      message = ("The editor did not finish; the text is as it was.", true)
      return
    }
    form.setValue(text, for: tag)
  }

  /// Saves the form as one step, refusing to save over another session's change.
  mutating func save(context: EditorContext) -> EditorOutcome {
    guard form.validateAll() else {
      message = ("Some fields need attention: see the messages beside them.", true)
      return .stay
    }
    let change: RecordChange
    do {
      change = try spec.build(form.values)
    } catch let error as EditError {
      message = (error.message, true)
      return .stay
    } catch {
      message = ("\(error)", true)
      return .stay
    }
    switch (change, target, base, version) {
    case (.addPupil(let pupil), _, _, _): return .save(SaveRequest(.newPupil(pupil)))
    case (.editPupil(let edits), .pupil(let id), .pupil(let pupil)?, let version?):
      return .save(SaveRequest(.pupil(id, edits, base: Loaded(value: pupil, version: version))))
    case (.editSettings(let edits), _, .settings(let settings)?, let version?):
      return .save(
        SaveRequest(.settings(edits, base: Loaded(value: settings, version: version))))
    default:
      message = ("Nothing to save to.", true)
      return .stay
    }
  }

  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    switch result {
    case .saved(let line): return .saved(line)
    case .nothingChanged:
      message = ("Nothing has changed.", false)
      form.markClean()
    case .conflict(let box): conflict = box
    case .refused(let reason): message = (reason, true)
    }
    return .stay
  }

  mutating func handleConflict(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch MergeBox.route(key, &conflict) {
    case .done(let outcome, let line):
      if let line { message = line }
      return outcome
    case .reload:
      let changed = spec.fields.filter { (form.value($0.id) ?? "") != $0.value }
      let yours = changed.map { ($0.label, form.value($0.id) ?? "") }
      guard reload(context: context) else { return .close }
      kept = yours
      // Focus goes to the first field you had changed, where your value listed below belongs.
      if let first = changed.first { form.focus(first.id) }
      message = (
        "Reloaded their version. Your unsaved values are listed below to copy from.", false
      )
      return .stay
    }
  }

  public var loadedAt: (record: AggregateID, version: Int)? {
    switch (target, version) {
    case (.pupil(let id), let v?): (id, v)
    case (.settings, let v?): (.settings, v)
    default: nil
    }
  }

  /// Fields you have not touched take the values saved in the other session; the ones you changed stay yours,
  /// and the record they were made on stays the one a save merges against.
  public mutating func refresh(context: EditorContext) -> Bool {
    guard isDirty else { return reload(context: context) }
    guard let fresh = FormEditor(target, context: context, make: make) else { return false }
    for (i, field) in spec.fields.enumerated() where !form.isChanged(field.id) {
      guard let theirs = fresh.form.value(field.id), theirs != form.value(field.id) else {
        continue
      }
      form.refreshValue(theirs, for: field.id)
      spec.fields[i].value = theirs
    }
    return true
  }

  public mutating func reload(context: EditorContext) -> Bool {
    guard let fresh = FormEditor(target, context: context, make: make) else { return false }
    let focus = form.focusedID
    self = FormEditor(fresh: fresh, keeping: self)
    if let focus { form.focus(focus) }
    return true
  }

  private init(fresh: FormEditor, keeping old: FormEditor) {
    self = fresh
    kept = old.kept
  }

  // MARK: View

  public func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    guard rows.count > 2 else { return }
    let width = grid.width
    grid.put(
      title + (form.isDirty ? " — unsaved" : ""), row: rows.lowerBound, column: 0,
      style: .bold, maxWidth: width, overflow: .ellipsis)
    let keptRows = kept.isEmpty ? 0 : min(kept.count + 1, max(rows.count / 3, 2))
    // The live status (a provision's cost) first, then the notes: both under the title.
    let lines = ((spec.status?(form.values)).map { [$0] } ?? []) + spec.notes
    let notes = lines.prefix(max(rows.count / 3, 0))
    for (i, note) in notes.enumerated() {
      grid.put(
        note.sanitisedForTerminal, row: rows.lowerBound + 1 + i, column: 0, maxWidth: width,
        overflow: .ellipsis)
    }
    let top = rows.lowerBound + 2 + notes.count
    let formRows = rows.upperBound - top - keptRows
    form.draw(
      into: &grid, row: top, column: 0, width: width, height: max(formRows, 1),
      unicode: context.unicode)
    if keptRows > 0 {
      let top = rows.upperBound - keptRows
      grid.put(
        "Your unsaved values (Esc closes; they are not saved):", row: top, column: 0, style: .dim,
        maxWidth: width, overflow: .ellipsis)
      for (i, item) in kept.prefix(keptRows - 1).enumerated() {
        grid.put(
          "  \(item.label): \(item.value)".sanitisedForTerminal, row: top + 1 + i, column: 0,
          maxWidth: width, overflow: .ellipsis)
      }
    }
    conflict?.draw(into: &grid, rows: rows, unicode: context.unicode)
  }
}
