import CaseloadCore
import CaseloadExchange
import CaseloadStore

/// What a screen asks the app to do to the store, instead of doing it itself: the app's one runner does it, reads
/// the store's answer and refreshes every screen, so the screens that return effects need no store to be tested.
public enum Effect: Sendable, Hashable {
  /// Marks a pupil's entered items done on a day, as one step (named by `summary` when there are several).
  case markDone(AggregateID, [AgendaRef], on: Day, summary: String?)
  /// Undoes this session's last step (asking first when it was made in another session).
  case undo
  /// Keeps the last step and undoes the one before.
  case undoSkippingLastStep
  case redo
  /// Writes an export of a pupil to a file in the documents folder `environment` names.
  case export(ExportMenu.Choice, AggregateID, environment: [String: String])
}

extension CaseloadApp {
  /// Does what a screen asked, says how it went on the message line, and refreshes.
  mutating func run(_ effect: Effect) {
    switch effect {
    case .markDone(let id, let refs, let day, let summary):
      do {
        let (_, step) = try store.perform(summary: summary) { step in
          for ref in refs { try step.edit(id, .markDone(ref, on: day), today: day) }
        }
        message = ("Done: \(step?.summary ?? "nothing changed") — u undoes", false)
      } catch {
        message = ("\(error)", true)
      }
      reloadIfChanged(force: true)
    case .undo: undoOrRedo(undo: true)
    case .undoSkippingLastStep: undoSkippingLastStep()
    case .redo: undoOrRedo(undo: false)
    case .export(let choice, let id, let environment):
      do {
        let path = try ExportMenu.write(
          choice, pupilID: id, environment: environment, store: store, settings: settings,
          today: list.today)
        message = ("Wrote \(choice.what.words) to \(path)", false)
      } catch let problem as ExportProblem {
        message = (problem.description, true)
      } catch let problem as Templates.Problem {
        message = (problem.description, true)
      } catch {
        message = ("\(error)", true)
      }
    }
  }
}
