import CaseloadCore
import CaseloadStore
import TerminalUI

/// Actions on the list of a pupil's contacts.
public enum ContactsAction: Hashable, Sendable {
  case down, up, add, edit, delete
}

/// One contact's form: name, relationship, phone, email, parental responsibility and notes.
enum ContactForm {
  /// The spec for the contact with `contactID`, or for a new one when nil.
  static func spec(_ contactID: Int?) -> @Sendable (Pupil?, EditorContext) -> FormSpec {
    { pupil, _ in
      let existing = contactID.flatMap { id in pupil?.contacts.first { $0.id == id } }
      let name = pupil?.displayName ?? "Pupil"
      let fields = [
        FormField(
          id: "name", label: "Name", value: existing?.name ?? "", required: true, maxLength: 80),
        FormField(
          id: "relationship", label: "Relationship", value: existing?.relationship ?? "",
          required: true, maxLength: 40,
          hint: { $0.isEmpty ? "mother, father, carer, grandparent, social worker…" : nil }),
        FormField(
          id: "phone", label: "Phone", value: existing?.phone ?? "", maxLength: 30,
          validate: FieldRules.phoneProblem),
        FormField(
          id: "email", label: "Email", value: existing?.email ?? "", maxLength: 120,
          validate: FieldRules.emailProblem),
        FormField(
          id: "pr", label: "Parental responsibility", kind: .checkbox,
          value: (existing?.parentalResponsibility ?? true) ? "true" : "false",
          hint: { _ in "Space ticks: they hold parental responsibility for \(name)" }),
        FormField(
          id: "notes", label: "Notes", kind: .multiline(rows: 3), value: existing?.notes ?? "",
          maxLength: 2000, placeholder: "best times to call, interpreter, who not to contact…"),
      ]
      let title =
        existing.map { "\(name) — contact: \($0.name)" } ?? "\(name) — new contact"
      return FormSpec(title: title, fields: fields) { v in
        func optional(_ id: String) -> String? {
          let t = FieldRules.trimmed(v[id])
          return t.isEmpty ? nil : t
        }
        let contact = Contact(
          id: existing?.id ?? 0, name: FieldRules.trimmed(v["name"]),
          relationship: FieldRules.trimmed(v["relationship"]), phone: optional("phone"),
          email: optional("email"), parentalResponsibility: v["pr"] == "true",
          notes: optional("notes"))
        guard let existing else { return .editPupil([.addContact(contact)]) }
        return .editPupil(contact == existing ? [] : [.updateContact(contact)])
      }
    }
  }
}

