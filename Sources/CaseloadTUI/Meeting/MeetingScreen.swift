import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation
import TerminalUI

/// Why a meeting cannot be run for a pupil now, in a sentence.
public struct MeetingRefusal: Error, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
}

/// The termly review meeting, run from the keyboard with the parents, the class teacher and often the pupil
/// in the room: who is present, each outcome rated, the views, the decision, the next review and the actions,
/// and a summary read back to the room. Confirming records all of it as one step (one `u` undoes it).
///
/// The meeting is a draft kept for this user outside the history: it is saved on every change of screen, every
/// finished change of a field, and within a second of typing, so pausing (Esc on the first screen), quitting or
/// a killed process loses at most a second; R resumes it. Abandoning it leaves nothing behind.
public struct MeetingScreen: Editor {
  /// What is on screen besides the meeting itself.
  enum Mode: Sendable {
    /// "Resume the meeting started on …, or start again?"; `stale` says why it can only be dropped.
    case resume(stale: String?, canStart: Bool)
    case meeting
    /// Esc on the first screen: pause, abandon, keep going.
    case pause
    /// "Abandon the meeting? Everything typed in it is lost": asked before the draft is dropped.
    case confirmAbandon
    /// Adding (index nil) or editing someone present.
    case person(Form, index: Int?)
    /// Adding (index nil) or editing an action.
    case action(Form, index: Int?)
    /// The note on an outcome's rating, and the note it had before, for Esc.
    case note(TextArea, outcomeID: Int, before: String)
  }

  public let id: AggregateID
  public private(set) var pupil: Pupil
  public private(set) var draft: MeetingDraft
  /// The draft as the store holds it (nil: not saved yet).
  var saved: MeetingDraft?
  var lastSave = Date()
  /// A finished change (of screen, of a field) to keep as soon as the key is done.
  var keepWanted = false
  /// The write asked of the app, and what follows when it is done.
  var pending: Pending?

  enum Pending: Sendable {
    case keep(MeetingDraft, then: AfterKeep)
    case drop(then: AfterDrop)
    case record
  }
  enum AfterKeep: Sendable { case nothing, closePaused }
  enum AfterDrop: Sendable { case abandon, startAgain }
  var mode: Mode
  /// How far the body of the screen is scrolled (screens without a selection).
  var scroll = 0
  /// The terminal's size, for wrapping text fields and bounding the scroll.
  var size = (width: 80, height: 24)
  /// The person (present) or action (next) selected.
  var selected = 0
  /// Which of the three views is being typed in.
  var viewFocus = 0
  var views: [TextArea]
  var dateField: TextInput
  /// On the next review screen: the date field (true) or the actions.
  var dateFocused = true
  var note: (text: String, isError: Bool)?
  var closing: (text: String, isError: Bool)?
  var help: HelpOverlay?

  init(pupil: Pupil, draft: MeetingDraft, mode: Mode) {
    id = pupil.id
    self.pupil = pupil
    self.draft = draft
    self.mode = mode
    views = []
    dateField = TextInput()
    loadFields()
  }

  /// The text fields as the draft holds them (on opening, resuming or starting again).
  mutating func loadFields() {
    let plan = pupil.currentCycle?.plan
    let before = [plan?.pupilVoice ?? "", plan?.parentViews ?? "", ""]
    views = [draft.pupilViews, draft.parentViews, draft.supportRight].enumerated().map { i, text in
      let placeholder =
        before[i].isEmpty
        ? Self.placeholders[i] : "From the plan (type to write this review's): \(before[i])"
      return TextArea(text: text, width: 72, height: 4, maxLength: 4000, placeholder: placeholder)
    }
    dateField = TextInput(
      text: draft.nextReview?.british ?? "", maxLength: 40,
      placeholder: "31/12/2026, +12w, next term")
    dateFocused = draft.decision != .removeFromRegister
    selected = 0
    scroll = 0
  }

  static let viewTitles = [
    "The pupil's voice", "The parents' views", "Is the support what they need?",
  ]
  static let placeholders = [
    "What the pupil says about how it is going", "What the parents say",
    "Whether the support is right, and what should change",
  ]

