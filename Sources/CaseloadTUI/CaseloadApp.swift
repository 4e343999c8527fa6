import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation
import TerminalUI

/// Caseload in the terminal: the caseload list and the pupil overview, over a store that other sessions may be
/// changing at the same time.
public struct CaseloadApp: TerminalApp {
  let store: Store
  public internal(set) var list: CaseloadList
  public internal(set) var table = TableView(columns: CaseloadList.columns, highlight: .marker)
  var settings: SchoolSettings
  /// The screens over the list, bottom first: the top one takes the keys and is drawn.
  public internal(set) var stack: [Screen] = []
  /// The one box over the top screen (help, a menu, a question), taking every key until it closes.
  var overlay: Overlay?
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

  /// The table's rows of pupils: the screen less the title, the counts, the column header and the two footer lines.
  var visibleRows: Int { max(size.height - 5, 1) }

  public var selectedPupil: PupilSummary? {
    list.shown.indices.contains(table.selected) ? list.shown[table.selected] : nil
  }

  // MARK: - Update

  public mutating func handle(_ event: AppEvent) -> AppCommand {
    switch event {
    case .resize(let w, let h):
      size = (w, h)
      table.keepSelectionVisible(visibleRows)
      for i in stack.indices { stack[i].fit(width: w, height: h) }
      overlay?.fit(width: w, height: h)
      return .none
    case .tick:
      if case .editor(var e)? = stack.last {
        let outcome = e.tick(context: editorContext)
        replaceTop(.editor(e))
        _ = settle(outcome, of: e)
      }
      reloadIfChanged()
      return .none
    case .editedExternally(let text, let tag):
      if case .editor(var e)? = stack.last {
        e.receive(externalText: text, tag: tag)
        replaceTop(.editor(e))
      }
      return .none
    case .key(let key):
      if overlay != nil { return handleOverlay(key) }
      switch stack.last {
      case nil:
        if entry != nil { return handleEntry(key) }
        guard let action = Self.listKeys.action(for: key) else { return .none }
        return perform(action)
      case .editor?: return handleEditor(key)
      case .timeline?: return handleTimeline(key)
      case .overview?: return handleOverview(key)
      case .importer(var s)?:
        let outcome = s.handle(key, height: size.height)
        replaceTop(.importer(s))
        switch outcome {
        case .handled: break
        case .help: openHelp(ImportScreen.keys)
        case .closed(let note):
          pop()
          message = note.map { ($0, false) }
        case .run(let effect): run(effect)
        }
        return .none
      case .deadlines(var d)?:
        let outcome = d.handle(key, visibleRows: deadlineRows)
        replaceTop(.deadlines(d))
        return apply(outcome)
      }
    }
  }

  /// What a key or a named action on the deadlines asks of the app.
  mutating func apply(_ outcome: DeadlinesScreen.Outcome) -> AppCommand {
    switch outcome {
    case .handled: break
    case .back: pop()
    case .help: openHelp(DeadlinesScreen.keys)
    case .palette: openPalette()
    case .open(let item): openAgendaItem(item)
    case .markDone(let item): markDone(item)
    case .undo: run(.undo)
    case .pupil(let action, let id): perform(action, on: id)
    }
    return .none
  }

