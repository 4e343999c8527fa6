import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The actions of the caseload screen, bound to keys in one table.
public enum CaseloadAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, top, bottom, open, search, filter, clearFilters, overdue
  case sort, reverse
  case sortBy(CaseloadSort)
  case leavers, undo, redo, help, palette, quit, suspend
  case addPupil, editDetails
  case deadlines
  case logConcern, logContact
  case ehcStep
  case editPlan
  case editStatus, editContacts, settings
  case timeline
  case meeting
  case importMIS
  case export
}

/// The actions of the pupil overview.
public enum OverviewAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, back, undo, redo, help, quit
  case editDetails
  case logConcern, logContact
  case ehcStep
  case editPlan
  case editStatus, editContacts
  case timeline
  case meeting
  case export
}

/// Caseload in the terminal: the caseload list and the pupil overview, over a store that other sessions may be
/// changing at the same time.
public struct CaseloadApp: TerminalApp {
  public static let listKeys = try! Keymap<CaseloadAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Next pupil"),
    .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Previous pupil"),
    .init(keys: [.pageDown], action: .pageDown, name: "page-down", help: "A page down"),
    .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
    .init(keys: [.home, .char("g")], action: .top, name: "top", help: "First pupil"),
    .init(keys: [.end, .char("G")], action: .bottom, name: "bottom", help: "Last pupil"),
    .init(
      keys: [.enter], action: .open, name: "open", help: "Open the pupil's overview", hint: true),
    .init(
      keys: [.char("/")], action: .search, name: "search", help: "Search names and UPN as you type",
      hint: true),
    .init(
      keys: [.char("f")], action: .filter, name: "filter",
      help: "Filter by words: y7 K E mon ASD semh do due:28 overdue", hint: true),
    .init(
      keys: [.char("F")], action: .clearFilters, name: "clear-filters",
      help: "Clear the filters and the search"),
    .init(
      keys: [.char("o")], action: .overdue, name: "overdue",
      help: "Only pupils with something overdue"),
    .init(
      keys: [.char("s")], action: .sort, name: "sort", help: "Sort by the next column", hint: true),
    .init(keys: [.char("S")], action: .reverse, name: "reverse", help: "Reverse the sort"),
    .init(
      keys: [.char("1")], action: .sortBy(.name), name: "sort-name",
      help: "Sort by name (again: reverse)"),
    .init(
      keys: [.char("2")], action: .sortBy(.year), name: "sort-year",
      help: "Sort by year group (again: reverse)"),
    .init(
      keys: [.char("3")], action: .sortBy(.code), name: "sort-code",
      help: "Sort by census code (again: reverse)"),
    .init(
      keys: [.char("4")], action: .sortBy(.need), name: "sort-need",
      help: "Sort by primary need (again: reverse)"),
    .init(
      keys: [.char("5")], action: .sortBy(.stage), name: "sort-stage",
      help: "Sort by APDR stage (again: reverse)"),
    .init(
      keys: [.char("6")], action: .sortBy(.due), name: "sort-due",
      help: "Sort by next due date (again: reverse)"),
    .init(
      keys: [.char("7")], action: .sortBy(.flags), name: "sort-flags",
      help: "Sort by flags, most urgent first (again: reverse)"),
    .init(
      keys: [.char("l")], action: .leavers, name: "leavers",
      help: "Show or hide pupils who have left"),
    .init(
      keys: [.char("a")], action: .addPupil, name: "add-pupil", help: "Add a pupil", hint: true),
    .init(
      keys: [.char("e")], action: .editDetails, name: "edit-details",
      help: "Edit the pupil's names, date of birth, year, UPN"),
    .init(
      keys: [.char("D")], action: .deadlines, name: "deadlines",
      help: "Every missed and upcoming review and EHC deadline, soonest first"),
    .init(
      keys: [.char("c")], action: .logConcern, name: "log-concern",
      help: "Log a concern about the pupil"),
    .init(
      keys: [.char("m")], action: .logContact, name: "log-contact",
      help: "Log a meeting, call, letter or email"),
    .init(
      keys: [.char("E")], action: .ehcStep, name: "ehc-step",
      help: "Record a step of the EHC process, with its statutory dates"),
    .init(
      keys: [.char("p")], action: .editPlan, name: "edit-plan", help: "Edit the SEN support plan"),
    .init(
      keys: [.char("t")], action: .timeline, name: "timeline",
      help: "Timeline: status, cycles, reviews, concerns, EHC steps"),
    .init(
      keys: [.char("R")], action: .meeting, name: "meeting", help: "Run the review meeting"),
    .init(
      keys: [.char("x")], action: .export, name: "export",
      help: "Export the plan, meeting record, evidence pack or data"),
    .init(
      keys: [.char("n")], action: .editStatus, name: "edit-status", help: "Needs and SEN status"),
    .init(
      keys: [.char("C")], action: .editContacts, name: "edit-contacts",
      help: "Parents, carers and other contacts"),
    .init(
      keys: [.char("W")], action: .settings, name: "settings",
      help: "School settings: name, local authority, terms, staff rates"),
    .init(
      keys: [.char("i")], action: .importMIS, name: "import",
      help: "Import pupils from the school's MIS (CSV), previewed first"),
    .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step", hint: true),
    .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you last undid"),
    .init(
      keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true),
    .init(keys: [.char(":")], action: .palette, name: "commands", help: "Every action, by name"),
    .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit Caseload", hint: true),
    .init(
      keys: [.ctrl("z")], action: .suspend, name: "suspend", help: "Back to the shell; `fg` returns"
    ),
  ])

  public static let overviewKeys = try! Keymap<OverviewAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Scroll down"),
    .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Scroll up"),
    .init(
      keys: [.pageDown, .char(" ")], action: .pageDown, name: "page-down", help: "A page down"),
    .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
    .init(
      keys: [.escape, .char("h")], action: .back, name: "back", help: "Back to the caseload",
      hint: true),
    .init(
      keys: [.char("e")], action: .editDetails, name: "edit-details",
      help: "Edit the pupil's names, date of birth, year, UPN", hint: true),
    .init(
      keys: [.char("c")], action: .logConcern, name: "log-concern",
      help: "Log a concern about the pupil", hint: true),
    .init(
      keys: [.char("m")], action: .logContact, name: "log-contact",
      help: "Log a meeting, call, letter or email"),
    .init(
      keys: [.char("E")], action: .ehcStep, name: "ehc-step",
      help: "Record a step of the EHC process, with its statutory dates"),
    .init(
      keys: [.char("p")], action: .editPlan, name: "edit-plan", help: "Edit the SEN support plan",
      hint: true),
    .init(
      keys: [.char("t")], action: .timeline, name: "timeline",
      help: "Timeline: status, cycles, reviews, concerns, EHC steps",
      hint: true),
    .init(
      keys: [.char("R")], action: .meeting, name: "meeting", help: "Run the review meeting"),
    .init(
      keys: [.char("x")], action: .export, name: "export",
      help: "Export the plan, meeting record, evidence pack or data"),
    .init(
      keys: [.char("n")], action: .editStatus, name: "edit-status", help: "Needs and SEN status"),
    .init(
      keys: [.char("C")], action: .editContacts, name: "edit-contacts",
      help: "Parents, carers and other contacts"),
    .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step", hint: true),
    .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you last undid"),
    .init(
      keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true),
    .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit Caseload", hint: true),
  ])

  struct Overview {
    var id: AggregateID
    var lines: [String]
    var scroll = 0
  }

  let store: Store
  public private(set) var list: CaseloadList
  public private(set) var table = TableView(columns: CaseloadList.columns, highlight: .marker)
  var settings: SchoolSettings
  private(set) var overview: Overview?
  var help: HelpOverlay?
  /// The record being edited, over the list or the overview it was opened from.
  public private(set) var editor: (any Editor)?
  /// "Discard your changes?" when an editor with unsaved changes is closed.
  var discard: ConfirmDialog?
  /// The school-wide deadlines, under any overview opened from them.
  public private(set) var deadlines: DeadlinesScreen?
  /// A pupil's timeline, over the list or overview it was opened from; editors open over it.
  public private(set) var timeline: (id: AggregateID, screen: TimelineScreen)?
  var palette: CommandPalette<CaseloadAction>?
  /// The MIS import: the file prompt, then the preview, over the list.
  public private(set) var importScreen: ImportScreen?
  /// The exports offered for a pupil (`x`), over the list or overview, and where they find the folders.
  public private(set) var exportMenu: ExportMenu?
  var exportEnvironment = ProcessInfo.processInfo.environment
  /// The search or filter line while it is being typed; Esc puts back the filter it started from.
  struct Entry {
    enum Kind { case search, filter }
    var kind: Kind
    var field: TextInput
    var before: CaseloadFilter
  }
  var entry: Entry?
  public var searching: Bool { entry?.kind == .search }
  public private(set) var message: (text: String, isError: Bool)?
  var size: (width: Int, height: Int)
  var dataVersion: Int
  let unicode: Bool

  public var minimumSize: (width: Int, height: Int) { (40, 12) }

  public init(store: Store, today: Day, width: Int, height: Int, unicode: Bool = true) throws {
    self.store = store
    self.size = (width, height)
    self.unicode = unicode
    settings = try store.settings(today: today).value
    list = CaseloadList(today: today)
    list.expectedMeetings = settings.parentMeetingsPerYear
    if let saved = try store.preference("caseload"),
      let prefs = try? JSONDecoder().decode(CaseloadPreferences.self, from: Data(saved.utf8))
    {
      list.preferences = prefs
    }
    dataVersion = try store.dataVersion()
    list.replace(try store.summaries(includeLeavers: true))
    table.sortColumn = list.preferences.sort.column
    table.sortAscending = list.preferences.ascending
    table.setRowCount(list.shown.count, keepingSelection: 0)
  }

  var visibleRows: Int { max(size.height - 4, 1) }

  public var selectedPupil: PupilSummary? {
    list.shown.indices.contains(table.selected) ? list.shown[table.selected] : nil
  }

  // MARK: - Update

  public mutating func handle(_ event: AppEvent) -> AppCommand {
    switch event {
    case .resize(let w, let h):
      size = (w, h)
      table.keepSelectionVisible(visibleRows)
      help?.fit(width: w, height: h)
      timeline?.screen.fit(width: w, height: h)
      palette?.fit(width: w, height: h)
      exportMenu?.fit(width: w, height: h)
      return .none
    case .tick:
      let context = editorContext
      editor?.tick(context: context)
      reloadIfChanged()
      return .none
    case .editedExternally(let text, let tag):
      editor?.receive(externalText: text, tag: tag)
      return .none
    case .key(let key):
      if var h = help {
        help = h.handle(key) == .closed ? nil : h
        return .none
      }
      if var d = discard {
        switch d.handle(key) {
        case .confirmed:
          discard = nil
          editor = nil
          message = ("Changes discarded.", false)
        case .cancelled: discard = nil
        case .handled: discard = d
        }
        return .none
      }
      if editor != nil { return handleEditor(key) }
      if var x = exportMenu {
        let outcome = x.handle(key, store: store, settings: settings, today: list.today)
        exportMenu = outcome == .handled ? x : nil
        if case .finished(let text, let isError) = outcome { message = (text, isError) }
        return .none
      }
      if var p = palette {
        switch p.handle(key) {
        case .closed: palette = nil
        case .run(let action, _):
          palette = nil
          return perform(action)
        case .handled: palette = p
        }
        return .none
      }
      if var s = importScreen {
        let outcome = s.handle(key, height: size.height)
        importScreen = s
        switch outcome {
        case .handled: break
        case .help: openHelp(ImportScreen.keys)
        case .closed(let note):
          importScreen = nil
          message = note.map { ($0, false) }
        case .imported(let summary):
          importScreen = nil
          message = ("Imported: \(summary)", false)
          reloadIfChanged(force: true)
        }
        return .none
      }
      if timeline != nil { return handleTimeline(key) }
      if overview != nil { return handleOverview(key) }
      if var d = deadlines {
        let outcome = d.handle(key, visibleRows: max(size.height - 5, 1))
        deadlines = d
        switch outcome {
        case .handled: break
        case .back: deadlines = nil
        case .help: openHelp(DeadlinesScreen.keys)
        case .open(let id): openOverview(id)
        }
        return .none
      }
      if entry != nil { return handleEntry(key) }
      guard let action = Self.listKeys.action(for: key) else { return .none }
      return perform(action)
    }
  }

  /// Runs a list action by name, as the command palette and the tests do.
  public mutating func perform(named name: String) -> AppCommand {
    if overview != nil, let action = Self.overviewKeys.action(named: name) {
      return performOverview(action)
    }
    guard let action = Self.listKeys.action(named: name) else { return .none }
    return perform(action)
  }

  mutating func perform(_ action: CaseloadAction) -> AppCommand {
    message = nil
    switch action {
    case .down: table.move(by: 1, visibleRows: visibleRows)
    case .up: table.move(by: -1, visibleRows: visibleRows)
    case .pageDown: table.move(by: visibleRows, visibleRows: visibleRows)
    case .pageUp: table.move(by: -visibleRows, visibleRows: visibleRows)
    case .top: table.select(0, visibleRows: visibleRows)
    case .bottom: table.select(list.shown.count - 1, visibleRows: visibleRows)
    case .open: openOverview()
    case .search:
      entry = Entry(
        kind: .search, field: TextInput(text: list.preferences.filter.search),
        before: list.preferences.filter)
    case .filter:
      entry = Entry(
        kind: .filter, field: TextInput(text: list.preferences.filter.query),
        before: list.preferences.filter)
    case .clearFilters:
      let leavers = list.preferences.filter.includeLeavers
      list.preferences.filter = CaseloadFilter(includeLeavers: leavers)
      applyPreferences()
      message = ("Filters cleared.", false)
    case .overdue:
      list.preferences.filter.overdueOnly.toggle()
      applyPreferences()
    case .sortBy(let column):
      if list.preferences.sort == column {
        list.preferences.ascending.toggle()
      } else {
        list.preferences.sort = column
        list.preferences.ascending = true
      }
      applyPreferences()
    case .sort:
      let all = CaseloadSort.allCases
      list.preferences.sort = all[(all.firstIndex(of: list.preferences.sort)! + 1) % all.count]
      list.preferences.ascending = true
      applyPreferences()
    case .reverse:
      list.preferences.ascending.toggle()
      applyPreferences()
    case .leavers:
      list.preferences.filter.includeLeavers.toggle()
      applyPreferences()
      message = (
        list.preferences.filter.includeLeavers
          ? "Showing pupils who have left." : "Leavers hidden.", false
      )
    case .undo: undoOrRedo(undo: true)
    case .redo: undoOrRedo(undo: false)
    case .help: openHelp(Self.listKeys)
    case .palette:
      var p = CommandPalette(keymap: Self.listKeys)
      p.fit(width: size.width, height: size.height)
      palette = p
    case .quit: return .quit
    case .suspend: return .suspend
    case .addPupil: openEditor(.newPupil, PupilDetailsForm.spec)
    case .editDetails:
      if let s = selectedPupil { openEditor(.pupil(s.id), PupilDetailsForm.spec) }
    case .logConcern, .logContact:
      if let s = selectedPupil {
        openEditor(
          .pupil(s.id), LogEntryForm.spec(kind: action == .logConcern ? .concern : .meeting))
      }
    case .ehcStep:
      if let s = selectedPupil { openEditor(.pupil(s.id), EHCStepForm.spec) }
    case .deadlines:
      do {
        deadlines = DeadlinesScreen(
          deadlines: try store.openDeadlines(), pupils: list.all, today: list.today)
      } catch {
        message = ("\(error)", true)
      }
    case .editPlan:
      guard let s = selectedPupil else { break }
      editor = PlanEditor(s.id, context: editorContext)
      if editor == nil { message = ("That pupil was removed in another session.", true) }
    case .editStatus:
      if let s = selectedPupil { openEditor { StatusEditor(s.id, context: $0) } }
    case .editContacts:
      if let s = selectedPupil { openEditor { ContactsEditor(s.id, context: $0) } }
    case .settings: openEditor { SettingsEditor(context: $0) }
    case .timeline:
      if let s = selectedPupil { openTimeline(s.id) }
    case .meeting:
      if let s = selectedPupil { openMeeting(s.id) }
    case .importMIS: importScreen = ImportScreen(store: store, today: list.today)
    case .export:
      if let s = selectedPupil { openExportMenu(s.id) }
    }
    return .none
  }

  /// The review meeting, or why it cannot be run yet.
  mutating func openMeeting(_ id: AggregateID) {
    switch MeetingScreen.start(id, context: editorContext) {
    case .success(let screen):
      message = nil
      editor = screen
    case .failure(let refusal): message = (refusal.message, true)
    }
  }

  /// The exports offered for a pupil.
  mutating func openExportMenu(_ id: AggregateID) {
    guard let pupil = try? store.pupil(id)?.value else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    var menu = ExportMenu(pupilID: id, name: pupil.displayName, environment: exportEnvironment)
    menu.fit(width: size.width, height: size.height)
    message = nil
    exportMenu = menu
  }

  // MARK: - Timeline

  mutating func openTimeline(_ id: AggregateID) {
    guard let loaded = try? store.pupil(id) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    var screen = TimelineScreen(
      pupil: loaded.value, settings: settings, today: list.today, unicode: unicode)
    screen.fit(width: size.width, height: size.height)
    message = nil
    timeline = (id, screen)
  }

  /// Enter on an event opens the record it belongs to: the plan for a cycle or review, the EHC steps for the
  /// EHC process, the status editor for a status period, the overview for a concern or contact.
  mutating func handleTimeline(_ key: Key) -> AppCommand {
    guard var t = timeline else { return .none }
    let outcome = t.screen.handle(key)
    timeline = t
    switch outcome {
    case .handled: break
    case .close: timeline = nil
    case .open(let event):
      let id = t.id
      switch event {
      case .cycle, .review, .deadline(.planReview, _):
        openEditor { PlanEditor(id, context: $0) }
      case .ehcRequest, .ehcPlanIssued, .ehcAnnualReview, .ehcPlanCeased, .deadline:
        openEditor(.pupil(id), EHCStepForm.spec)
      case .senPeriod, .noSEN:
        openEditor { StatusEditor(id, context: $0) }
      case .logEntry:
        timeline = nil
        openOverview(id)
      }
    }
    return .none
  }

  /// The timeline shows the pupil as stored now, or closes when the pupil is gone.
  mutating func refreshTimeline() {
    guard let t = timeline else { return }
    guard let loaded = try? store.pupil(t.id) else {
      timeline = nil
      return
    }
    var screen = TimelineScreen(
      pupil: loaded.value, settings: settings, today: list.today, unicode: unicode)
    screen.fit(width: size.width, height: size.height)
    timeline = (t.id, screen)
  }

  // MARK: - Editors

  var editorContext: EditorContext {
    EditorContext(store: store, today: list.today, settings: settings, unicode: unicode)
  }

  mutating func openEditor(
    _ target: FormEditor.Target,
    _ make: @escaping @Sendable (Pupil?, EditorContext) -> FormSpec
  ) {
    guard let e = FormEditor(target, context: editorContext, make: make) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    editor = e
  }

  /// Opens an editor that is not one form (status, contacts, settings); nil from `make`: the record is gone.
  mutating func openEditor(_ make: (EditorContext) -> (any Editor)?) {
    guard let e = make(editorContext) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    editor = e
  }

  /// The shared keys (undo, redo, help) first, then the editor's own.
  mutating func handleEditor(_ key: Key) -> AppCommand {
    guard var e = editor else { return .none }
    switch editorKeys.action(for: key) {
    case .undo?, .redo?:
      guard !e.isDirty else {
        message = ("Save (Ctrl-S) or discard (Esc) your changes before undoing.", true)
        return .none
      }
      undoOrRedo(undo: editorKeys.action(for: key) == .undo)
      if !e.reload(context: editorContext) {
        editor = nil
        return .none
      }
      editor = e
      return .none
    case .help?:
      openHelp(lines: e.helpLines)
      return .none
    default: break
    }
    message = nil
    let outcome = e.handle(key, context: editorContext)
    editor = e
    switch outcome {
    case .stay: break
    case .saved(let summary):
      editor = nil
      message = ("Saved: \(summary)", false)
      if let id = e.pupilID, let fresh = try? store.summary(id) {
        let selected = selectedPupil?.id
        list.update(id, to: fresh)
        reselect(selected)
        refreshOverview()
        refreshTimeline()
      } else {
        reloadIfChanged(force: true)
      }
    case .savedAndStay(let summary):
      message = ("Saved: \(summary)", false)
      reloadIfChanged(force: true)
    case .undo:
      guard !e.isDirty else { break }
      undoOrRedo(undo: true)
      let context = editorContext
      if editor?.reload(context: context) == false { editor = nil }
    case .close:
      if e.isDirty {
        discard = ConfirmDialog(
          question: "Discard your unsaved changes to \(e.title)?", title: "Unsaved changes",
          confirmKey: "d", confirmLabel: "Discard", cancelKey: "k", cancelLabel: "Keep editing",
          defaultChoice: .cancel)
      } else {
        editor = nil
        if let m = e.closingMessage { message = m }
      }
    case .editExternally(let text, let tag):
      return .editExternally(text: text, tag: tag)
    }
    return .none
  }

  /// Search and filter apply as they are typed; a filter word that cannot be read yet (half typed) leaves the
  /// last good filter and says why.
  mutating func handleEntry(_ key: Key) -> AppCommand {
    guard var e = entry else { return .none }
    switch e.field.handle(key) {
    case .submitted:
      entry = nil
      if e.kind == .filter, let problem = filterProblem(e.field.text) {
        message = (problem, true)
      }
      savePreferences()
      return .none
    case .cancelled:
      entry = nil
      list.preferences.filter = e.before
      applyPreferences()
      return .none
    case .changed:
      entry = e
      switch e.kind {
      case .search:
        list.preferences.filter.search = e.field.text
      case .filter:
        message = nil
        var f = list.preferences.filter
        do throws(FilterQueryError) {
          try f.apply(query: e.field.text)
          list.preferences.filter = f
        } catch {
          // The last word may still be being typed: say nothing until the next space.
          let text = e.field.text
          let typing =
            !text.hasSuffix(" ") && text.split(separator: " ").last.map(String.init) == error.word
          if !typing { message = ("\(error)", true) }
        }
      }
      applyPreferences(save: false)
    case .handled, .ignored:
      entry = e
    }
    return .none
  }

  func filterProblem(_ query: String) -> String? {
    var f = CaseloadFilter()
    do throws(FilterQueryError) {
      try f.apply(query: query)
      return nil
    } catch { return "\(error)" }
  }

  mutating func handleOverview(_ key: Key) -> AppCommand {
    guard let action = Self.overviewKeys.action(for: key) else { return .none }
    return performOverview(action)
  }

  mutating func performOverview(_ action: OverviewAction) -> AppCommand {
    guard var o = overview else { return .none }
    let page = max(size.height - 3, 1)
    let maxScroll = max(o.lines.count - page, 0)
    switch action {
    case .down: o.scroll = min(o.scroll + 1, maxScroll)
    case .up: o.scroll = max(o.scroll - 1, 0)
    case .pageDown: o.scroll = min(o.scroll + page, maxScroll)
    case .pageUp: o.scroll = max(o.scroll - page, 0)
    case .back:
      overview = nil
      return .none
    case .undo, .redo:
      undoOrRedo(undo: action == .undo)
      return .none
    case .help: openHelp(Self.overviewKeys)
    case .quit: return .quit
    case .editDetails:
      openEditor(.pupil(o.id), PupilDetailsForm.spec)
      return .none
    case .logConcern, .logContact:
      openEditor(.pupil(o.id), LogEntryForm.spec(kind: action == .logConcern ? .concern : .meeting))
      return .none
    case .ehcStep:
      openEditor(.pupil(o.id), EHCStepForm.spec)
      return .none
    case .editPlan:
      editor = PlanEditor(o.id, context: editorContext)
      if editor == nil { message = ("That pupil was removed in another session.", true) }
      return .none
    case .editStatus:
      openEditor { StatusEditor(o.id, context: $0) }
      return .none
    case .editContacts:
      openEditor { ContactsEditor(o.id, context: $0) }
      return .none
    case .timeline:
      openTimeline(o.id)
      return .none
    case .meeting:
      openMeeting(o.id)
      return .none
    case .export:
      openExportMenu(o.id)
      return .none
    }
    overview = o
    return .none
  }

  // MARK: - Effects

  mutating func openOverview() {
    guard let s = selectedPupil else { return }
    openOverview(s.id)
  }

  mutating func openOverview(_ id: AggregateID) {
    do {
      guard let lines = try sheetLines(id) else {
        message = ("That pupil was removed in another session.", true)
        return
      }
      overview = Overview(id: id, lines: lines)
    } catch {
      message = ("\(error)", true)
    }
  }

  /// The overview of a pupil as lines of text, or nil when the pupil no longer exists.
  func sheetLines(_ id: AggregateID) throws -> [String]? {
    guard let loaded = try store.pupil(id) else { return nil }
    var out = Output(colour: false)
    PupilSheet(
      pupil: loaded.value, today: list.today, settings: settings,
      history: try store.history(for: id, limit: 5)
    ).render(into: &out)
    return out.text.components(separatedBy: "\n")
  }

  mutating func openHelp<A>(_ keymap: Keymap<A>) {
    var h = HelpOverlay(keymap: keymap)
    h.fit(width: size.width, height: size.height)
    help = h
  }

  mutating func openHelp(lines: [String]) {
    var h = HelpOverlay(lines: lines)
    h.fit(width: size.width, height: size.height)
    help = h
  }

  mutating func undoOrRedo(undo: Bool) {
    do {
      let outcome = undo ? try store.undo() : try store.redo()
      message = ("\(undo ? "Undone" : "Redone"): \(outcome.summary)", false)
    } catch {
      message = ("\(error)", true)
    }
    // data_version only moves for other connections' commits; this one's own step needs an explicit reload.
    reloadIfChanged(force: true)
  }

  /// `save: false` while a search or filter is being typed: the durable write waits for Enter or Esc.
  mutating func applyPreferences(save: Bool = true) {
    let id = selectedPupil?.id
    list.refresh()
    table.sortColumn = list.preferences.sort.column
    table.sortAscending = list.preferences.ascending
    reselect(id)
    if save { savePreferences() }
  }

  func savePreferences() {
    if let data = try? JSONEncoder().encode(list.preferences) {
      try? store.setPreference("caseload", String(decoding: data, as: UTF8.self))
    }
  }

  /// Another session's change shows up within a tick; the selection stays on the same pupil and the scroll
  /// where it was.
  mutating func reloadIfChanged(force: Bool = false) {
    guard let version = try? store.dataVersion(), force || version != dataVersion else { return }
    dataVersion = version
    if let fresh = try? store.settings(today: list.today).value, fresh != settings {
      settings = fresh
      list.expectedMeetings = fresh.parentMeetingsPerYear
    }
    let id = selectedPupil?.id
    guard let summaries = try? store.summaries(includeLeavers: true) else { return }
    list.replace(summaries)
    reselect(id)
    refreshOverview()
    refreshTimeline()
    if deadlines != nil, let open = try? store.openDeadlines() {
      deadlines?.reload(deadlines: open, pupils: list.all)
    }
  }

  /// The overview shows the pupil as stored now, or closes when the pupil is gone.
  mutating func refreshOverview() {
    if let o = overview {
      switch Result(catching: { try sheetLines(o.id) }) {
      case .success(let lines?): overview?.lines = lines
      case .success(nil):
        overview = nil
        // After this session's own undo, its "Undone: …" line already says why.
        if message == nil { message = ("That pupil was removed in another session.", true) }
      case .failure(let error): message = ("\(error)", true)
      }
    }
  }

  mutating func reselect(_ id: AggregateID?) {
    let index = id.flatMap { list.row(of: $0) } ?? table.selected
    table.setRowCount(list.shown.count, keepingSelection: index)
    table.keepSelectionVisible(visibleRows)
  }

  // MARK: - View

  public func draw(into grid: inout Grid) {
    let width = grid.width
    let school = settings.schoolName.isEmpty ? "" : " — \(settings.schoolName)"
    grid.put(
      "Caseload\(school) — \(list.today.shortWeekdayName) \(list.today.british)", row: 0, column: 0,
      style: .bold,
      maxWidth: width, overflow: .ellipsis)
    if let e = editor {
      e.draw(into: &grid, rows: 1..<(grid.height - 2), context: editorContext)
      if message == nil, let m = e.message {
        grid.put(
          m.text, row: grid.height - 2, column: 0, style: m.isError ? .reverse : .plain,
          maxWidth: width, overflow: .ellipsis)
      }
      footer(into: &grid, hints: e.footerHints(width: width))
    } else if let s = importScreen {
      s.draw(into: &grid, rows: 1..<(grid.height - 2), unicode: unicode)
      footer(into: &grid, hints: s.footerHints(width: width))
    } else if let t = timeline {
      t.screen.draw(into: &grid, rows: 1..<(grid.height - 2))
      footer(
        into: &grid,
        hints: TimelineScreen.keys.footerHints(width: width, measure: { $0.displayWidth }))
    } else if overview == nil, let d = deadlines {
      d.draw(into: &grid, rows: 1..<(grid.height - 2), unicode: unicode)
      footer(
        into: &grid,
        hints: DeadlinesScreen.keys.footerHints(width: width, measure: { $0.displayWidth }))
    } else if let o = overview {
      let page = grid.height - 3
      for (i, line) in o.lines.dropFirst(o.scroll).prefix(page).enumerated() {
        grid.put(line, row: 1 + i, column: 0, maxWidth: width, overflow: .ellipsis)
      }
      footer(
        into: &grid,
        hints: Self.overviewKeys.footerHints(width: width, measure: { $0.displayWidth }))
    } else {
      let counts = list.countsLine
      grid.put(counts, row: 1, column: 0, maxWidth: width, overflow: .ellipsis)
      table.draw(
        into: &grid, row: 2, column: 0, width: width, height: grid.height - 4, unicode: unicode
      ) {
        list.cell(list.shown[$0], column: $1, unicode: unicode)
      }
      if list.shown.isEmpty {
        grid.put(
          list.all.isEmpty ? "No pupils yet." : "No pupil matches.", row: 4, column: 2,
          maxWidth: width - 2)
      }
      if let e = entry {
        let prompt = e.kind == .search ? "/" : "Filter: "
        let help = "  Enter keep · Esc undo"
        footer(into: &grid, hints: "")
        let row = grid.height - 1
        grid.put(prompt, row: row, column: 0, style: .bold, maxWidth: width)
        let fieldWidth = max(width - prompt.count - help.count, 8)
        e.field.draw(
          into: &grid, row: row, column: prompt.count, width: min(fieldWidth, width - prompt.count))
        if prompt.count + fieldWidth < width {
          grid.put(
            help, row: row, column: prompt.count + fieldWidth, style: .dim,
            maxWidth: width - prompt.count - fieldWidth)
        }
      } else if !list.preferences.filter.search.isEmpty || list.preferences.filter.hasConditions {
        footer(into: &grid, hints: activeFilterLine)
      } else {
        footer(
          into: &grid, hints: Self.listKeys.footerHints(width: width, measure: { $0.displayWidth }))
      }
    }
    discard?.draw(into: &grid, unicode: unicode)
    help?.draw(into: &grid, unicode: unicode)
    palette?.draw(into: &grid, unicode: unicode)
    exportMenu?.draw(into: &grid, unicode: unicode)
  }

  /// "Search: oisin · Filter: y7 K · F clears"
  var activeFilterLine: String {
    let f = list.preferences.filter
    var parts: [String] = []
    if !f.search.isEmpty { parts.append("Search: \(f.search)") }
    if f.hasConditions { parts.append("Filter: \(f.query)") }
    return (parts + ["/ search · f filter · F clears"]).joined(separator: " · ")
  }

  func footer(into grid: inout Grid, hints: String) {
    if let message {
      grid.put(
        message.text, row: grid.height - 2, column: 0, style: message.isError ? .reverse : .plain,
        maxWidth: grid.width, overflow: .ellipsis)
    }
    grid.put(
      hints, row: grid.height - 1, column: 0, style: .dim, maxWidth: grid.width, overflow: .ellipsis
    )
  }
}