  // MARK: Starting

  /// The meeting for a pupil: resumed (after asking) when this user has one in progress, else a new one on the
  /// current cycle (kept at its first tick); or why there can be none (no cycle, a cycle not yet at do, a pupil
  /// who has left).
  public static func start(_ id: AggregateID, context: EditorContext) -> Result<
    MeetingScreen, MeetingRefusal
  > {
    let pupil: Pupil
    do {
      guard let loaded = try context.records.pupil(id)?.value else {
        return .failure(MeetingRefusal("That pupil was removed in another session."))
      }
      pupil = loaded
    } catch {
      return .failure(MeetingRefusal("\(error)"))
    }
    let refusal = Self.refusal(pupil, today: context.today)
    var stored: MeetingDraft?
    var unreadable: String?
    do {
      stored = try context.records.meetingDraft(for: id)
    } catch {
      unreadable = "\(error)"
    }
    let fresh = MeetingDraft(pupil: pupil, date: context.today, settings: context.settings)
    if let stored {
      var stale: String?
      if let c = pupil.currentCycle, c.id == stored.cycleID, !c.isClosed, refusal == nil {
        stale = nil
      } else {
        stale =
          "The meeting started on \(MeetingText.day(stored.date)) was for cycle \(stored.cycleID), which has been reviewed or changed since: it can no longer be recorded."
      }
      var screen = MeetingScreen(
        pupil: pupil, draft: stored, mode: .resume(stale: stale, canStart: refusal == nil))
      screen.saved = stored
      return .success(screen)
    }
    if let unreadable {
      return .success(
        MeetingScreen(
          pupil: pupil, draft: fresh, mode: .resume(stale: unreadable, canStart: refusal == nil)))
    }
    if let refusal { return .failure(refusal) }
    var screen = MeetingScreen(pupil: pupil, draft: fresh, mode: .meeting)
    screen.keepWanted = true
    return .success(screen)
  }

  /// Why a meeting cannot be held for the pupil now, or nil: the current cycle must be at do or review.
  static func refusal(_ p: Pupil, today: Day) -> MeetingRefusal? {
    let name = p.displayName
    if let left = p.left {
      return MeetingRefusal("\(name) left on \(left.british); the record is read-only.")
    }
    guard let c = p.currentCycle else {
      return MeetingRefusal(
        "\(name) has no assess, plan, do, review cycle to review: p opens the plan, where N starts one."
      )
    }
    if let closed = c.closed {
      return MeetingRefusal(
        "Cycle \(c.id) of \(name) was reviewed on \(closed.british) and no cycle follows it: start the next one in the plan (p, then N) first."
      )
    }
    switch c.stage {
    case .do, .review: return nil
    case .assess, .plan:
      let due =
        c.plan.reviewDate.map { $0 <= today ? " Its review was due on \($0.british)." : "" } ?? ""
      return MeetingRefusal(
        "Cycle \(c.id) of \(name) is at \(c.stage.title.lowercased()): move the cycle to do first (p, then >).\(due)"
      )
    }
  }

  // MARK: Editor

  public var title: String { "\(pupil.displayName) — review meeting" }
  public var accessName: String? { "meeting" }
  /// Never: the draft is saved as it goes.
  public var isDirty: Bool { false }
  public var pupilID: AggregateID? { id }
  public var message: (text: String, isError: Bool)? { note }
  public var closingMessage: (text: String, isError: Bool)? { closing }

  var cycle: Cycle? { pupil.cycles.first { $0.id == draft.cycleID } }
  var outcomes: [Outcome] { cycle?.plan.outcomes ?? [] }
  /// The decision takes the pupil off the register: no next cycle, so no next review date to set.
  var removing: Bool { !draft.opensNextCycle(for: pupil) }

  public mutating func reload(context: EditorContext) -> Bool {
    guard let loaded = try? context.records.pupil(id) else { return false }
    pupil = loaded.value
    return true
  }

  public mutating func fit(width: Int, height: Int) {
    size = (width, height)
    for i in views.indices { views[i].fit(width: max(1, width - 4), height: views[i].height) }
  }

