import CaseloadCore
import CaseloadStore
import TerminalUI

/// Actions on the list of staff roles in the settings editor.
public enum StaffRolesAction: Hashable, Sendable {
  case down, up, add, edit, remove
}

/// The school's settings: name, local authority and its SEND team's email, the term dates of this school year
/// and the next, the staff roles with their hourly rates, how long SEN files are kept and how many parent
/// meetings a year are expected. Saving is one step at the version the editor loaded: another session's save
/// meanwhile is a conflict, never overwritten.
public struct SettingsEditor: Editor {
  public static let roleKeys = try! Keymap<StaffRolesAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "next-role", help: "Next staff role"),
    .init(
      keys: [.up, .char("k")], action: .up, name: "previous-role", help: "Previous staff role"),
    .init(
      keys: [.char("a")], action: .add, name: "add-role", help: "Add a staff role and its rate"),
    .init(
      keys: [.enter], action: .edit, name: "edit-role",
      help: "Change the highlighted role's name or hourly rate"),
    .init(
      keys: [.char("d"), .delete], action: .remove, name: "remove-role",
      help: "Remove the highlighted role (saved with the settings)"),
  ])

  enum Region: Sendable { case form, roles }

  /// A refusal about one field: the form focuses it.
  struct FieldError: Error {
    var field: String
    var message: String
  }

  /// The settings as loaded.
  public private(set) var settings: SchoolSettings
  var version: Int
  public private(set) var form: Form
  /// The staff roles as edited.
  public private(set) var roles: [StaffRole]
  /// The roles as last loaded or refreshed: what "untouched" means while the settings loaded stay the merge's
  /// base.
  var shownRoles: [StaffRole]
  var roleRow = 0
  var region: Region = .form
  /// The role being added or changed: its form and its place in the list (nil adds one).
  public private(set) var roleForm: Form?
  var roleIndex: Int?
  var conflict: MergeBox?
  let years: [SchoolYear]
  public private(set) var message: (text: String, isError: Bool)?

  public var title: String { "School settings" }
  public var pupilID: AggregateID? { nil }
  public var isDirty: Bool {
    form.isDirty || roles != shownRoles || (roleForm?.isDirty ?? false)
  }

  public init?(context: EditorContext) {
    guard let loaded = try? context.records.settings(today: context.today) else { return nil }
    settings = loaded.value
    version = loaded.version
    roles = loaded.value.staffRoles
    shownRoles = loaded.value.staffRoles
    let year = SchoolYear(containing: context.today)
    years = [year, year.next]
    form = Form(fields: Self.fields(loaded.value, years: years, context: context))
  }

  /// The terms of a school year, one of each name: the school's own, else typical English dates.
  static func terms(_ s: SchoolSettings, _ year: SchoolYear) -> [Term] {
    let own = s.terms(for: year)
    let typical = DefaultTerms.terms(for: year)
    return TermName.allCases.map { name in
      own.first { $0.name == name } ?? typical.first { $0.name == name }!
    }
  }

  static func termID(_ t: Term, _ end: Bool) -> String {
    "\(t.schoolYear.startYear)-\(t.name.rawValue)-\(end ? "end" : "start")"
  }

  static func fields(_ s: SchoolSettings, years: [SchoolYear], context: EditorContext)
    -> [FormField]
  {
    var fields = [
      FormField(id: "school", label: "School name", value: s.schoolName, maxLength: 120),
      FormField(
        id: "la", label: "Local authority", value: s.localAuthority, maxLength: 120,
        hint: { $0.isEmpty ? "The council whose SEND team receives EHC requests" : nil }),
      FormField(
        id: "email", label: "LA SEND email", value: s.localAuthoritySENDEmail, maxLength: 120,
        placeholder: "SEND@council.gov.uk", validate: FieldRules.emailProblem),
    ]
    for year in years {
      for term in terms(s, year) {
        for end in [false, true] {
          // "Autumn 2026" then "  ends" under it: short enough for a narrow screen.
          fields.append(
            FormField(
              id: termID(term, end), label: end ? "  ends" : term.title,
              value: (end ? term.end : term.start).british,
              hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)))
        }
      }
    }
    fields += [
      FormField(
        id: "retention", label: "Keep SEN files", value: "\(s.retentionYears)",
        hint: { _ in
          let r = SchoolSettings.retentionYearsAllowed
          return "years after the date of birth, \(r.lowerBound) to \(r.upperBound) (31 is usual)"
        },
        validate: FieldRules.wholeNumber(SchoolSettings.retentionYearsAllowed, "the years")),
      FormField(
        id: "meetings", label: "Parent meetings a year", value: "\(s.parentMeetingsPerYear)",
        hint: { _ in "fewer in a school year flags the pupil (M); 0 to 20" },
        validate: FieldRules.wholeNumber(SchoolSettings.parentMeetingsAllowed, "the meetings")),
      FormField(
        id: "phases", label: "Phase transfers after",
        value: Self.phaseText(s.transferYears),
        hint: { _ in
          "year groups pupils move school after: N, 6, 11 usually; infant N, 2, 6, 11; first-middle-upper N, 4, 8, 11"
        },
        validate: { Self.phases($0) == nil ? "Write year groups such as N, 2, 6, 11." : nil }),
    ]
    return fields
  }

  /// "N, 6, 11"
  static func phaseText(_ years: [Int]) -> String {
    years.sorted().map { $0 < 0 ? "N" : String($0) }.joined(separator: ", ")
  }

  /// "N, 2, 6, 11" (or "Y2", "nursery") as year groups; nil when a word is not one.
  static func phases(_ text: String) -> [Int]? {
    var out: [Int] = []
    for word in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
      let w = word.lowercased()
      if w == "n" || w == "nursery" {
        out.append(-1)
      } else if let n = Int(w.hasPrefix("y") ? String(w.dropFirst()) : w), (1...13).contains(n) {
        out.append(n)
      } else {
        return nil
      }
    }
    return out
  }

  // MARK: Update

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    if conflict != nil { return handleConflict(key, context: context) }
    if roleForm != nil { return handleRoleForm(key, context: context) }
    switch editorKeys.action(for: key) {
    case .save?: return save(context: context)
    case .externalEditor?:
      message = ("Ctrl-O edits a text field in your editor; these fields are short ones.", true)
      return .stay
    default: break
    }
    message = nil
    switch region {
    case .form:
      if form.picker == nil, key == .tab, form.focusedID == "phases" {
        region = .roles
        return .stay
      }
      if form.picker == nil, key == .shiftTab, form.focusedID == "school" {
        region = .roles
        return .stay
      }
      switch form.handle(key) {
      case .cancelled: return .close
      case .submitted: return save(context: context)
      case .changed, .handled, .ignored: return .stay
      }
    case .roles:
      switch key {
      case .tab:
        region = .form
        form.focus("school")
        return .stay
      case .shiftTab:
        region = .form
        form.focus("phases")
        return .stay
      case .escape: return .close
      default: break
      }
      switch Self.roleKeys.action(for: key) {
      case .down?: roleRow = min(roleRow + 1, max(roles.count - 1, 0))
      case .up?: roleRow = max(roleRow - 1, 0)
      case .add?: openRole(nil)
      case .edit?: openRole(roles.isEmpty ? nil : roleRow)
      case .remove?:
        guard roles.indices.contains(roleRow) else { break }
        let gone = roles.remove(at: roleRow)
        roleRow = min(roleRow, max(roles.count - 1, 0))
        message = (
          "\(gone.name) removed: Ctrl-S saves the settings, Esc leaves them as they were.", false
        )
      case nil: break
      }
      return .stay
    }
  }

  mutating func openRole(_ index: Int?) {
    let role = index.map { roles[$0] }
    roleIndex = index
    roleForm = Form(fields: [
      FormField(id: "name", label: "Role", value: role?.name ?? "", required: true, maxLength: 60),
      FormField(
        id: "rate", label: "Hourly rate", value: role.map { "\($0.hourlyRate)" } ?? "",
        required: true, placeholder: "£16.50",
        hint: { _ in "What an hour of this role costs the school, e.g. £16.50" },
        validate: FieldRules.moneyProblem),
    ])
  }

  mutating func handleRoleForm(_ key: Key, context: EditorContext) -> EditorOutcome {
    guard var f = roleForm else { return .stay }
    if editorKeys.action(for: key) == .save {
      guard applyRole(&f) else {
        roleForm = f
        return .stay
      }
      return save(context: context)
    }
    message = nil
    let outcome = f.handle(key)
    roleForm = f
    switch outcome {
    case .cancelled:
      roleForm = nil
      message = ("The role was left as it was.", false)
    case .submitted:
      if applyRole(&f) {
        message = ("Ctrl-S saves the settings with this role.", false)
      } else {
        roleForm = f
      }
    case .changed, .handled, .ignored: break
    }
    return .stay
  }

  /// Puts the role form's role in the list; false (with the reason shown) when it cannot be.
  mutating func applyRole(_ f: inout Form) -> Bool {
    guard f.validateAll() else {
      message = ("The role needs attention: see the message beside the field.", true)
      return false
    }
    let name = FieldRules.trimmed(f.value("name"))
    guard case .success(let rate) = MoneyEntry.parse(f.value("rate") ?? "") else { return false }
    if let clash = roles.indices.first(where: {
      $0 != roleIndex && roles[$0].name.caseInsensitiveCompare(name) == .orderedSame
    }) {
      message = ("There is already a role called \(roles[clash].name).", true)
      return false
    }
    let role = StaffRole(name: name, hourlyRate: rate)
    if let i = roleIndex {
      roles[i] = role
      roleRow = i
    } else {
      roles.append(role)
      roleRow = roles.count - 1
    }
    roleForm = nil
    region = .roles
    return true
  }

  mutating func handleConflict(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch MergeBox.route(key, &conflict) {
    case .done(let outcome, let line):
      if let line { message = line }
      return outcome
    case .reload:
      let yours = yourValues.map { "\($0.label): \($0.value)" }.joined(separator: "; ")
      guard reload(context: context) else { return .close }
      message = (
        "Reloaded their version. Yours, unsaved: \(yours.isEmpty ? "nothing" : yours).", false
      )
      return .stay
    }
  }

  /// A field's label where it stands alone: "Autumn 2026 ends" for the "  ends" under "Autumn 2026".
  func longLabel(_ field: FormField) -> String {
    guard let i = form.index(of: field.id),
      field.id.hasSuffix("-end") || field.id.hasSuffix("-start")
    else { return field.label }
    return field.id.hasSuffix("-end")
      ? "\(form.fields[i - 1].label) ends" : "\(field.label) starts"
  }

  /// The values you changed, by label.
  var yourValues: [(label: String, value: String)] {
    var out = form.fields.compactMap { field -> (String, String)? in
      let value = form.value(field.id) ?? ""
      return value == field.value ? nil : (longLabel(field), value)
    }
    if roles != settings.staffRoles { out.append(("Staff roles", Self.rolesLine(roles))) }
    return out
  }

  /// F1: the form's keys, then the staff roles list's own.
  public var helpLines: [String] {
    editorKeys.helpLines(measure: { $0.displayWidth }) + ["", "In the staff roles:"]
      + Self.roleKeys.helpLines(measure: { $0.displayWidth }) + mergeHelp
  }

  public var loadedAt: (record: AggregateID, version: Int)? { (.settings, version) }

  /// Another session's save: fields and roles you have not touched show theirs; yours stay, and the save merges
  /// against the settings as first loaded.
  public mutating func refresh(context: EditorContext) -> Bool {
    guard isDirty else { return reload(context: context) }
    guard let fresh = SettingsEditor(context: context) else { return false }
    for field in form.fields where !form.isChanged(field.id) {
      if let theirs = fresh.form.value(field.id), theirs != form.value(field.id) {
        form.refreshValue(theirs, for: field.id)
      }
    }
    if roles == shownRoles, roleForm == nil {
      roles = fresh.roles
      roleRow = min(roleRow, max(roles.count - 1, 0))
    }
    shownRoles = fresh.roles
    return true
  }

  public mutating func reload(context: EditorContext) -> Bool {
    guard let fresh = SettingsEditor(context: context) else { return false }
    self = fresh
    return true
  }

  public mutating func receive(externalText: String?, tag: String) {}

  // MARK: Saving

  /// The edits that make the stored settings what the screen shows.
  func edits(context: EditorContext) throws -> [SettingsEdit] {
    let v = form.values
    var edits: [SettingsEdit] = []
    let school = FieldRules.trimmed(v["school"])
    let la = FieldRules.trimmed(v["la"])
    let email = FieldRules.trimmed(v["email"])
    if school != settings.schoolName || la != settings.localAuthority
      || email != settings.localAuthoritySENDEmail
    {
      edits.append(.setSchool(name: school, localAuthority: la, sendEmail: email))
    }
    var edited: [Term] = []
    for year in years {
      for old in Self.terms(settings, year) {
        func day(_ end: Bool) throws -> Day {
          let id = Self.termID(old, end)
          do {
            guard
              let d = try FieldRules.day(v[id], today: context.today, settings: context.settings)
            else { throw EditError("The dates of \(old.title) are needed.") }
            return d
          } catch let error as EditError {
            throw FieldError(field: id, message: error.message)
          }
        }
        var term = old
        term.start = try day(false)
        term.end = try day(true)
        let endID = Self.termID(old, true)
        if term.end <= term.start {
          throw FieldError(
            field: endID,
            message:
              "\(term.title) must end after it starts: it ends \(term.end.british) and starts \(term.start.british)."
          )
        }
        if !year.contains(term.start) || !year.contains(term.end) {
          throw FieldError(
            field: Self.termID(old, year.contains(term.start)),
            message:
              "\(term.title) must fall in the \(year.name) school year (1 September to 31 August).")
        }
        if let previous = edited.last, term.start <= previous.end {
          throw FieldError(
            field: Self.termID(old, false),
            message:
              "\(term.title) starts (\(term.start.british)) before \(previous.title) ends (\(previous.end.british)): terms go autumn, spring, summer."
          )
        }
        edited.append(term)
      }
    }
    let before = years.flatMap { Self.terms(settings, $0) }
    if edited != before {
      let others = settings.terms.filter { !years.contains($0.schoolYear) }
      edits.append(.setTerms(others + edited))
    }
    if roles != settings.staffRoles { edits.append(.setStaffRoles(roles)) }
    if let years = Int(FieldRules.trimmed(v["retention"])), years != settings.retentionYears {
      edits.append(.setRetentionYears(years))
    }
    if let meetings = Int(FieldRules.trimmed(v["meetings"])),
      meetings != settings.parentMeetingsPerYear
    {
      edits.append(.setParentMeetingsPerYear(meetings))
    }
    if let years = Self.phases(FieldRules.trimmed(v["phases"])),
      Array(Set(years)).sorted() != settings.transferYears.sorted()
    {
      edits.append(.setPhaseTransfers(years))
    }
    return edits
  }

  mutating func save(context: EditorContext) -> EditorOutcome {
    guard form.validateAll() else {
      region = .form
      message = ("Some fields need attention: see the messages beside them.", true)
      return .stay
    }
    let edits: [SettingsEdit]
    do {
      edits = try self.edits(context: context)
    } catch let error as FieldError {
      region = .form
      form.focus(error.field)
      message = (error.message, true)
      return .stay
    } catch {
      message = ("\(error)", true)
      return .stay
    }
    return .save(SaveRequest(.settings(edits, base: Loaded(value: settings, version: version))))
  }

  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    switch result {
    case .saved(let summary): return .saved(summary)
    case .nothingChanged: message = ("Nothing has changed.", false)
    case .refused(let reason): message = (reason, true)
    case .conflict(let box): conflict = box
    }
    return .stay
  }

  static func rolesLine(_ roles: [StaffRole]) -> String {
    roles.map { "\($0.name) \($0.hourlyRate)" }.joined(separator: ", ")
  }

  // MARK: View

  public func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    guard rows.count > 2 else { return }
    let width = grid.width
    var row = rows.lowerBound
    grid.put(
      title + (isDirty ? " — unsaved" : ""), row: row, column: 0, style: .bold, maxWidth: width,
      overflow: .ellipsis)
    row += 1
    if let roleForm {
      let heading = roleIndex.map { "Staff role: \(roles[$0].name)" } ?? "New staff role"
      grid.put(heading, row: row, column: 0, style: .bold, maxWidth: width, overflow: .ellipsis)
      grid.put(
        "Enter keeps it · Esc drops it · Ctrl-S saves the settings", row: row + 1, column: 0,
        style: .dim, maxWidth: width, overflow: .ellipsis)
      roleForm.draw(
        into: &grid, row: row + 2, column: 0, width: width,
        height: max(rows.upperBound - row - 2, 1), unicode: context.unicode)
    } else {
      let available = rows.upperBound - row
      let rolesHeight =
        region == .roles ? min(roles.count + 1, max(available - 3, 2)) : min(2, available - 1)
      let formHeight = available - rolesHeight
      if form.picker != nil || formHeight >= 1 {
        form.draw(
          into: &grid, row: row, column: 0, width: width, height: max(formHeight, 1),
          unicode: context.unicode)
      }
      drawRoles(into: &grid, top: row + formHeight, height: rolesHeight, context: context)
    }
    if let conflict { conflict.draw(into: &grid, rows: rows, unicode: context.unicode) }
  }

  func drawRoles(into grid: inout Grid, top: Int, height: Int, context: EditorContext) {
    guard height > 0 else { return }
    let width = grid.width
    let focused = region == .roles
    grid.put(
      focused
        ? "Staff roles, hourly rates: a add · Enter edit · d remove · Tab back"
        : "Staff roles, hourly rates (Tab from the last field)", row: top, column: 0,
      style: focused ? .bold : .plain, maxWidth: width, overflow: .ellipsis)
    guard height > 1 else { return }
    guard focused else {
      grid.put(
        "  " + (roles.isEmpty ? "none" : Self.rolesLine(roles)), row: top + 1, column: 0,
        style: .dim, maxWidth: width, overflow: .ellipsis)
      return
    }
    guard !roles.isEmpty else {
      grid.put(
        "  none — a adds one", row: top + 1, column: 0, style: .dim, maxWidth: width,
        overflow: .ellipsis)
      return
    }
    let nameWidth = min(roles.map(\.name.displayWidth).max() ?? 0, max(width / 2, 8))
    let lines = roles.map {
      "\($0.name.truncated(toWidth: nameWidth).padded(toWidth: nameWidth))  \($0.hourlyRate) an hour"
    }
    ListRows.draw(
      lines, selected: roleRow, focused: true, into: &grid, top: top + 1, rows: height - 1,
      unicode: context.unicode)
  }
}
