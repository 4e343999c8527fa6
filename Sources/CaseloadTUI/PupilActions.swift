import CaseloadCore
import TerminalUI

/// What can be done to one pupil from any screen that shows pupils: the list, the overview and the deadlines.
/// One table of keys, composed into each screen's own.
public enum PupilAction: Hashable, Sendable, CaseIterable {
  case editDetails, logConcern, logContact, ehcStep, editPlan, timeline, meeting, export,
    editStatus,
    editContacts
}

extension PupilAction {
  /// The bindings of the pupil actions for a screen's keymap: `wrap` makes the screen's action, `hints` are shown
  /// in its footer, and `except` leaves out actions whose key the screen uses for something else.
  static func bindings<Action: Hashable & Sendable>(
    _ wrap: (PupilAction) -> Action, hints: Set<PupilAction> = [], except: Set<PupilAction> = []
  ) -> [Keymap<Action>.Binding] {
    allCases.filter { !except.contains($0) }.map { action in
      let (key, name, help) = action.binding
      return .init(
        keys: [key], action: wrap(action), name: name, help: help, hint: hints.contains(action))
    }
  }

  var binding: (Key, String, String) {
    switch self {
    case .editDetails:
      (.char("e"), "edit-details", "Edit the pupil's names, date of birth, year, UPN")
    case .logConcern: (.char("c"), "log-concern", "Log a concern about the pupil")
    case .logContact: (.char("m"), "log-contact", "Log a meeting, call, letter or email")
    case .ehcStep:
      (.char("E"), "ehc-step", "Record a step of the EHC process, with its statutory dates")
    case .editPlan: (.char("p"), "edit-plan", "Edit the SEN support plan")
    case .timeline:
      (.char("t"), "timeline", "Timeline: status, cycles, reviews, concerns, EHC steps")
    case .meeting: (.char("R"), "meeting", "Run the review meeting")
    case .export: (.char("x"), "export", "Export the plan, meeting record, evidence pack or data")
    case .editStatus: (.char("n"), "edit-status", "Needs and SEN status")
    case .editContacts: (.char("C"), "edit-contacts", "Parents, carers and other contacts")
    }
  }
}

extension CaseloadApp {
  /// Runs a pupil action for the pupil `id`, over whatever screen is showing.
  mutating func perform(_ action: PupilAction, on id: AggregateID) {
    switch action {
    case .editDetails: openEditor(.pupil(id), PupilDetailsForm.spec)
    case .logConcern: openEditor(.pupil(id), LogEntryForm.spec(kind: .concern))
    case .logContact: openEditor(.pupil(id), LogEntryForm.spec(kind: .meeting))
    case .ehcStep: openEditor(.pupil(id), EHCStepForm.spec)
    case .editPlan: openEditor { PlanEditor(id, context: $0) }
    case .editStatus: openEditor { StatusEditor(id, context: $0) }
    case .editContacts: openEditor { ContactsEditor(id, context: $0) }
    case .timeline: openTimeline(id)
    case .meeting: openMeeting(id)
    case .export: openExportMenu(id)
    }
  }
}