  public mutating func tick(context: EditorContext) -> EditorOutcome {
    if case .resume = mode { return .stay }
    return keep(then: .nothing)
  }

  public mutating func receive(externalText: String?, tag: String) {
    guard let text = externalText else {
      note = ("The external editor did not return any text; nothing changed.", true)
      return
    }
    if tag.hasPrefix("meeting-view-"), let i = Int(tag.dropFirst("meeting-view-".count)),
      views.indices.contains(i)
    {
      views[i].setText(text)
      setView(i, views[i].text)
    } else if tag == "meeting-note", case .note(var area, let outcomeID, let before) = mode {
      area.setText(text)
      mode = .note(area, outcomeID: outcomeID, before: before)
      setNote(outcomeID, area.text)
    }
  }

  // MARK: Saving the draft

  /// Marks the draft to be kept once the key is done (a finished change of screen or field).
  mutating func persist(_ context: EditorContext) { keepWanted = true }

  /// Asks the app to keep the draft when it differs from what is kept, then does `then`.
  mutating func keep(then: AfterKeep) -> EditorOutcome {
    keepWanted = false
    guard draft != saved else { return kept(then: then) }
    pending = .keep(draft, then: then)
    return .save(SaveRequest(.keepDraft(draft)))
  }

  mutating func kept(then: AfterKeep) -> EditorOutcome {
    switch then {
    case .nothing: return .stay
    case .closePaused:
      closing = ("Meeting paused; R resumes it.", false)
      return .close
    }
  }

