import CaseloadCore
import CaseloadStore
import CaseloadText
import TerminalUI

/// A change of SEN status, or of whether the pupil is still at the school, chosen in the status editor.
enum StatusChange: String, CaseIterable, Sendable {
  case none = "no change"
  case monitoring = "start monitoring"
  case senSupport = "add to SEN support (K)"
  case ehcPlan = "move to an EHC plan (E)"
  case endSEN = "end SEN support (N)"
  case leaving = "record leaving"
  case cancelLeaving = "cancel leaving"
  case earlierSupport = "record an earlier SEN support period (K)"

  var explanation: String {
    switch self {
    case .none: return "keep the status; save the needs and dates"
    case .monitoring: return "cause for concern, not on the register (census N)"
    case .senSupport: return "on the SEN register (census K)"
    case .ehcPlan: return "the local authority issued an EHC plan (census E)"
    case .endSEN: return "off the register: no SEN (census N)"
    case .leaving: return "left the school: the record becomes read-only"
    case .cancelLeaving: return "still at the school after all"
    case .earlierSupport:
      return
        "before Caseload: from “Changed on” to “Until”, with the needs shown; the status now stays"
    }
  }

  /// The changes that make sense from where the pupil stands.
  static func available(for p: Pupil) -> [StatusChange] {
    if p.hasLeft { return [.none, .cancelLeaving] }
    switch p.status {
    case nil: return [.none, .monitoring, .senSupport, .ehcPlan, .leaving, .earlierSupport]
    case .monitoring?: return [.none, .senSupport, .ehcPlan, .endSEN, .leaving, .earlierSupport]
    case .senSupport?: return [.none, .monitoring, .ehcPlan, .endSEN, .leaving, .earlierSupport]
    case .ehcPlan?: return [.none, .endSEN, .leaving, .earlierSupport]
    }
  }

  /// The status after the change (nil: no SEN), from `current`.
  func status(after current: SENStatus?) -> SENStatus? {
    switch self {
    case .none, .leaving, .cancelLeaving, .earlierSupport: return current
    case .monitoring: return .monitoring
    case .senSupport: return .senSupport
    case .ehcPlan: return .ehcPlan
    case .endSEN: return nil
    }
  }
}

/// Actions on the ranked list of needs in the status editor.
public enum NeedsAction: Hashable, Sendable {
  case down, up, add, change, remove, rankUp, rankDown
}

/// A pupil's types of need, ranked, and their SEN status: opening a monitoring period, adding them to SEN
/// support with the date parents were told, moving them to an EHC plan, ending SEN support, recording or
/// cancelling their leaving. Saving applies every change as one step, and the census rules hold at every save:
/// a refused change is named in the domain's words and nothing is saved.
public struct StatusEditor: Editor {
  public static let needKeys = try! Keymap<NeedsAction>([
    .init(keys: [.down, .char("j")], action: .down, name: "next-need", help: "Next need"),
    .init(keys: [.up, .char("k")], action: .up, name: "previous-need", help: "Previous need"),
    .init(
      keys: [.char("a"), .char("+")], action: .add, name: "add-need",
      help: "Add a type of need, chosen by code or meaning"),
    .init(
      keys: [.enter], action: .change, name: "change-need",
      help: "Change the highlighted need (adds one when there are none)"),
    .init(
      keys: [.char("d"), .delete], action: .remove, name: "remove-need",
      help: "Remove the highlighted need"),
    .init(
      keys: [.alt(.up), .char("K")], action: .rankUp, name: "rank-up",
      help: "Rank the highlighted need higher (secondary becomes primary)"),
    .init(
      keys: [.alt(.down), .char("J")], action: .rankDown, name: "rank-down",
      help: "Rank the highlighted need lower"),
  ])

  enum Region: Sendable { case needs, form }

