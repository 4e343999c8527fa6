import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Caseload in the terminal: the caseload list and the pupil overview, over a store that other sessions may be
/// changing at the same time.
public struct CaseloadApp: TerminalApp {
  struct Overview {
    var id: AggregateID
    var lines: [String]
    var scroll = 0
  }

  let store: Store
  public internal(set) var list: CaseloadList
  public internal(set) var table = TableView(columns: CaseloadList.columns, highlight: .marker)
  var settings: SchoolSettings
  var overview: Overview?
  var help: HelpOverlay?
  /// The record being edited, over the list or the overview it was opened from.
  public internal(set) var editor: (any Editor)?
  /// "Discard your changes?" when an editor with unsaved changes is closed.
  var discard: ConfirmDialog?
  /// Asked before undoing a step made in another session (another terminal, machine or SSH client).
  var undoQuestion: (dialog: ConfirmDialog, step: Int64)?
  /// The school-wide deadlines, under any overview opened from them.
  public internal(set) var deadlines: DeadlinesScreen?
  /// A pupil's timeline, over the list or overview it was opened from; editors open over it.
  public internal(set) var timeline: (id: AggregateID, screen: TimelineScreen)?
  var palette: CommandPalette<CaseloadAction>?
  /// The MIS import: the file prompt, then the preview, over the list.
  public internal(set) var importScreen: ImportScreen?
  /// The exports offered for a pupil (`x`), over the list or overview, and where they find the folders.
  public internal(set) var exportMenu: ExportMenu?
  /// Ticking off the overview's pupil's follow-ups, actions and provision endings.
  public internal(set) var doneMenu: DoneMenu?
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
  public internal(set) var message: (text: String, isError: Bool)?
  var size: (width: Int, height: Int)
  var dataVersion: Int
  let unicode: Bool

  public var minimumSize: (width: Int, height: Int) { (40, 12) }

  public init(store: Store, today: Day, width: Int, height: Int, unicode: Bool = true) throws {
    self.store = store
    self.size = (width, height)
    self.unicode = unicode
    settings = try store.settings(today: today).value
    list = CaseloadList(today: today, settings: settings)
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
      editor?.fit(width: w, height: h)
      palette?.fit(width: w, height: h)
      exportMenu?.fit(width: w, height: h)
      doneMenu?.fit(width: w, height: h)
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
      if var q = undoQuestion {
        switch q.dialog.handle(key) {
        case .confirmed:
          undoQuestion = nil
          performUndo(expected: q.step)
          let context = editorContext
          if var e = editor, !e.isDirty {
            editor = e.reload(context: context) ? e : nil
          }
        case .cancelled:
          undoQuestion = nil
          message = ("Kept: nothing was undone.", false)
        case .handled: undoQuestion = q
        }
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
      if var d = doneMenu {
        let outcome = d.handle(key, store: store, today: list.today)
        doneMenu = outcome == .handled ? d : nil
        if case .finished(let text, let isError) = outcome {
          message = (text, isError)
          reloadIfChanged(force: true)
        }
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
        case .open(let item): openAgendaItem(item)
        case .markDone(let item): markDone(item)
        case .undo: undoOrRedo(undo: true)
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
    case .undoSkipping: undoSkippingLastStep()
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
          deadlines: try store.openDeadlines(on: list.today), pupils: list.all,
          urgency: list.urgency, filter: AgendaFilter(me: Self.myNames))
      } catch {
        message = ("\(error)", true)
      }
    case .editPlan:
      if let s = selectedPupil { openEditor { PlanEditor(s.id, context: $0) } }
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
    case .undoSkipping:
      undoSkippingLastStep()
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
      openEditor { PlanEditor(o.id, context: $0) }
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
    case .markDone:
      guard let pupil = try? store.pupil(o.id)?.value else { return .none }
      guard var menu = DoneMenu(pupil: pupil, today: list.today) else {
        message = ("\(pupil.displayName) has no follow-up, action or provision ending open.", false)
        return .none
      }
      menu.fit(width: size.width, height: size.height)
      message = nil
      doneMenu = menu
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
      try? store.recordAccess(id, "overview")
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
    guard undo else { return performRedo() }
    // A step made in another session (another terminal or machine, same user) is undone only when asked.
    if let next = try? store.nextUndo(), next.actor != store.actor.description {
      undoQuestion = (
        ConfirmDialog(
          question:
            "Undo “\(next.summary)”? It was made in another session: \(next.actor) at \(next.at).",
          title: "Undo a step from another session", confirmKey: "u", confirmLabel: "Undo it",
          cancelKey: "k", cancelLabel: "Keep it", defaultChoice: .cancel),
        next.step
      )
      return
    }
    performUndo(expected: nil)
  }

  mutating func performRedo() {
    do {
      message = ("Redone: \(try store.redo().summary)", false)
    } catch {
      message = ("\(error)", true)
    }
    reloadIfChanged(force: true)
  }

  mutating func performUndo(expected: Int64?) {
    do {
      let outcome = try store.undo(expected: expected)
      message = ("Undone: \(outcome.summary)", false)
    } catch let refused as StoreError where refused.kind == .undoRefused {
      // The way past goes first, so a narrow message line still shows it.
      message = (
        "Undo blocked (U keeps your step and undoes the one before): \(refused.message)", true
      )
    } catch {
      message = ("\(error)", true)
    }
    // data_version only moves for other connections' commits; this one's own step needs an explicit reload.
    reloadIfChanged(force: true)
  }

  /// What `caseload undo --skip` does: keeps the last step (someone has built on it) and undoes the one before.
  mutating func undoSkippingLastStep() {
    do {
      let kept = try store.keepLastStep()
      let outcome = try store.undo()
      message = ("Kept: \(kept.summary). Undone: \(outcome.summary)", false)
    } catch {
      message = ("\(error)", true)
    }
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
      list.settings = fresh
    }
    let id = selectedPupil?.id
    guard let summaries = try? store.summaries(includeLeavers: true) else { return }
    list.replace(summaries)
    reselect(id)
    refreshOverview()
    refreshTimeline()
    if deadlines != nil, let open = try? store.openDeadlines(on: list.today) {
      deadlines?.reload(deadlines: open, pupils: list.all)
    }
    // After this session's own step (forced), the caller reloads its editor and says what happened.
    if !force { refreshEditor() }
  }

  /// An open editor takes another session's save of its record within a tick, and the message line says whose.
  mutating func refreshEditor() {
    guard var e = editor, let at = e.loadedAt else { return }
    let stored: Int? =
      at.record == .settings
      ? (try? store.settings(today: list.today).version)
      : (try? store.pupil(at.record))?.flatMap { $0.version }
    guard stored != at.version else { return }
    let who = (try? store.history(for: at.record, limit: 1).first).flatMap { $0 }
    let by = who.map { "\($0.actor) at \(Timestamp.local($0.at))" } ?? "another session"
    let unsaved = e.isDirty
    guard e.refresh(context: editorContext) else {
      if unsaved {
        message = ("\(e.title) was removed by \(by); your unsaved changes cannot be saved.", true)
        editor = e
      } else {
        editor = nil
        message = ("That record was removed by \(by).", true)
      }
      return
    }
    editor = e
    message =
      unsaved
      ? (
        "Saved meanwhile by \(by): fields you have not changed show it; yours merge with it when you save.",
        false
      )
      : ("Updated: saved meanwhile by \(by).", false)
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

}