  /// How the write the meeting asked for went, and what follows.
  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    guard let asked = pending else { return .stay }
    pending = nil
    let problem: String
    switch result {
    case .saved, .nothingChanged:
      var line: String? = nil
      if case .saved(let l) = result, !l.isEmpty { line = l }
      switch asked {
      case .keep(let draft, let then):
        saved = draft
        lastSave = Date()
        return kept(then: then)
      case .drop(.abandon):
        saved = nil
        closing = ("Meeting abandoned; nothing was recorded.", false)
        return .close
      case .drop(.startAgain):
        _ = reload(context: context)
        draft = MeetingDraft(pupil: pupil, date: context.today, settings: context.settings)
        saved = nil
        mode = .meeting
        loadFields()
        return keep(then: .nothing)
      case .record:
        saved = nil
        return .saved(line ?? "\(pupil.displayName): review meeting")
      }
    case .refused(let why): problem = why
    case .conflict(let box): problem = box.conflict.explanation
    }
    if case .keep = asked {
      note = ("The meeting could not be kept: \(problem)", true)
    } else {
      note = (problem, true)
    }
    return .stay
  }

  mutating func setView(_ i: Int, _ text: String) {
    switch i {
    case 0: draft.pupilViews = text
    case 1: draft.parentViews = text
    default: draft.supportRight = text
    }
  }

  mutating func setNote(_ outcomeID: Int, _ text: String) {
    guard let rated = draft.rating(for: outcomeID) else { return }
    draft.rate(outcomeID, rated.rating, note: text)
  }

  // MARK: Keys

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    note = nil
    if var h = help {
      help = h.handle(key) == .closed ? nil : h
      return .stay
    }
    let outcome: EditorOutcome
    switch mode {
    case .resume(let stale, let canStart):
      return handleResume(key, stale: stale, canStart: canStart, context: context)
    case .pause: outcome = handlePause(key, context: context)
    case .confirmAbandon: outcome = handleConfirmAbandon(key, context: context)
    case .person(var form, let index):
      outcome = handlePerson(key, form: &form, index: index, context: context)
    case .action(var form, let index):
      outcome = handleAction(key, form: &form, index: index, context: context)
    case .note(var area, let outcomeID, let before):
      outcome = handleNote(key, area: &area, outcomeID: outcomeID, before: before, context: context)
    case .meeting: outcome = handleMeeting(key, context: context)
    }
    // Typing without a pause gets no ticks: keep the draft at least once a second anyway.
    if case .stay = outcome, keepWanted || Date().timeIntervalSince(lastSave) >= 1 {
      return keep(then: .nothing)
    }
    return outcome
  }

  mutating func handleResume(_ key: Key, stale: String?, canStart: Bool, context: EditorContext)
    -> EditorOutcome
  {
    switch key {
    case .char("r"), .char("R"), .enter:
      guard stale == nil else { return .stay }
      mode = .meeting
      loadFields()
      note = ("Resumed the meeting of \(MeetingText.day(draft.date)).", false)
    case .char("s"), .char("S"):
      guard canStart else { return .stay }
      pending = .drop(then: .startAgain)
      return .save(SaveRequest(.dropDraft(id)))
    case .char("a"), .char("A"):
      guard stale != nil, !canStart else { return .stay }
      return abandon(context: context)
    case .escape, .char("c"), .char("C"):
      return .close
    default: break
    }
    return .stay
  }

  mutating func handlePause(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch key {
    case .char("p"), .char("P"):
      return keep(then: .closePaused)
    case .char("a"), .char("A"):
      mode = .confirmAbandon
    case .char("k"), .char("K"), .escape:
      mode = .meeting
    default: break
    }
    return .stay
  }

  /// Abandoning drops everything typed: asked once more, keeping the meeting the safe answer.
  mutating func handleConfirmAbandon(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch key {
    case .char("a"), .char("A"): return abandon(context: context)
    case .char("k"), .char("K"), .escape, .enter: mode = .meeting
    default: break
    }
    return .stay
  }

  /// Drops the meeting: nothing of it is kept, and nothing is in the history.
  mutating func abandon(context: EditorContext) -> EditorOutcome {
    pending = .drop(then: .abandon)
    return .save(SaveRequest(.dropDraft(id)))
  }

  mutating func handleMeeting(_ key: Key, context: EditorContext) -> EditorOutcome {
    let action = Self.keys.action(for: key)
    let movesOn: Set<MeetingAction> = [.nextScreen, .record, .back, .nextField, .previousField]
    if let action, movesOn.contains(action) { return perform(action, context: context) }
    // Text fields take the other keys.
    if draft.screen == .views {
      if key == .ctrl("o") {
        return .editExternally(text: views[viewFocus].text, tag: "meeting-view-\(viewFocus)")
      }
      var area = views[viewFocus]
      let outcome = area.handle(key)
      views[viewFocus] = area
      if outcome == .changed { setView(viewFocus, area.text) }
      return .stay
    }
    if draft.screen == .next, dateFocused, !removing {
      switch key {
      case .enter, .down:
        if commitDate(context: context, revert: false) { focusActions(context: context) }
      default:
        var field = dateField
        _ = field.handle(key)
        dateField = field
      }
      return .stay
    }
    guard let action else { return .stay }
    return perform(action, context: context)
  }

  /// Runs a meeting action, as its key does.
  mutating func perform(_ action: MeetingAction, context: EditorContext) -> EditorOutcome {
    let screen = draft.screen
    switch action {
    case .next:
      switch screen {
      case .outcomes: return moveOutcome(by: 1, orOnTo: true, context: context)
      case .summary: return record(context: context)
      default: return goForward(context: context)
      }
    case .nextScreen: return goForward(context: context)
    case .back:
      guard screen != .present else {
        mode = .pause
        return .stay
      }
      return go(to: previous(screen), context: context, revertingDate: true)
    case .nextField: return nextField(context: context)
    case .previousField: return previousField(context: context)
    case .down, .up:
      let delta = action == .down ? 1 : -1
      switch screen {
      case .present: selected = max(0, min(selected + delta, draft.present.count - 1))
      case .next where !dateFocused:
        if delta < 0, selected == 0, !removing {
          dateFocused = true
        } else {
          selected = max(0, min(selected + delta, draft.actions.count - 1))
        }
      default: scroll = max(0, min(scroll + delta, maxScroll(context: context)))
      }
    case .forward, .backward:
      let delta = action == .forward ? 1 : -1
      if screen == .outcomes { return moveOutcome(by: delta, orOnTo: false, context: context) }
      scroll = max(0, min(scroll + 8 * delta, maxScroll(context: context)))
    case .pick(let n):
      switch screen {
      case .outcomes: rate(n, context: context)
      case .decision:
        let all = ReviewDecision.allCases
        guard (1...all.count).contains(n) else { return .stay }
        draft.decision = all[n - 1]
        if draft.decision == .removeFromRegister { dateFocused = false }
        persist(context)
      default: break
      }
    case .clear:
      guard screen == .outcomes, let o = currentOutcome else { return .stay }
      draft.rate(o.id, nil)
      persist(context)
    case .note:
      guard screen == .outcomes, let o = currentOutcome else { return .stay }
      guard let rated = draft.rating(for: o.id) else {
        note = (
          "Rate the outcome first (keys 1–\(context.settings.ratingScale.ratings.count)); then n adds a note to the rating.",
          true
        )
        return .stay
      }
      let area = TextArea(text: rated.note, width: 72, height: 3, maxLength: 2000)
      mode = .note(area, outcomeID: o.id, before: rated.note)
    case .progress(let p):
      guard screen == .decision else { return .stay }
      draft.progress = p
      persist(context)
    case .add, .edit:
      let index: Int? = action == .edit ? selected : nil
      switch screen {
      case .present:
        if action == .edit, !draft.present.indices.contains(selected) { return .stay }
        mode = .person(Self.personForm(index.map { draft.present[$0] }), index: index)
      case .next:
        if action == .edit, dateFocused || !draft.actions.indices.contains(selected) {
          return .stay
        }
        mode = .action(
          Self.actionForm(index.map { draft.actions[$0] }, context: context), index: index)
      default: break
      }
    case .remove:
      switch screen {
      case .present where draft.present.indices.contains(selected):
        let gone = draft.present.remove(at: selected)
        selected = max(0, min(selected, draft.present.count - 1))
        note = ("\(MeetingText.person(gone)) is no longer listed; a adds someone.", false)
        persist(context)
      case .next where !dateFocused && draft.actions.indices.contains(selected):
        let gone = draft.actions.remove(at: selected)
        selected = max(0, min(selected, draft.actions.count - 1))
        note = ("Action removed: \(Text.excerpt(gone.text)).", false)
        persist(context)
      default: break
      }
    case .record:
      if screen == .summary { return record(context: context) }
      let outcome = go(to: .summary, context: context, revertingDate: false)
      if draft.screen == .summary {
        note = ("Read the summary back to the room; Enter or Ctrl-S records it.", false)
      }
      return outcome
    case .help:
      help = HelpOverlay(lines: helpLines, title: "Review meeting")
    }
    return .stay
  }

  // MARK: Moving through the meeting

  func previous(_ s: MeetingDraft.Screen) -> MeetingDraft.Screen {
    let all = MeetingDraft.Screen.allCases
    return all[max(0, all.firstIndex(of: s)! - 1)]
  }

  func following(_ s: MeetingDraft.Screen) -> MeetingDraft.Screen {
    let all = MeetingDraft.Screen.allCases
    return all[min(all.count - 1, all.firstIndex(of: s)! + 1)]
  }

  mutating func goForward(context: EditorContext) -> EditorOutcome {
    guard draft.screen != .summary else {
      note = ("This is the last screen: Enter or Ctrl-S records the meeting.", false)
      return .stay
    }
    return go(to: following(draft.screen), context: context, revertingDate: false)
  }

  /// Changes screen, keeping the draft; leaving the next review screen takes the date typed (a date that
  /// cannot be read stops a move forward, and is put back on a move back).
  @discardableResult
  mutating func go(to s: MeetingDraft.Screen, context: EditorContext, revertingDate: Bool)
    -> EditorOutcome
  {
    if draft.screen == .next, !removing, !commitDate(context: context, revert: revertingDate) {
      return .stay
    }
    draft.screen = s
    scroll = 0
    selected = 0
    switch s {
    case .views:
      viewFocus = 0
    case .next:
      dateFocused = !removing
    case .outcomes:
      draft.outcomeIndex = max(0, min(draft.outcomeIndex, outcomes.count - 1))
    default: break
    }
    persist(context)
    return .stay
  }

  mutating func nextField(context: EditorContext) -> EditorOutcome {
    switch draft.screen {
    case .views:
      persist(context)
      if viewFocus < 2 {
        viewFocus += 1
        return .stay
      }
      return goForward(context: context)
    case .next where dateFocused && !removing:
      if commitDate(context: context, revert: false) { focusActions(context: context) }
      return .stay
    case .outcomes: return moveOutcome(by: 1, orOnTo: true, context: context)
    case .summary: return .stay
    default: return goForward(context: context)
    }
  }

  mutating func previousField(context: EditorContext) -> EditorOutcome {
    switch draft.screen {
    case .present:
      note = ("This is the first screen; Esc pauses or abandons the meeting.", false)
      return .stay
    case .views where viewFocus > 0:
      persist(context)
      viewFocus -= 1
      return .stay
    case .next where !dateFocused && !removing:
      dateFocused = true
      return .stay
    case .outcomes where draft.outcomeIndex > 0:
      return moveOutcome(by: -1, orOnTo: false, context: context)
    case .decision:
      go(to: .views, context: context, revertingDate: false)
      viewFocus = 2
      return .stay
    default:
      return go(to: previous(draft.screen), context: context, revertingDate: false)
    }
  }

  mutating func focusActions(context: EditorContext) {
    dateFocused = false
    selected = 0
    persist(context)
  }

  /// Takes the next review date typed; false (and why, on the message line) when it cannot be read, unless
  /// `revert`, which puts the kept date back instead.
  mutating func commitDate(context: EditorContext, revert: Bool) -> Bool {
    let text = dateField.text.trimmingCharacters(in: .whitespaces)
    if text.isEmpty {
      draft.nextReview = nil
      return true
    }
    switch DateEntry.parse(text, today: context.today, settings: context.settings) {
    case .success(let day):
      draft.nextReview = day
      dateField.setText(day.british)
      return true
    case .failure(let error):
      if revert {
        dateField.setText(draft.nextReview?.british ?? "")
        note = (
          "The next review date stays \(draft.nextReview.map(MeetingText.day) ?? "unset"): \(error.description)",
          true
        )
        return true
      }
      note = (error.description, true)
      return false
    }
  }

  var currentOutcome: Outcome? {
    outcomes.indices.contains(draft.outcomeIndex) ? outcomes[draft.outcomeIndex] : nil
  }

  mutating func moveOutcome(by delta: Int, orOnTo: Bool, context: EditorContext) -> EditorOutcome {
    let to = draft.outcomeIndex + delta
    guard outcomes.indices.contains(to) else {
      if orOnTo, delta > 0 { return goForward(context: context) }
      if delta < 0 {
        note = ("This is the first outcome; Esc goes back to who is present.", false)
      } else {
        note = ("This is the last outcome; Enter goes on to the views.", false)
      }
      return .stay
    }
    draft.outcomeIndex = to
    scroll = 0
    persist(context)
    return .stay
  }

  mutating func rate(_ n: Int, context: EditorContext) {
    guard let o = currentOutcome else { return }
    let keys = MeetingText.ratingKeys(context.settings.ratingScale)
    guard let chosen = keys.first(where: { $0.key == n }) else {
      note = ("Rate with \(MeetingText.ratingLegend(context.settings.ratingScale)).", true)
      return
    }
    draft.rate(o.id, chosen.rating)
    persist(context)
  }

  // MARK: Someone present

  static func personForm(_ p: Participant?) -> Form {
    var form = Form(fields: [
      FormField(
        id: "role", label: "Role",
        kind: .choice(MeetingText.roles.map { ChoicePicker.Choice($0.title) }),
        value: p?.role.title ?? "", required: true, placeholder: "(none chosen)"),
      FormField(
        id: "name", label: "Name", value: p?.name ?? "", maxLength: 80,
        placeholder: "their name (may be left empty)"),
    ])
    if p == nil {
      form.handle(.enter)  // the role picker, straight away
    } else {
      form.focus("name")
    }
    return form
  }

  mutating func handlePerson(_ key: Key, form: inout Form, index: Int?, context: EditorContext)
    -> EditorOutcome
  {
    let pickerWasOpen = form.picker != nil
    if key == .ctrl("s"), !pickerWasOpen { return addPerson(form, index: index, context: context) }
    switch form.handle(key) {
    case .cancelled:
      mode = .meeting
      return .stay
    case .submitted:
      return addPerson(form, index: index, context: context)
    default:
      if pickerWasOpen, form.picker == nil, form.focusedID == "role",
        form.choiceIndex("role") != nil
      {
        form.focus("name")
      }
      mode = .person(form, index: index)
      return .stay
    }
  }

  mutating func addPerson(_ form: Form, index: Int?, context: EditorContext) -> EditorOutcome {
    var form = form
    guard form.validateAll(), let role = form.choiceIndex("role") else {
      mode = .person(form, index: index)
      return .stay
    }
    let person = Participant(role: MeetingText.roles[role], name: form.value("name") ?? "")
    if let index, draft.present.indices.contains(index) {
      draft.present[index] = person
      selected = index
    } else {
      draft.present.append(person)
      selected = draft.present.count - 1
    }
    mode = .meeting
    persist(context)
    return .stay
  }

  // MARK: Actions

  static func actionForm(_ a: ReviewAction?, context: EditorContext) -> Form {
    Form(fields: [
      FormField(
        id: "text", label: "What", value: a?.text ?? "", required: true, maxLength: 200,
        placeholder: "what was agreed, e.g. send the spelling list home weekly"),
      FormField(
        id: "owner", label: "Who", value: a?.owner ?? "", required: true, maxLength: 80,
        placeholder: "a name or a role, e.g. class teacher"),
      FormField(
        id: "due", label: "By when", value: a?.due?.british ?? "", maxLength: 40,
        placeholder: "11/12/2026, +2w, end of term", hint: FieldRules.dateHint(context),
        validate: FieldRules.dateCheck(context)),
    ])
  }

  mutating func handleAction(_ key: Key, form: inout Form, index: Int?, context: EditorContext)
    -> EditorOutcome
  {
    if key == .ctrl("s") { return addAction(form, index: index, context: context) }
    switch form.handle(key) {
    case .cancelled:
      mode = .meeting
    case .submitted:
      return addAction(form, index: index, context: context)
    default:
      mode = .action(form, index: index)
    }
    return .stay
  }

  mutating func addAction(_ form: Form, index: Int?, context: EditorContext) -> EditorOutcome {
    var form = form
    guard form.validateAll() else {
      mode = .action(form, index: index)
      return .stay
    }
    let due = try? FieldRules.day(
      form.value("due"), today: context.today, settings: context.settings)
    let action = ReviewAction(
      text: form.value("text") ?? "", owner: form.value("owner") ?? "", due: due ?? nil)
    if let index, draft.actions.indices.contains(index) {
      draft.actions[index] = action
      selected = index
    } else {
      draft.actions.append(action)
      selected = draft.actions.count - 1
    }
    dateFocused = false
    mode = .meeting
    persist(context)
    return .stay
  }

  // MARK: Notes

  mutating func handleNote(
    _ key: Key, area: inout TextArea, outcomeID: Int, before: String, context: EditorContext
  ) -> EditorOutcome {
    switch key {
    case .enter, .tab, .ctrl("s"):
      mode = .meeting
      persist(context)
    case .escape:
      setNote(outcomeID, before)
      mode = .meeting
      persist(context)
    case .ctrl("o"):
      return .editExternally(text: area.text, tag: "meeting-note")
    default:
      if area.handle(key) == .changed { setNote(outcomeID, area.text) }
      mode = .note(area, outcomeID: outcomeID, before: before)
    }
    return .stay
  }

  // MARK: Recording

  /// Records the meeting as one step, when nothing is missing.
  mutating func record(context: EditorContext) -> EditorOutcome {
    _ = reload(context: context)
    let missing = draft.missing(for: pupil)
    guard missing.isEmpty else {
      note = ("Not ready to record: " + missing.joined(separator: " "), true)
      return .stay
    }
    pending = .record
    return .save(SaveRequest(.meeting(draft)))
  }
}