  let id: AggregateID
  private(set) var pupil: Pupil
  var version: Int
  /// The needs as edited, in rank order.
  public private(set) var needs: [NeedType]
  var needRow = 0
  var region: Region = .needs
  public private(set) var form: Form
  /// Open while choosing a need; `replacing` is the rank it replaces (nil adds one).
  var picker: ChoicePicker?
  var replacing: Int?
  var conflict: MergeBox?
  var changes: [StatusChange]
  public private(set) var message: (text: String, isError: Bool)?

  public var title: String { "\(pupil.displayName) — needs and SEN status" }
  public var pupilID: AggregateID? { id }
  public var isDirty: Bool { needs != shownNeeds || form.isDirty }
  /// The needs as last loaded or refreshed: what "untouched" means while the pupil loaded stays the merge's base.
  var shownNeeds: [NeedType]

  /// Opens the editor on the pupil as stored now; nil when the pupil does not exist.
  public init?(_ id: AggregateID, context: EditorContext) {
    guard let loaded = try? context.records.pupil(id) else { return nil }
    self.id = id
    pupil = loaded.value
    version = loaded.version
    needs = loaded.value.needs
    shownNeeds = loaded.value.needs
    changes = StatusChange.available(for: loaded.value)
    form = Form(fields: Self.fields(loaded.value, changes: changes, context: context))
  }