/// The pupil's parents, carers and other contacts: a list where `a` adds one, Enter edits the highlighted one
/// in a form and `d` removes it after asking. Each add, change or removal is its own step; the list stays open
/// so that both parents can be added in one go.
public struct ContactsEditor: Editor {
  public static let listKeys = try! Keymap<ContactsAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "next-contact", help: "Next contact"),
    .init(
      keys: [.up, .char("k")], action: .up, name: "previous-contact", help: "Previous contact"),
    .init(keys: [.char("a")], action: .add, name: "add-contact", help: "Add a contact"),
    .init(
      keys: [.enter], action: .edit, name: "edit-contact", help: "Edit the highlighted contact"),
    .init(
      keys: [.char("d"), .delete], action: .delete, name: "remove-contact",
      help: "Remove the highlighted contact (asks first)"),
  ])

  static let columns = [
    TableColumn("Name", width: 16, flexible: true),
    TableColumn("Relationship", width: 12),
    TableColumn("PR", width: 3, dropOrder: 1),
    TableColumn("Phone", width: 14, dropOrder: 3),
    TableColumn("Email", width: 24, dropOrder: 4),
  ]

  let id: AggregateID
  private(set) var pupil: Pupil
  var version: Int
  public private(set) var table = TableView(columns: columns, highlight: .marker)
  /// The contact being added or edited.
  public private(set) var form: FormEditor?
  /// Whether the save the app is doing was asked by the open contact form (else by the list).
  var formSaving = false
  /// "Remove …?" with the contact it is about.
  var removing: (dialog: ConfirmDialog, contactID: Int)?
  /// "Discard your changes to this contact?"
  var discarding: ConfirmDialog?
  /// What was saved while the list was open: said again on closing.
  var saved: [String] = []
  var ownMessage: (text: String, isError: Bool)?

  public var title: String { form?.title ?? "\(pupil.displayName) — contacts" }
  public var pupilID: AggregateID? { id }
  public var isDirty: Bool { form?.isDirty ?? false }
  public var message: (text: String, isError: Bool)? { ownMessage ?? form?.message }
  public var contacts: [Contact] { pupil.contacts }

  public init?(_ id: AggregateID, context: EditorContext) {
    guard let loaded = try? context.records.pupil(id) else { return nil }
    self.id = id
    pupil = loaded.value
    version = loaded.version
    table.setRowCount(pupil.contacts.count, keepingSelection: 0)
  }

  var selected: Contact? {
    contacts.indices.contains(table.selected) ? contacts[table.selected] : nil
  }

  // MARK: Update

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    if var d = discarding {
      switch d.handle(key) {
      case .confirmed:
        discarding = nil
        form = nil
        ownMessage = ("Changes to the contact discarded.", false)
      case .cancelled: discarding = nil
      case .handled: discarding = d
      }
      return .stay
    }
    if let r = removing {
      var dialog = r.dialog
      switch dialog.handle(key) {
      case .confirmed:
        removing = nil
        return remove(r.contactID)
      case .cancelled: removing = nil
      case .handled: removing = (dialog, r.contactID)
      }
      return .stay
    }
    ownMessage = nil
    if var f = form { return handleForm(&f, key, context: context) }
    switch editorKeys.action(for: key) {
    case .save?:
      ownMessage = ("Nothing to save here: a adds a contact, Enter edits one.", false)
      return .stay
    case .close?:
      return saved.isEmpty ? .close : .saved(saved.joined(separator: "; "))
    default: break
    }
    guard let action = Self.listKeys.action(for: key) else { return .stay }
    switch action {
    case .down: table.move(by: 1, visibleRows: 100)
    case .up: table.move(by: -1, visibleRows: 100)
    case .add: openForm(nil, context: context)
    case .edit:
      if let c = selected {
        openForm(c.id, context: context)
      } else {
        openForm(nil, context: context)
      }
    case .delete:
      guard let c = selected else { return .stay }
      removing = (
        ConfirmDialog(
          question: "Remove \(c.name) (\(c.relationship)) from \(pupil.displayName)'s contacts?",
          title: "Remove contact", confirmKey: "y", confirmLabel: "Remove", cancelKey: "n",
          cancelLabel: "Keep", defaultChoice: .cancel), c.id
      )
    }
    return .stay
  }

  mutating func openForm(_ contactID: Int?, context: EditorContext) {
    guard let f = FormEditor(.pupil(id), context: context, make: ContactForm.spec(contactID)) else {
      ownMessage = ("\(pupil.displayName) was removed in another session.", true)
      return
    }
    form = f
  }

  mutating func handleForm(_ f: inout FormEditor, _ key: Key, context: EditorContext)
    -> EditorOutcome
  {
    let outcome = f.handle(key, context: context)
    form = f
    if case .save = outcome {
      formSaving = true
      return outcome
    }
    return afterForm(&f, outcome, context: context)
  }

  /// What the contact form's outcome means for the list.
  mutating func afterForm(_ f: inout FormEditor, _ outcome: EditorOutcome, context: EditorContext)
    -> EditorOutcome
  {
    form = f
    switch outcome {
    case .stay: return .stay
    case .undo: return .undo
    case .saved(let summary), .savedAndStay(let summary):
      form = nil
      saved.append(summary)
      ownMessage = ("Saved: \(summary)", false)
      let before = Set(contacts.map(\.id))
      _ = reloadList(context: context)
      if let added = contacts.firstIndex(where: { !before.contains($0.id) }) {
        table.select(added, visibleRows: 100)
      }
      return .stay
    case .close:
      if f.isDirty {
        discarding = ConfirmDialog(
          question: "Discard your unsaved changes to this contact?", title: "Unsaved changes",
          confirmKey: "d", confirmLabel: "Discard", cancelKey: "k", cancelLabel: "Keep editing",
          defaultChoice: .cancel)
      } else {
        form = nil
      }
      return .stay
    case .editExternally(let text, let tag): return .editExternally(text: text, tag: tag)
    case .save:
      formSaving = true
      return outcome
    }
  }

  /// Asks the app to remove a contact, as one step.
  mutating func remove(_ contactID: Int) -> EditorOutcome {
    formSaving = false
    return .save(
      SaveRequest(
        .pupil(id, [.removeContact(id: contactID)], base: Loaded(value: pupil, version: version))))
  }

  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    if formSaving, var f = form {
      formSaving = false
      let outcome = f.finish(result, context: context)
      return afterForm(&f, outcome, context: context)
    }
    switch result {
    case .saved(let summary):
      saved.append(summary)
      ownMessage = ("Saved: \(summary)", false)
    case .nothingChanged: break
    case .refused(let reason): ownMessage = (reason, true)
    case .conflict(let box):
      let who =
        box.conflict.explanation.components(separatedBy: " Reload to see").first
        ?? box.conflict.explanation
      ownMessage = ("\(who) Nothing was removed; the list shows their version now.", true)
    }
    _ = reloadList(context: context)
    return .stay
  }

  mutating func reloadList(context: EditorContext) -> Bool {
    guard let loaded = try? context.records.pupil(id) else { return false }
    pupil = loaded.value
    version = loaded.version
    table.setRowCount(pupil.contacts.count)
    return true
  }

  /// F1: the contact list's own keys, then the keys of the contact form.
  public var helpLines: [String] {
    ["In the list of contacts:"] + Self.listKeys.helpLines(measure: { $0.displayWidth })
      + ["", "In a contact's form:"] + editorKeys.helpLines(measure: { $0.displayWidth })
      + mergeHelp
  }

  public var loadedAt: (record: AggregateID, version: Int)? { (id, version) }

  /// The list takes the other session's save; an open contact form keeps what you typed.
  public mutating func refresh(context: EditorContext) -> Bool {
    guard reloadList(context: context) else { return false }
    if var f = form {
      guard f.refresh(context: context) else {
        form = nil
        return true
      }
      form = f
    }
    return true
  }

  public mutating func reload(context: EditorContext) -> Bool {
    guard reloadList(context: context) else { return false }
    if var f = form {
      guard f.reload(context: context) else {
        form = nil
        return true
      }
      form = f
    }
    return true
  }

  public mutating func receive(externalText: String?, tag: String) {
    form?.receive(externalText: externalText, tag: tag)
  }

  // MARK: View

  public func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    guard rows.count > 2 else { return }
    if let form {
      form.draw(into: &grid, rows: rows, context: context)
    } else {
      drawList(into: &grid, rows: rows, context: context)
    }
    discarding?.draw(into: &grid, unicode: context.unicode)
    removing?.dialog.draw(into: &grid, unicode: context.unicode)
  }

  func drawList(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    let width = grid.width
    var row = rows.lowerBound
    grid.put(title, row: row, column: 0, style: .bold, maxWidth: width, overflow: .ellipsis)
    row += 1
    grid.put(
      "a add · Enter edit · d remove · Esc back", row: row, column: 0, style: .dim,
      maxWidth: width, overflow: .ellipsis)
    row += 1
    guard !contacts.isEmpty else {
      grid.put(
        "No contacts yet: a adds a parent, carer or other adult.", row: row + 1, column: 2,
        maxWidth: width - 2, overflow: .ellipsis)
      return
    }
    // The highlighted contact's notes under the table, when there is room.
    let notes = selected?.notes.flatMap { $0.isEmpty ? nil : $0 }
    let noteRows = notes == nil ? 0 : min(2, max(rows.upperBound - row - contacts.count - 2, 0))
    let tableHeight = rows.upperBound - row - noteRows
    var view = table
    view.keepSelectionVisible(max(tableHeight - 1, 1))
    view.draw(
      into: &grid, row: row, column: 0, width: width, height: tableHeight, unicode: context.unicode
    ) { r, column in
      let c = contacts[r]
      switch column {
      case 0: return (c.name, nil)
      case 1: return (c.relationship, nil)
      case 2: return (c.parentalResponsibility ? "PR" : "", nil)
      case 3: return (c.phone ?? "", nil)
      default: return (c.email ?? "", nil)
      }
    }
    if let notes, noteRows > 0 {
      let lines = WordWrap.lines("Notes: " + notes, width: width)
      for (i, line) in lines.prefix(noteRows).enumerated() {
        grid.put(
          line, row: rows.upperBound - noteRows + i, column: 0, style: .dim, maxWidth: width,
          overflow: .ellipsis)
      }
    }
  }
}
