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
    var screen = TimelineScreen(
      pupil: loaded.value, settings: settings, today: list.today, unicode: unicode)
    screen.fit(width: size.width, height: size.height)
    message = nil
    timeline = (id, screen)
    try? store.recordAccess(id, "timeline")
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
      case .cycle, .review, .deadline(.planReview, _, _), .deadline(.provisionEnd, _, _),
        .deadline(.reviewAction, _, _):
        openEditor { PlanEditor(id, context: $0) }
      case .senPeriod, .noSEN:
        openEditor { StatusEditor(id, context: $0) }
      case .logEntry, .deadline(.followUp, _, _), .deadline(.parentMeeting, _, _):
        timeline = nil
        openOverview(id)
      case .ehcRequest, .ehcPlanIssued, .ehcAnnualReview, .ehcPlanCeased, .deadline:
        openEditor(.pupil(id), EHCStepForm.spec)
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

}
