import CaseloadCore
import CaseloadStore
import CaseloadText
import TerminalUI

/// The actions of the plan editor's lists (the sections, and the items of a section).
public enum PlanAction: Hashable, Sendable {
  case down, up, top, bottom, open, add, delete, moveDown, moveUp, newCycle, nextStage, undo, back,
    help
}

/// The SEN support plan of a pupil's current cycle, section by section: a list of the plan's parts with what
/// each holds (provision with its costs against the notional threshold), lists of outcomes, provision,
/// strategies and participants to add to, edit, delete and reorder, and a form for each item and part.
///
/// Every save is one undo step at the version of the pupil the form or list was loaded at; another session's
/// save in between is shown as a conflict, never overwritten. `N` starts the next cycle, carrying forward the
/// outcomes not achieved; a pupil with no cycle is offered the first one, when their SEN status allows it.
public struct PlanEditor: Editor {
  public static let keys = try! Keymap<PlanAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Next section or item"),
    .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Previous section or item"),
    .init(keys: [.home, .char("g")], action: .top, name: "top", help: "First section or item"),
    .init(keys: [.end, .char("G")], action: .bottom, name: "bottom", help: "Last section or item"),
    .init(
      keys: [.enter], action: .open, name: "edit",
      help: "Open the section; edit the item or part", hint: true),
    .init(
      keys: [.char("a")], action: .add, name: "add",
      help: "Add an outcome, provision, strategy or participant", hint: true),
    .init(
      keys: [.char("d")], action: .delete, name: "delete", help: "Delete the item (asks first)",
      hint: true),
    .init(
      keys: [.char("J"), .alt(.down)], action: .moveDown, name: "move-down",
      help: "Move the outcome, strategy or participant down"),
    .init(
      keys: [.char("K"), .alt(.up)], action: .moveUp, name: "move-up",
      help: "Move the outcome, strategy or participant up"),
    .init(
      keys: [.char("N")], action: .newCycle, name: "new-cycle",
      help:
        "Start the next cycle, carrying forward outcomes not achieved (asks the day: today or earlier)",
      hint: true),
    .init(
      keys: [.char(">")], action: .nextStage, name: "next-stage",
      help:
        "Move the cycle to its next stage: assess → plan → do → review (asks the day: today or earlier)",
      hint: true),
    .init(keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step", hint: true),
    .init(
      keys: [.escape, .char("h")], action: .back, name: "back",
      help: "Back to the sections; from them, close the plan", hint: true),
    .init(
      keys: [.function(1)], action: .help, name: "help", help: "Keys and what they do", hint: true),
  ])

  /// The parts of a plan, in the order the plan reads.
  enum Section: Int, CaseIterable, Sendable {
    case profile, outcomes, provision, strategies, participants, pupilVoice, parentViews
    case agreement, reviewDate, trainingNeeds, review

    var title: String {
      switch self {
      case .profile: return "Pupil profile"
      case .outcomes: return "Outcomes"
      case .provision: return "Provision"
      case .strategies: return "Classroom strategies"
      case .participants: return "Who took part"
      case .pupilVoice: return "Pupil voice"
      case .parentViews: return "Parents' views"
      case .agreement: return "Agreement"
      case .reviewDate: return "Review date"
      case .trainingNeeds: return "Staff training needs"
      case .review: return "Review"
      }
    }

    /// Whether the section is a list of items (each with a form) rather than one form.
    var isList: Bool { [.outcomes, .provision, .strategies, .participants].contains(self) }
    /// Whether its items can be reordered.
    var canMove: Bool { [.outcomes, .strategies, .participants].contains(self) }

    var itemName: String {
      switch self {
      case .outcomes: return "outcome"
      case .provision: return "provision"
      case .strategies: return "strategy"
      case .participants: return "participant"
      default: return "item"
      }
    }
  }

  /// What a question on screen is about.
  enum Question: Sendable {
    case delete(Section, Int)
    case discard
  }

  /// The form open over the lists: what it edits (an item by id or position, nil for a new one).
  struct OpenForm: Sendable {
    var section: Section
    var item: Int?
    var editor: FormEditor
    /// A cycle started from this form: the outcomes of the new plan come next.
    var startsCycle = false
  }

  public let id: AggregateID
  public private(set) var pupil: Pupil
  var version: Int
  var sectionIndex = 0
  /// The list section open, if any, and the selected item in it.
  var list: Section?
  var item = 0
  var form: OpenForm?
  var question: (dialog: ConfirmDialog, about: Question)?
  var conflict: MergeBox?
  var afterSave: AfterSave = .nothing
  var note: (text: String, isError: Bool)?

  /// Opens on the sections, or with `provision` (of the current cycle) selected in its list: where Enter on
  /// a provision's end in the deadlines leads.
  public init?(
    _ id: AggregateID, context: EditorContext, provision: (cycle: Int, id: Int)? = nil
  ) {
    guard let loaded = try? context.records.pupil(id) else { return nil }
    self.id = id
    pupil = loaded.value
    version = loaded.version
    if let provision, pupil.currentCycle?.id == provision.cycle,
      let index = plan.provision.firstIndex(where: { $0.id == provision.id }),
      let section = Section.allCases.firstIndex(of: .provision)
    {
      sectionIndex = section
      list = .provision
      item = index
    }
  }

  var section: Section { Section.allCases[sectionIndex] }
  var plan: SupportPlan { pupil.currentCycle?.plan ?? SupportPlan() }

  public var accessName: String? { "plan" }
  public var title: String { form?.editor.title ?? "\(pupil.displayName) — SEN support plan" }
  public var isDirty: Bool { form?.editor.isDirty ?? false }
  public var pupilID: AggregateID? { id }
  public var message: (text: String, isError: Bool)? { form?.editor.message ?? note }
  /// Why the plan cannot be changed now (no cycle, a reviewed cycle, a pupil who has left), or nil: a no-op edit
  /// tried on a copy says it in the domain's words.
  func blocker(today: Day) -> String? {
    do {
      _ = try PupilEdit.setTrainingNeeds(plan.trainingNeeds).apply(to: pupil, today: today)
      return nil
    } catch {
      return error.message
    }
  }

  func count(_ section: Section) -> Int {
    switch section {
    case .outcomes: return plan.outcomes.count
    case .provision: return plan.provision.count
    case .strategies: return plan.strategies.count
    case .participants: return plan.participants.count
    default: return 0
    }
  }

  // MARK: Update

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    note = nil
    if conflict != nil { return handleConflict(key, context: context) }
    if let q = question {
      var dialog = q.dialog
      switch dialog.handle(key) {
      case .confirmed:
        question = nil
        return answer(q.about, context: context)
      case .cancelled: question = nil
      case .handled: question = (dialog, q.about)
      }
      return .stay
    }
    if form != nil { return handleForm(key, context: context) }
    guard let action = Self.keys.action(for: key) else { return .stay }
    if pupil.currentCycle == nil {
      switch action {
      case .newCycle: return askNewCycle(context: context)
      case .back: return .close
      case .undo: return .undo
      default:
        note = (blocker(today: context.today) ?? "Start the first cycle with N.", true)
        return .stay
      }
    }
    switch action {
    case .down: move(by: 1)
    case .up: move(by: -1)
    case .top: move(by: -Int.max / 2)
    case .bottom: move(by: Int.max / 2)
    case .open:
      if let list {
        guard count(list) > 0 else {
          note = ("None yet: a adds one.", false)
          return .stay
        }
        openForm(list, item: item, context: context)
      } else if section.isList {
        list = section
        item = 0
      } else {
        openForm(section, item: nil, context: context)
      }
    case .add:
      let target = list ?? section
      guard target.isList else {
        note = (
          "a adds to outcomes, provision, strategies and who took part; Enter edits this.", true
        )
        return .stay
      }
      openForm(target, item: nil, context: context)
    case .delete: askDelete(context: context)
    case .moveDown: return moveItem(by: 1, context: context)
    case .moveUp: return moveItem(by: -1, context: context)
    case .newCycle: return askNewCycle(context: context)
    case .nextStage: return askNextStage(context: context)
    case .undo: return .undo
    case .back:
      guard list != nil else { return .close }
      list = nil
    case .help: break
    }
    return .stay
  }

  mutating func move(by delta: Int) {
    if let list {
      item = max(0, min(item + delta, count(list) - 1))
    } else {
      sectionIndex = max(0, min(sectionIndex + delta, Section.allCases.count - 1))
    }
  }

  /// Opens the form of an item (a position in a list section; nil adds one) or of a part of the plan.
  mutating func openForm(_ target: Section, item position: Int?, context: EditorContext) {
    if let problem = blocker(today: context.today) {
      note = (problem, true)
      return
    }
    // The form reads the pupil as stored now; the list reads it too, so the two agree.
    _ = reload(context: context)
    let make: PlanForms.Make
    var key: Int? = nil
    if let position {
      guard position < count(target) else { return }
      switch target {
      case .outcomes: key = plan.outcomes[position].id
      case .provision: key = plan.provision[position].id
      default: key = position
      }
    }
    switch target {
    case .outcomes: make = PlanForms.outcome(key)
    case .provision: make = PlanForms.provision(key)
    case .strategies: make = PlanForms.strategy(key)
    case .participants: make = PlanForms.participant(key)
    case .profile: make = PlanForms.profile
    case .pupilVoice: make = PlanForms.pupilVoice
    case .parentViews: make = PlanForms.parentViews
    case .agreement: make = PlanForms.agreement
    case .reviewDate: make = PlanForms.reviewDate
    case .trainingNeeds: make = PlanForms.trainingNeeds
    case .review: make = ReviewForm.spec
    }
    guard let editor = FormEditor(.pupil(id), context: context, make: make) else {
      note = ("\(pupil.displayName) was removed in another session.", true)
      return
    }
    if target.isList { list = target }
    form = OpenForm(section: target, item: key, editor: editor)
  }

  /// A dated step of the cycle: asked in a one-field form whose day defaults to today.
  mutating func openStepForm(
    _ make: @escaping PlanForms.Make, startsCycle: Bool, context: EditorContext
  ) {
    guard let editor = FormEditor(.pupil(id), context: context, make: make) else {
      note = ("\(pupil.displayName) was removed in another session.", true)
      return
    }
    form = OpenForm(section: .reviewDate, item: nil, editor: editor, startsCycle: startsCycle)
  }

  mutating func handleForm(_ key: Key, context: EditorContext) -> EditorOutcome {
    guard var open = form else { return .stay }
    let outcome = open.editor.handle(key, context: context)
    form = open
    if case .save = outcome {
      afterSave = .form
      return outcome
    }
    return afterForm(outcome, open, context: context)
  }

  /// What the open form's outcome means for the plan: a save goes back to the list, Esc asks first when dirty.
  mutating func afterForm(_ outcome: EditorOutcome, _ open: OpenForm, context: EditorContext)
    -> EditorOutcome
  {
    switch outcome {
    case .saved(let summary):
      let added = open.item == nil
      form = nil
      _ = reload(context: context)
      if open.startsCycle {
        list = nil
        sectionIndex = Section.outcomes.rawValue
        return .savedAndStay(summary)
      }
      if let list = open.section.isList ? open.section : nil, added {
        item = max(0, count(list) - 1)
      }
      return .savedAndStay(summary)
    case .close:
      if open.editor.isDirty {
        question = (
          ConfirmDialog(
            question: "Discard your unsaved changes to \(open.editor.title)?",
            title: "Unsaved changes", confirmKey: "d", confirmLabel: "Discard", cancelKey: "k",
            cancelLabel: "Keep editing", defaultChoice: .cancel),
          .discard
        )
      } else {
        form = nil
      }
      return .stay
    default:
      return outcome
    }
  }

  mutating func askDelete(context: EditorContext) {
    guard let list, count(list) > 0 else {
      note = (
        "Open a list (Enter on outcomes, provision, strategies or who took part) to delete from it.",
        true
      )
      return
    }
    if let problem = blocker(today: context.today) {
      note = (problem, true)
      return
    }
    question = (
      ConfirmDialog(
        question: "Delete \(describe(list, item))?", title: "Delete", confirmKey: "y",
        confirmLabel: "Delete", cancelKey: "n", cancelLabel: "Keep", defaultChoice: .cancel),
      .delete(list, item)
    )
  }

  /// "outcome 2, “Zoë reads 40 words a minute…”"
  func describe(_ section: Section, _ index: Int) -> String {
    let text: String
    switch section {
    case .outcomes: text = plan.outcomes[index].text
    case .provision: text = plan.provision[index].intervention
    case .strategies: text = plan.strategies[index]
    case .participants:
      let p = plan.participants[index]
      text = p.name.isEmpty ? p.role.title : "\(p.name) (\(p.role.title))"
    default: text = ""
    }
    return "\(section.itemName) \(index + 1), “\(Text.excerpt(text))”"
  }

  mutating func moveItem(by delta: Int, context: EditorContext) -> EditorOutcome {
    guard let list, list.canMove else {
      note = ("Outcomes, strategies and who took part can be reordered, in their lists.", true)
      return .stay
    }
    let to = item + delta
    guard count(list) > 1, (0..<count(list)).contains(to) else { return .stay }
    let edit: PupilEdit
    switch list {
    case .outcomes: edit = .moveOutcome(id: plan.outcomes[item].id, toIndex: to)
    case .strategies:
      var s = plan.strategies
      s.swapAt(item, to)
      edit = .setStrategies(s)
    default:
      var s = plan.participants
      s.swapAt(item, to)
      edit = .setParticipants(s)
    }
    return save(edit, then: .move(to: to))
  }

  mutating func askNewCycle(context: EditorContext) -> EditorOutcome {
    let first = pupil.currentCycle == nil
    let edit = PupilEdit.startCycle(on: context.today, carryForward: !first)
    do {
      _ = try edit.apply(to: pupil, today: context.today)
    } catch {
      note = (error.message, true)
      return .stay
    }
    openStepForm(CycleStepForms.newCycle, startsCycle: true, context: context)
    return .stay
  }

  /// Asks before moving the cycle on a stage; a move the rules refuse (support before the plan is agreed) says
  /// why straight away.
  mutating func askNextStage(context: EditorContext) -> EditorOutcome {
    guard let c = pupil.currentCycle else { return .stay }
    guard let i = Stage.allCases.firstIndex(of: c.stage), i + 1 < Stage.allCases.count else {
      note = (
        "The cycle is at review: Enter on Review records it, with a rating for every outcome.", true
      )
      return .stay
    }
    let next = Stage.allCases[i + 1]
    do {
      _ = try PupilEdit.enterStage(next, on: context.today).apply(to: pupil, today: context.today)
    } catch {
      note = (error.message, true)
      return .stay
    }
    openStepForm(CycleStepForms.nextStage(next), startsCycle: false, context: context)
    return .stay
  }

  mutating func answer(_ question: Question, context: EditorContext) -> EditorOutcome {
    switch question {
    case .discard:
      form = nil
      note = ("Changes discarded.", false)
      return .stay
    case .delete(let section, let index):
      guard index < count(section) else { return .stay }
      let edit: PupilEdit
      switch section {
      case .outcomes: edit = .removeOutcome(id: plan.outcomes[index].id)
      case .provision: edit = .removeProvision(id: plan.provision[index].id)
      case .strategies:
        var s = plan.strategies
        s.remove(at: index)
        edit = .setStrategies(s)
      default:
        var s = plan.participants
        s.remove(at: index)
        edit = .setParticipants(s)
      }
      return save(edit, then: .delete(section))
    }
  }

  /// What to do once the app has saved what this editor asked for.
  enum AfterSave: Sendable {
    case nothing
    /// The open form asked: its result goes back to it.
    case form
    /// A move in a list: the highlight follows the item.
    case move(to: Int)
    /// A deletion: the highlight stays in the shorter list.
    case delete(Section)
  }

  /// Asks the app to save one edit as one step over the version loaded; another session's save since merges.
  mutating func save(_ edit: PupilEdit, then after: AfterSave) -> EditorOutcome {
    afterSave = after
    return .save(SaveRequest(.pupil(id, [edit], base: Loaded(value: pupil, version: version))))
  }

  public mutating func finish(_ result: SaveResult, context: EditorContext) -> EditorOutcome {
    let after = afterSave
    afterSave = .nothing
    if case .form = after, var open = form {
      let outcome = open.editor.finish(result, context: context)
      form = open
      return afterForm(outcome, open, context: context)
    }
    switch result {
    case .saved(let line):
      _ = reload(context: context)
      switch after {
      case .move(let to): item = to
      case .delete(let section): item = max(0, min(item, count(section) - 1))
      case .nothing, .form: break
      }
      return .savedAndStay(line)
    case .nothingChanged: _ = reload(context: context)
    case .conflict(let box):
      conflict = box
      afterSave = after
    case .refused(let reason): note = (reason, true)
    }
    return .stay
  }

  mutating func handleConflict(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch MergeBox.route(key, &conflict) {
    case .done(let outcome, let line):
      if let line { note = line }
      return outcome
    case .reload:
      guard reload(context: context) else { return .close }
      note = ("Reloaded their version; do it again if it is still needed.", false)
      return .stay
    }
  }

  public var loadedAt: (record: AggregateID, version: Int)? { (id, version) }

  /// The plan under an open form takes the other session's save; the form keeps what you typed and shows their
  /// values in the fields you have not touched.
  public mutating func refresh(context: EditorContext) -> Bool {
    guard reload(context: context) else { return false }
    if var open = form, open.editor.isDirty {
      guard open.editor.refresh(context: context) else { return true }
      form = open
    }
    return true
  }

  public mutating func reload(context: EditorContext) -> Bool {
    guard let loaded = try? context.records.pupil(id) else { return false }
    pupil = loaded.value
    version = loaded.version
    if let list { item = max(0, min(item, count(list) - 1)) }
    if var open = form {
      let exists: Bool
      switch (open.section, open.item) {
      case (_, nil): exists = true
      case (.outcomes, let id?): exists = plan.outcomes.contains { $0.id == id }
      case (.provision, let id?): exists = plan.provision.contains { $0.id == id }
      case (let section, let index?): exists = index < count(section)
      }
      if let problem = blocker(today: context.today) {
        form = nil
        note = (problem, true)
      } else if !exists {
        form = nil
        note = (
          "That \(open.section.itemName) is no longer in the plan; its form was closed.", true
        )
      } else if !open.editor.isDirty, open.editor.reload(context: context) {
        form = open
      }
    }
    return true
  }

  public mutating func receive(externalText: String?, tag: String) {
    form?.editor.receive(externalText: externalText, tag: tag)
  }

  // MARK: Keys shown

  public func footerHints(width: Int) -> String {
    if form != nil { return editorKeys.footerHints(width: width, measure: { $0.displayWidth }) }
    return Self.keys.footerHints(width: width, measure: { $0.displayWidth })
  }

  public var helpLines: [String] {
    Self.keys.helpLines(measure: { $0.displayWidth }) + ["", "In a form:"]
      + editorKeys.helpLines(measure: { $0.displayWidth }) + mergeHelp
  }

  // MARK: View

  /// One line of the lists, with its style.
  struct Line {
    var text: String
    var style: Style = .plain
  }

  public func draw(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    if let form {
      form.editor.draw(into: &grid, rows: rows, context: context)
    } else if pupil.currentCycle == nil {
      drawNoCycle(into: &grid, rows: rows, context: context)
    } else if let list {
      drawBlocks(
        heading: "\(pupil.displayName) — \(list.title.lowercased())",
        blocks: itemBlocks(list), after: listFooter(list, settings: context.settings),
        selected: item,
        empty: "None yet: a adds one.", into: &grid, rows: rows, context: context)
    } else {
      let blocks = Section.allCases.map { s -> [Line] in
        let heading = s.isList ? "\(s.title) (\(count(s)))" : s.title
        return [Line(text: heading, style: .bold)]
          + summary(s, context: context).map {
            Line(text: "    " + $0.text, style: $0.style)
          }
      }
      drawBlocks(
        heading: sectionsHeading, blocks: blocks, after: [], selected: sectionIndex, empty: "",
        into: &grid, rows: rows, context: context)
    }
    question?.dialog.draw(
      into: &grid, row: rows.lowerBound, column: 0, width: grid.width, height: rows.count,
      unicode: context.unicode)
    conflict?.draw(into: &grid, rows: rows, unicode: context.unicode)
  }

  var sectionsHeading: String {
    guard let c = pupil.currentCycle else { return title }
    let state = c.closed.map { "reviewed \($0.british)" } ?? "at \(c.stage.title.lowercased())"
    return
      "\(pupil.displayName) — SEN support plan, cycle \(c.id) of \(pupil.cycles.count), \(state)"
  }

  func drawNoCycle(into grid: inout Grid, rows: Range<Int>, context: EditorContext) {
    var lines = [
      "\(pupil.displayName) has no SEN support plan yet: no assess, plan, do, review cycle has been started."
    ]
    do {
      _ = try PupilEdit.startCycle(on: context.today, carryForward: false).apply(
        to: pupil, today: context.today)
      lines.append(
        "N starts the first cycle (assess) today, \(context.today.shortWeekdayName) \(context.today.british). Esc closes."
      )
    } catch {
      lines += [error.message, "Esc closes."]
    }
    grid.put(
      title, row: rows.lowerBound, column: 0, style: .bold, maxWidth: grid.width,
      overflow: .ellipsis)
    var row = rows.lowerBound + 2
    for line in lines {
      for piece in WordWrap.lines(line, width: grid.width) where row < rows.upperBound {
        grid.put(piece, row: row, column: 0, maxWidth: grid.width, overflow: .ellipsis)
        row += 1
      }
      row += 1
    }
  }

  /// A heading, then blocks of lines (the first line of each is what is selected), scrolled to keep the
  /// selected block in view, then lines that are not selectable (totals) when there is room.
  func drawBlocks(
    heading: String, blocks: [[Line]], after: [Line], selected: Int, empty: String,
    into grid: inout Grid, rows: Range<Int>, context: EditorContext
  ) {
    let width = grid.width
    grid.put(
      heading, row: rows.lowerBound, column: 0, style: .bold, maxWidth: width, overflow: .ellipsis)
    var top = rows.lowerBound + 1
    if let problem = blocker(today: context.today) {
      grid.put(problem, row: top, column: 0, style: .dim, maxWidth: width, overflow: .ellipsis)
      top += 1
    }
    let height = rows.upperBound - top
    guard height > 0 else { return }
    if blocks.isEmpty {
      grid.put(empty, row: top, column: 2, maxWidth: width - 2, overflow: .ellipsis)
      for (i, line) in after.enumerated() where top + 2 + i < rows.upperBound {
        grid.put(
          line.text, row: top + 2 + i, column: 2, style: line.style, maxWidth: width - 2,
          overflow: .ellipsis)
      }
      return
    }
    var lines: [(line: Line, block: Int, first: Bool)] = []
    for (b, block) in blocks.enumerated() {
      for (i, line) in block.enumerated() { lines.append((line, b, i == 0)) }
    }
    lines += after.map { ($0, -1, false) }
    // The first row of the selected block, and its last.
    let start = lines.firstIndex { $0.block == selected } ?? 0
    let end = (lines.lastIndex { $0.block == selected } ?? start) + 1
    var scroll = 0
    if end > height { scroll = min(start, end - height) }
    let marker = context.unicode ? "▶ " : "> "
    for (offset, entry) in lines.dropFirst(scroll).prefix(height).enumerated() {
      let row = top + offset
      let isSelected = entry.block == selected && entry.first
      var style = entry.line.style
      if isSelected { style = style.adding(.reverse) }
      let x = grid.put(
        entry.first && isSelected ? marker : "  ", row: row, column: 0, maxWidth: width)
      grid.put(
        entry.line.text, row: row, column: x, style: style, maxWidth: width - x, overflow: .ellipsis
      )
    }
  }

  // MARK: What each section holds

  static func firstLine(_ text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let first = lines.first else { return "" }
    return String(first) + (lines.count > 1 ? " …" : "")
  }

  /// The lines under a section's heading in the list of sections.
  func summary(_ section: Section, context: EditorContext) -> [Line] {
    let plan = plan
    func prose(_ text: String, empty: String) -> [Line] {
      text.isEmpty ? [Line(text: empty, style: .dim)] : [Line(text: Self.firstLine(text))]
    }
    switch section {
    case .profile:
      let p = plan.profile
      let parts = [
        ("Strengths", p.strengths), ("Needs", p.needs), ("What works", p.whatWorks),
        ("What does not work", p.whatDoesNot),
      ].filter { !$0.1.isEmpty }
      if parts.isEmpty { return [Line(text: "No pupil profile yet.", style: .dim)] }
      return parts.map { Line(text: "\($0.0): \(Self.firstLine($0.1))") }
    case .outcomes:
      if plan.outcomes.isEmpty { return [Line(text: "No outcomes yet.", style: .dim)] }
      return plan.outcomes.enumerated().map { n, o in
        let by = o.targetDate.map { ", by \($0.british)" } ?? ""
        return Line(text: "\(n + 1). \(Self.firstLine(o.text)) — \(o.area.title)\(by)")
      }
    case .provision:
      let items = plan.provision.enumerated().map { n, v in
        Line(text: "\(n + 1). \(v.intervention): \(v.costPerPupil) per pupil")
      }
      return (items.isEmpty ? [Line(text: "No provision yet.", style: .dim)] : items)
        + costLines(settings: context.settings)
    case .strategies:
      if plan.strategies.isEmpty { return [Line(text: "No strategies yet.", style: .dim)] }
      return plan.strategies.map { Line(text: "• " + Self.firstLine($0)) }
    case .participants:
      if plan.participants.isEmpty { return [Line(text: "No one recorded yet.", style: .dim)] }
      return [
        Line(
          text: plan.participants.map { p in
            p.name.isEmpty ? p.role.title : "\(p.name) (\(p.role.title))"
          }.joined(separator: ", "))
      ]
    case .pupilVoice: return prose(plan.pupilVoice, empty: "Not recorded yet.")
    case .parentViews: return prose(plan.parentViews, empty: "Not recorded yet.")
    case .agreement:
      guard let a = plan.agreement else {
        return [Line(text: "Not yet agreed with the parents and the pupil.", style: .dim)]
      }
      return [Line(text: "Agreed by \(a.agreedBy) on \(a.on.british)")]
    case .reviewDate:
      guard let date = plan.reviewDate else {
        return [Line(text: "No review date set.", style: .dim)]
      }
      let closed = pupil.currentCycle?.isClosed ?? true
      let overdue = !closed && date < context.today
      return [
        Line(
          text: DateEntry.describe(date, today: context.today) + (overdue ? " — overdue" : ""),
          style: overdue ? .bold : .plain)
      ]
    case .trainingNeeds: return prose(plan.trainingNeeds, empty: "None noted.")
    case .review:
      guard let c = pupil.currentCycle else { return [] }
      guard let r = c.review else {
        let how =
          c.stage == .do || c.stage == .review
          ? "Enter records the review: a rating for every outcome and a decision."
          : "Reviewed once support has run: > moves the cycle on (now at \(c.stage.title.lowercased()))."
        return [Line(text: "Not reviewed yet. " + how, style: .dim)]
      }
      var counts: [String: Int] = [:]
      for rating in r.ratings { counts[rating.rating.title, default: 0] += 1 }
      let ratings = counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        .joined(separator: ", ")
      return [
        Line(text: "Reviewed \(r.date.british): \(ratings); progress \(r.progress.title)"),
        Line(text: "Decision: \(r.decision.title)"),
      ]
    }
  }

  /// The plan's total and the school year's against the notional threshold.
  func costLines(settings: SchoolSettings) -> [Line] {
    guard let c = pupil.currentCycle else { return [] }
    let year = PlanSheet.schoolYearTotal(pupil, cycle: c, settings: settings)
    let plan = c.plan.provision.isEmpty ? [] : [Line(text: "Plan total: \(c.plan.totalCost)")]
    return plan + [
      Line(text: "\(year.total) (\(year.standing))", style: year.over ? .bold : .plain)
    ]
  }

  /// The lines after a list's items: the totals, for provision.
  func listFooter(_ section: Section, settings: SchoolSettings) -> [Line] {
    section == .provision ? [Line(text: "")] + costLines(settings: settings) : []
  }

  /// The items of a list section, each a block of lines.
  func itemBlocks(_ section: Section) -> [[Line]] {
    let plan = plan
    switch section {
    case .outcomes:
      return plan.outcomes.enumerated().map { n, o in
        var lines = [Line(text: "\(n + 1). \(Self.firstLine(o.text))")]
        var facts = [o.area.title, "target " + (o.targetDate?.british ?? "not set")]
        if o.carriedFrom != nil { facts.append("carried forward") }
        lines.append(Line(text: "   " + facts.joined(separator: " · "), style: .dim))
        if !o.successCriteria.isEmpty {
          lines.append(Line(text: "   Success: \(Self.firstLine(o.successCriteria))", style: .dim))
        }
        return lines
      }
    case .provision:
      return plan.provision.enumerated().map { n, v in
        let by = v.deliveredBy.isEmpty ? "" : ", by \(v.deliveredBy)"
        let group = v.groupSize == 1 ? "one to one" : "group of \(v.groupSize)"
        let cost =
          v.price == nil
          ? "\(v.staffRole.isEmpty ? "" : "\(v.staffRole) ")\(v.hourlyRate)/h" : v.pricing
        return [
          Line(text: "\(n + 1). \(v.intervention)\(by): \(v.costPerPupil) per pupil"),
          Line(
            text:
              "   \(v.sessionsPerWeek) × \(v.minutesPerSession) min a week, \(v.weeks) weeks, \(group), \(cost)",
            style: .dim),
        ]
      }
    case .strategies:
      return plan.strategies.enumerated().map {
        [Line(text: "\($0.offset + 1). \(Self.firstLine($0.element))")]
      }
    case .participants:
      return plan.participants.enumerated().map { n, p in
        [Line(text: "\(n + 1). \(p.name.isEmpty ? "(no name)" : p.name) — \(p.role.title)")]
      }
    default: return []
    }
  }
}

extension StepRecord {
  /// The summary and any warnings, for the message line after a save.
  var line: String { ([summary] + warnings).joined(separator: " — ") }
}