  static func fields(_ p: Pupil, changes: [StatusChange], context: EditorContext) -> [FormField] {
    let told = p.status == .senSupport ? p.openPeriod?.parentsInformed : nil
    return [
      FormField(
        id: "change", label: "Status change",
        kind: .choice(
          changes.map { ChoicePicker.Choice($0.rawValue, description: $0.explanation) }),
        value: StatusChange.none.rawValue),
      FormField(
        id: "date", label: "Changed on", placeholder: "today",
        hint: FieldRules.dateHintEmptyIsToday(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "told", label: "Parents told", value: told?.british ?? "",
        placeholder: "date parents were told of SEN support",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "until", label: "Until", placeholder: "the end of an earlier period",
        hint: FieldRules.dateHint(context), validate: FieldRules.dateCheck(context)),
      FormField(
        id: "place", label: "SEN unit place",
        kind: .choice(
          [ChoicePicker.Choice(Self.noPlace, description: "the census indicators are false")]
            + SpecialistProvision.allCases.map {
              ChoicePicker.Choice(
                $0.title.capitalizedFirst, description: "census indicator; K or E only")
            }),
        value: p.specialistProvision?.title.capitalizedFirst ?? Self.noPlace),
    ]
  }

  static let noPlace = "none"

  /// The SEN unit or resourced provision place chosen in the form.
  var place: SpecialistProvision? {
    SpecialistProvision.allCases.first { $0.title.capitalizedFirst == form.value("place") }
  }

  var change: StatusChange { StatusChange(rawValue: form.value("change") ?? "") ?? .none }

  // MARK: Update

  public mutating func handle(_ key: Key, context: EditorContext) -> EditorOutcome {
    if conflict != nil { return handleConflict(key, context: context) }
    if picker != nil {
      handlePicker(key)
      return .stay
    }
    switch editorKeys.action(for: key) {
    case .save?: return save(context: context)
    case .externalEditor?:
      message = ("Ctrl-O edits a text field in your editor; this one has short fields only.", true)
      return .stay
    default: break
    }
    message = nil
    switch region {
    case .needs: return handleNeeds(key)
    case .form: return handleForm(key, context: context)
    }
  }

  mutating func handleNeeds(_ key: Key) -> EditorOutcome {
    switch key {
    case .tab:
      region = .form
      form.focus("change")
      return .stay
    case .shiftTab:
      region = .form
      form.focus("place")
      return .stay
    case .escape: return .close
    default: break
    }
    guard let action = Self.needKeys.action(for: key) else { return .stay }
    switch action {
    case .down: needRow = min(needRow + 1, max(needs.count - 1, 0))
    case .up: needRow = max(needRow - 1, 0)
    case .add: openPicker(replacing: nil)
    case .change: openPicker(replacing: needs.isEmpty ? nil : needRow)
    case .remove:
      guard needs.indices.contains(needRow) else { return .stay }
      needs.remove(at: needRow)
      needRow = min(needRow, max(needs.count - 1, 0))
    case .rankUp, .rankDown:
      let to = needRow + (action == .rankUp ? -1 : 1)
      guard needs.indices.contains(needRow), needs.indices.contains(to) else { return .stay }
      needs.swapAt(needRow, to)
      needRow = to
    }
    return .stay
  }

  mutating func openPicker(replacing rank: Int?) {
    replacing = rank
    let current = rank.map { needs[$0] }
    picker = ChoicePicker(
      title: rank.map { "\(Self.rankName($0).capitalized) need" } ?? "Add a type of need",
      choices: NeedType.allCases.map { ChoicePicker.Choice($0.rawValue, description: $0.meaning) },
      highlighted: current.flatMap { NeedType.allCases.firstIndex(of: $0) })
    picker?.fit(width: 80, height: 22)
  }

  mutating func handlePicker(_ key: Key) {
    guard var p = picker else { return }
    switch p.handle(key) {
    case .chosen(let index):
      picker = nil
      let need = NeedType.allCases[index]
      if let rank = replacing {
        if let other = needs.firstIndex(of: need), other != rank {
          needs.swapAt(rank, other)
        } else {
          needs[rank] = need
        }
        needRow = rank
      } else if let existing = needs.firstIndex(of: need) {
        message = ("\(need.rawValue) is already the \(Self.rankName(existing)) need.", true)
        needRow = existing
      } else {
        needs.append(need)
        needRow = needs.count - 1
      }
    case .cancelled, .chosenMany: picker = nil
    case .handled: picker = p
    }
  }

  mutating func handleForm(_ key: Key, context: EditorContext) -> EditorOutcome {
    if form.picker == nil {
      if key == .tab, form.focusedID == "place" {
        region = .needs
        return .stay
      }
      if key == .shiftTab, form.focusedID == "change" {
        region = .needs
        return .stay
      }
    }
    switch form.handle(key) {
    case .cancelled: return .close
    case .submitted: return save(context: context)
    case .changed, .handled, .ignored: return .stay
    }
  }

  mutating func handleConflict(_ key: Key, context: EditorContext) -> EditorOutcome {
    switch MergeBox.route(key, &conflict) {
    case .done(let outcome, let line):
      if let line { message = line }
      return outcome
    case .reload:
      let yours = yourChanges
      guard reload(context: context) else { return .close }
      message = (
        "Reloaded their version. Yours, unsaved: \(yours.isEmpty ? "nothing" : yours).", false
      )
      return .stay
    }
  }

  /// What you changed, in a line: "needs SLCN, ASD; add to SEN support (K) on 29/11/2026".
  var yourChanges: String {
    var parts: [String] = []
    if needs != pupil.needs { parts.append("needs \(Self.needList(needs))") }
    if change != .none {
      let date = FieldRules.trimmed(form.value("date"))
      parts.append("\(change.rawValue) on \(date.isEmpty ? "today" : date)")
    }
    if form.value("told") != form.fields.first(where: { $0.id == "told" })?.value {
      parts.append("parents told \(FieldRules.trimmed(form.value("told")))")
    }
    return parts.joined(separator: "; ")
  }

  /// F1: the needs list's own keys, then the keys every editor shares.
  public var helpLines: [String] {
    ["In the needs list:"] + Self.needKeys.helpLines(measure: { $0.displayWidth })
      + ["", "Everywhere in this editor:"] + editorKeys.helpLines(measure: { $0.displayWidth })
      + mergeHelp
  }

  public var loadedAt: (record: AggregateID, version: Int)? { (id, version) }

  /// Another session's save: untouched needs show theirs; the status change being made stays as it is, and the
  /// save merges against the pupil as first loaded.
  public mutating func refresh(context: EditorContext) -> Bool {
    guard isDirty else { return reload(context: context) }
    guard let fresh = try? context.records.pupil(id) else { return false }
    if needs == shownNeeds {
      needs = fresh.value.needs
      needRow = min(needRow, max(needs.count - 1, 0))
    }
    shownNeeds = fresh.value.needs
    return true
  }

  public mutating func reload(context: EditorContext) -> Bool {
    guard let fresh = StatusEditor(id, context: context) else { return false }
    self = fresh
    return true
  }

  public mutating func receive(externalText: String?, tag: String) {}

  // MARK: Saving

  /// The status after the change chosen (nil: no SEN).
  var resultingStatus: SENStatus? { change.status(after: pupil.status) }

  /// The census rule the needs as edited break for the status they would have, or nil.
  var ruleProblem: String? {
    if change == .earlierSupport { return censusRuleBroken(code: .K, needs: needs) }
    switch resultingStatus {
    case nil, .monitoring?:
      // Needs belong to SEN support or a plan: unchanged, they stay with the period that ends.
      return needs == pupil.needs ? nil : censusRuleBroken(code: .N, needs: needs)
    case let status?: return censusRuleBroken(code: status.censusCode, needs: needs)
    }
  }

  /// The edits that make the stored pupil what the screen shows, in an order the rules accept.
  func edits(context: EditorContext) throws -> [PupilEdit] {
    let today = context.today
    let settings = context.settings
    let day = try FieldRules.day(form.value("date"), today: today, settings: settings) ?? today
    let told = try FieldRules.day(form.value("told"), today: today, settings: settings)
    let toldBefore = pupil.status == .senSupport ? pupil.openPeriod?.parentsInformed : nil
    var edits: [PupilEdit] = []
    var needsSet = false
    var toldSet = false
    switch change {
    case .none, .leaving: break
    case .cancelLeaving: edits.append(.cancelLeaving)
    case .monitoring: edits.append(.startMonitoring(on: day))
    case .senSupport:
      edits.append(.startSENSupport(on: day, needs: needs, parentsInformed: told))
      needsSet = true
      toldSet = true
    case .ehcPlan:
      edits.append(.startEHCPlanStatus(on: day, needs: needs))
      needsSet = true
    case .endSEN: edits.append(.endSEN(on: day))
    case .earlierSupport:
      guard let until = try FieldRules.day(form.value("until"), today: today, settings: settings)
      else { throw EditError("Give the day the earlier SEN support ended, in “Until”.") }
      guard form.value("date").map({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) == true
      else { throw EditError("Give the day the earlier SEN support began, in “Changed on”.") }
      edits.append(.recordEarlierPeriod(.senSupport, from: day, until: until, needs: needs))
      // The needs shown went with that period; the current ones stay as they are.
      needsSet = true
    }
    // Unchanged needs stay with a period that ends; changed ones are checked against the new status.
    if !needsSet, needs != pupil.needs { edits.append(.setNeeds(needs)) }
    if !toldSet, told != toldBefore {
      guard resultingStatus == .senSupport else {
        throw EditError(
          "The date parents were told belongs to SEN support, and \(pupil.displayName) would not be on SEN support."
        )
      }
      edits.append(.setParentsInformed(told))
    }
    if place != pupil.specialistProvision {
      if let place, !SpecialistProvision.allowed(with: resultingStatus?.censusCode ?? .N) {
        throw EditError(
          "A \(place.title) place is recorded only for a pupil on SEN support (K) or an EHC plan (E)."
        )
      }
      edits.append(.setSpecialistProvision(place))
    }
    if change == .leaving { edits.append(.recordLeaving(on: day)) }
    return edits
  }

  mutating func save(context: EditorContext) -> EditorOutcome {
    guard form.validateAll() else {
      region = .form
      message = ("Some fields need attention: see the messages beside them.", true)
      return .stay
    }
    if let rule = ruleProblem {
      message = (rule, true)
      return .stay
    }
    let edits: [PupilEdit]
    do {
      edits = try self.edits(context: context)
    } catch let error as EditError {
      message = (error.message, true)
      return .stay
    } catch {
      message = ("\(error)", true)
      return .stay
    }
    return .save(SaveRequest(.pupil(id, edits, base: Loaded(value: pupil, version: version))))
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

  // MARK: Words

  static func rankName(_ rank: Int) -> String {
    switch rank {
    case 0: return "primary"
    case 1: return "secondary"
    default: return "further"
    }
  }

  static func needList(_ needs: [NeedType]) -> String {
    needs.isEmpty ? "none" : needs.map(\.rawValue).joined(separator: ", ")
  }

  /// "SEN support (K) since 06/01/2025, parents told 10/01/2025"
  static func statusLine(_ p: Pupil) -> String {
    var line: String
    if let open = p.openPeriod {
      line =
        "\(open.status.title) (\(open.status.censusCode.rawValue)) since \(open.start.british)"
      if open.status == .senSupport {
        line += ", parents told \(open.parentsInformed?.british ?? "—")"
      }
    } else {
      line = "no SEN (N)"
    }
    if let place = p.specialistProvision { line += "; in the \(place.title)" }
    if let left = p.left { line += "; left \(left.british), read-only" }
    return line
  }

  /// "SEN support  06/01/2025–now  SPLD, SLCN"
  static func periodLine(_ period: SENPeriod) -> String {
    let end = period.end?.british ?? "now"
    let needs = period.needs.isEmpty ? "" : "  " + needList(period.needs)
    return "\(period.status.title.padded(toWidth: 11))  \(period.start.british)–\(end)\(needs)"
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
    grid.put(
      "Now: " + Self.statusLine(pupil), row: row, column: 0, maxWidth: width, overflow: .ellipsis)
    row += 1

    let problem = ruleProblem
    let needRows = max(needs.count, 1)
    let formMinimum = 4
    let fixed = 1 + needRows + (problem == nil ? 0 : 1) + formMinimum
    var spare = rows.upperBound - row - fixed
    if spare >= 2, !pupil.senPeriods.isEmpty {
      let shown = min(pupil.senPeriods.count, spare - 1)
      grid.put("History:", row: row, column: 0, style: .dim, maxWidth: width)
      row += 1
      for period in pupil.senPeriods.suffix(shown) {
        grid.put(
          "  " + Self.periodLine(period), row: row, column: 0, style: .dim, maxWidth: width,
          overflow: .ellipsis)
        row += 1
      }
      spare -= shown + 1
    }

    let focused = region == .needs && picker == nil
    let header =
      focused
      ? "Needs, ranked: a add · Enter change · d remove · Alt-↑↓ rank · Tab on"
      : "Needs, ranked (Tab to change)"
    grid.put(
      header, row: row, column: 0, style: focused ? .bold : .plain, maxWidth: width,
      overflow: .ellipsis)
    row += 1
    if needs.isEmpty {
      grid.put(
        "  none recorded" + (focused ? " — a adds one" : ""), row: row, column: 0, style: .dim,
        maxWidth: width, overflow: .ellipsis)
      row += 1
    } else {
      let lines = needs.enumerated().map { rank, need in
        "\(rank + 1) \(Self.rankName(rank).padded(toWidth: 9)) \(need.rawValue.padded(toWidth: 4))  \(need.meaning)"
      }
      row += ListRows.draw(
        lines, selected: needRow, focused: focused, into: &grid, top: row,
        rows: min(lines.count, rows.upperBound - row - formMinimum), unicode: context.unicode)
    }
    if let problem {
      grid.put(
        problem, row: row, column: 2, style: .bold, maxWidth: width - 2, overflow: .ellipsis)
      row += 1
    }
    if spare > 0 { row += 1 }
    if let formPicker = form.picker {
      form.draw(
        into: &grid, row: rows.lowerBound + 1, column: 0, width: width,
        height: rows.count - 1, unicode: context.unicode)
      // Over the whole screen, so that a small one shows more than two choices.
      formPicker.draw(into: &grid, unicode: context.unicode)
    } else if row < rows.upperBound {
      form.draw(
        into: &grid, row: row, column: 0, width: width, height: rows.upperBound - row,
        unicode: context.unicode)
    }
    picker?.draw(into: &grid, unicode: context.unicode)
    if let conflict { conflict.draw(into: &grid, rows: rows, unicode: context.unicode) }
  }
}