  /// The box over the screen takes the key: help scrolls, a menu runs, a question is answered.
  mutating func handleOverlay(_ key: Key) -> AppCommand {
    switch overlay {
    case nil: return .none
    case .help(var h)?:
      overlay = h.handle(key) == .closed ? nil : .help(h)
    case .undoQuestion(var d, let step)?:
      switch d.handle(key) {
      case .confirmed:
        overlay = nil
        performUndo(expected: step)
        if case .editor(var e)? = stack.last, !e.isDirty {
          if e.reload(context: editorContext) { replaceTop(.editor(e)) } else { pop() }
        }
      case .cancelled:
        overlay = nil
        message = ("Kept: nothing was undone.", false)
      case .handled: overlay = .undoQuestion(d, step: step)
      }
    case .discard(var d)?:
      switch d.handle(key) {
      case .confirmed:
        overlay = nil
        closeEditor()
        message = ("Changes discarded.", false)
      case .cancelled: overlay = nil
      case .handled: overlay = .discard(d)
      }
    case .exportMenu(var x)?:
      let outcome = x.handle(key)
      overlay = outcome == .handled ? .exportMenu(x) : nil
      if case .run(let effect) = outcome { run(effect) }
    case .doneMenu(var d)?:
      let outcome = d.handle(key, today: list.today)
      overlay = outcome == .handled ? .doneMenu(d) : nil
      switch outcome {
      case .finished(let text, let isError): message = (text, isError)
      case .run(let effect): run(effect)
      case .handled, .cancelled: break
      }
    case .palette(var p)?:
      switch p.handle(key) {
      case .closed: overlay = nil
      case .run(let name, _):
        overlay = nil
        return perform(named: name)
      case .handled: overlay = .palette(p)
      }
    }
    return .none
  }

  /// Runs an action of the screen showing by its name, as the command palette and the tests do.
  public mutating func perform(named name: String) -> AppCommand {
    switch stack.last {
    case nil:
      guard let action = Self.listKeys.action(named: name) else { return .none }
      return perform(action)
    case .overview?:
      guard let action = Self.overviewKeys.action(named: name) else { return .none }
      return performOverview(action)
    case .deadlines(var d)?:
      guard let action = DeadlinesScreen.keys.action(named: name) else { return .none }
      let outcome = d.perform(action, visibleRows: deadlineRows)
      replaceTop(.deadlines(d))
      return apply(outcome)
    case .timeline(let id, var t)?:
      guard let action = TimelineScreen.keys.action(named: name) else { return .none }
      let outcome = t.perform(action)
      replaceTop(.timeline(id, t))
      return apply(outcome, timeline: id)
    case .editor?, .importer?:
      return .none
    }
  }

  /// The `:` palette of the screen showing.
  mutating func openPalette() {
    switch stack.last {
    case nil: show(.palette(CommandPalette(namesOf: Self.listKeys)))
    case .overview?: show(.palette(CommandPalette(namesOf: Self.overviewKeys)))
    case .deadlines?: show(.palette(CommandPalette(namesOf: DeadlinesScreen.keys)))
    case .timeline?: show(.palette(CommandPalette(namesOf: TimelineScreen.keys)))
    case .editor?, .importer?: break
    }
  }

