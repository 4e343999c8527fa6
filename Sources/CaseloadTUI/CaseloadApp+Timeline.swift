import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// A pupil's timeline, opened over the list or the overview.
extension CaseloadApp {

  mutating func openTimeline(_ id: AggregateID) {
    guard let loaded = try? store.pupil(id) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    push(
      .timeline(
        id,
        TimelineScreen(
          pupil: loaded.value, settings: settings, today: list.today, unicode: unicode)))
    try? store.recordAccess(id, "timeline")
  }

  /// Enter on an event opens the record it belongs to: the plan for a cycle or review, the EHC steps for the
  /// EHC process, the status editor for a status period, the overview for a concern or contact.
  mutating func handleTimeline(_ key: Key) -> AppCommand {
    guard case .timeline(let id, var screen)? = stack.last else { return .none }
    let outcome = screen.handle(key)
    replaceTop(.timeline(id, screen))
    return apply(outcome, timeline: id)
  }

  /// What a key or a named action on the timeline asks of the app.
  mutating func apply(_ outcome: TimelineOutcome, timeline id: AggregateID) -> AppCommand {
    switch outcome {
    case .handled: break
    case .close: pop()
    case .palette: openPalette()
    case .open(let event):
      switch event {
      case .cycle, .review, .deadline(.planReview, _, _), .deadline(.provisionEnd, _, _),
        .deadline(.reviewAction, _, _):
        openEditor { PlanEditor(id, context: $0) }
      case .senPeriod, .noSEN:
        openEditor { StatusEditor(id, context: $0) }
      case .logEntry, .deadline(.followUp, _, _), .deadline(.parentMeeting, _, _):
        // Back to the pupil's overview: the one under the timeline, or a new one.
        pop()
        if case .overview(let o)? = stack.last, o.id == id { break }
        openOverview(id)
      case .ehcRequest, .ehcPlanIssued, .ehcAnnualReview, .ehcPlanCeased, .deadline:
        openEditor(.pupil(id), EHCStepForm.spec)
      }
    }
    return .none
  }

}
