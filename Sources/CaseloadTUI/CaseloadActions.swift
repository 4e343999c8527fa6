import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The actions of the caseload screen, bound to keys in one table.
public enum CaseloadAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, top, bottom, open, search, filter, clearFilters, overdue
  case sort, reverse
  case sortBy(CaseloadSort)
  case leavers, undo, undoSkipping, redo, help, palette, quit, suspend
  case addPupil, deadlines, settings, importMIS
  /// An action on the selected pupil.
  case pupil(PupilAction)
}

/// The actions of the pupil overview.
public enum OverviewAction: Hashable, Sendable {
  case down, up, pageDown, pageUp, back, undo, undoSkipping, redo, help, palette, quit
  case markDone
  /// An action on the pupil shown.
  case pupil(PupilAction)
}

/// The keys of the caseload screens: one table each, from which dispatch, help, footer hints and the README come.
extension CaseloadApp {
  public static let listKeys = try! Keymap<CaseloadAction>(
    [
      .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Next pupil"),
      .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Previous pupil"),
      .init(keys: [.pageDown], action: .pageDown, name: "page-down", help: "A page down"),
      .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
      .init(keys: [.home, .char("g")], action: .top, name: "top", help: "First pupil"),
      .init(keys: [.end, .char("G")], action: .bottom, name: "bottom", help: "Last pupil"),
      .init(
        keys: [.enter], action: .open, name: "open", help: "Open the pupil's overview", hint: true),
      .init(
        keys: [.char("/")], action: .search, name: "search",
        help: "Search names and UPN as you type",
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
        keys: [.char("s")], action: .sort, name: "sort", help: "Sort by the next column", hint: true
      ),
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
    ] + PupilAction.bindings(CaseloadAction.pupil) + [
      .init(
        keys: [.char("D")], action: .deadlines, name: "deadlines",
        help: "Every missed and upcoming review and EHC deadline, soonest first"),
      .init(
        keys: [.char("W")], action: .settings, name: "settings",
        help: "School settings: name, local authority, terms, staff rates"),
      .init(
        keys: [.char("i")], action: .importMIS, name: "import",
        help: "Import pupils from the school's MIS (CSV), previewed first"),
      .init(
        keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step", hint: true),
      .init(
        keys: [.char("U")], action: .undoSkipping, name: "undo-skip",
        help: "Keep your last step (someone built on it) and undo the one before"),
      .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you last undid"),
      .init(
        keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true),
      .init(keys: [.char(":")], action: .palette, name: "commands", help: "Every action, by name"),
      .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit Caseload", hint: true),
      .init(
        keys: [.ctrl("z")], action: .suspend, name: "suspend",
        help: "Back to the shell; `fg` returns"
      ),
    ])

  public static let overviewKeys = try! Keymap<OverviewAction>(
    [
      .init(keys: [.down, .char("j")], action: .down, name: "down", help: "Scroll down"),
      .init(keys: [.up, .char("k")], action: .up, name: "up", help: "Scroll up"),
      .init(
        keys: [.pageDown, .char(" ")], action: .pageDown, name: "page-down", help: "A page down"),
      .init(keys: [.pageUp], action: .pageUp, name: "page-up", help: "A page up"),
      .init(
        keys: [.escape, .char("h")], action: .back, name: "back", help: "Back to the caseload",
        hint: true),
      .init(
        keys: [.char("d")], action: .markDone, name: "done",
        help: "Mark follow-ups, actions or provision endings done"),
    ]
      + PupilAction.bindings(
        OverviewAction.pupil, hints: [.editDetails, .logConcern, .editPlan, .timeline]) + [
        .init(
          keys: [.char("u")], action: .undo, name: "undo", help: "Undo your last step", hint: true),
        .init(
          keys: [.char("U")], action: .undoSkipping, name: "undo-skip",
          help: "Keep your last step (someone built on it) and undo the one before"),
        .init(keys: [.ctrl("r")], action: .redo, name: "redo", help: "Redo what you last undid"),
        .init(
          keys: [.char("?")], action: .help, name: "help", help: "Keys and what they do", hint: true
        ),
        .init(
          keys: [.char(":")], action: .palette, name: "commands", help: "Every action, by name"),
        .init(keys: [.char("q")], action: .quit, name: "quit", help: "Quit Caseload", hint: true),
      ])

}