  var deadlineRows: Int { max(size.height - 5, 1) }

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
    case .undo: run(.undo)
    case .undoSkipping: run(.undoSkippingLastStep)
    case .redo: run(.redo)
    case .help: openHelp(Self.listKeys)
    case .palette: openPalette()
    case .quit: return .quit
    case .suspend: return .suspend
    case .addPupil: openEditor(.newPupil, PupilDetailsForm.spec)
    case .pupil(let action):
      if let s = selectedPupil { perform(action, on: s.id) }
    case .deadlines:
      do {
        push(
          .deadlines(
            DeadlinesScreen(
              deadlines: try store.openDeadlines(on: list.today), pupils: list.all,
              urgency: list.urgency, filter: AgendaFilter(me: Self.myNames))))
      } catch {
        message = ("\(error)", true)
      }
    case .settings: openEditor { SettingsEditor(context: $0) }
    case .importMIS:
      push(
        .importer(
          ImportScreen(lastPath: (try? store.preference(ImportScreen.lastPathKey)) ?? "")))
    }
    return .none
  }

  mutating func handleOverview(_ key: Key) -> AppCommand {
    guard let action = Self.overviewKeys.action(for: key) else { return .none }
    return performOverview(action)
  }

  mutating func performOverview(_ action: OverviewAction) -> AppCommand {
    guard case .overview(var o)? = stack.last else { return .none }
    let page = max(size.height - 3, 1)
    let maxScroll = max(o.lines.count - page, 0)
    switch action {
    case .down: o.scroll = min(o.scroll + 1, maxScroll)
    case .up: o.scroll = max(o.scroll - 1, 0)
    case .pageDown: o.scroll = min(o.scroll + page, maxScroll)
    case .pageUp: o.scroll = max(o.scroll - page, 0)
    case .back:
      pop()
      return .none
    case .undo, .redo:
      run(action == .undo ? .undo : .redo)
      return .none
    case .undoSkipping:
      run(.undoSkippingLastStep)
      return .none
    case .help: openHelp(Self.overviewKeys)
    case .palette:
      openPalette()
      return .none
    case .quit: return .quit
    case .pupil(let pupilAction):
      perform(pupilAction, on: o.id)
      return .none
    case .markDone:
      guard let pupil = try? store.pupil(o.id)?.value else { return .none }
      guard let menu = DoneMenu(pupil: pupil, today: list.today) else {
        message = ("\(pupil.displayName) has no follow-up, action or provision ending open.", false)
        return .none
      }
      message = nil
      show(.doneMenu(menu))
      return .none
    }
    replaceTop(.overview(o))
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
      push(.overview(PupilOverview(id: id, lines: lines)))
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

  mutating func openHelp<A>(_ keymap: Keymap<A>) { show(.help(HelpOverlay(keymap: keymap))) }

  mutating func openHelp(lines: [String]) { show(.help(HelpOverlay(lines: lines))) }

  mutating func undoOrRedo(undo: Bool) {
    guard undo else { return performRedo() }
    // A step made in another session (another terminal or machine, same user) is undone only when asked.
    if let next = try? store.nextUndo(), next.actor != store.actor.description {
      show(
        .undoQuestion(
          ConfirmDialog(
            question:
              "Undo “\(next.summary)”? It was made in another session: \(next.actor) at \(next.at).",
            title: "Undo a step from another session", confirmKey: "u", confirmLabel: "Undo it",
            cancelKey: "k", cancelLabel: "Keep it", defaultChoice: .cancel),
          step: next.step))
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
    refreshScreens()
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
        replaceTop(.editor(e))
      } else {
        closeEditor()
        message = ("That record was removed by \(by).", true)
      }
      return
    }
    replaceTop(.editor(e))
    message =
      unsaved
      ? (
        "Saved meanwhile by \(by): fields you have not changed show it; yours merge with it when you save.",
        false
      )
      : ("Updated: saved meanwhile by \(by).", false)
  }

  /// Every screen on the stack shows the records as stored now, keeping its scroll, zoom and selection; the
  /// overviews and timelines of a pupil removed meanwhile close.
  mutating func refreshScreens() {
    var gone = false
    var open: [PupilDeadline]?
    stack = stack.compactMap { screen in
      switch screen {
      case .overview(var o):
        switch Result(catching: { try sheetLines(o.id) }) {
        case .success(let lines?):
          o.lines = lines
          o.scroll = min(o.scroll, max(lines.count - 1, 0))
          return .overview(o)
        case .success(nil):
          gone = true
          return nil
        case .failure(let error):
          message = ("\(error)", true)
          return screen
        }
      case .timeline(let id, let t):
        guard let loaded = (try? store.pupil(id)) ?? nil else {
          gone = true
          return nil
        }
        return .timeline(
          id, t.reloaded(pupil: loaded.value, settings: settings, today: list.today))
      case .deadlines(var d):
        if open == nil { open = try? store.openDeadlines(on: list.today) }
        if let open { d.reload(deadlines: open, pupils: list.all) }
        return .deadlines(d)
      case .editor, .importer:
        return screen
      }
    }
    // After this session's own undo, its "Undone: …" line already says why.
    if gone, message == nil { message = ("That pupil was removed in another session.", true) }
  }

  mutating func reselect(_ id: AggregateID?) {
    let index = id.flatMap { list.row(of: $0) } ?? table.selected
    table.setRowCount(list.shown.count, keepingSelection: index)
    table.keepSelectionVisible(visibleRows)
  }

}
