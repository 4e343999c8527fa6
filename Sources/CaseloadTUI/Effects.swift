import CaseloadCore
import CaseloadExchange
import CaseloadStore
import Foundation

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
  /// Reads the MIS file at a path as typed and shows the import screen its plan.
  case previewImport(String)
  /// Saves the import the screen previewed, as one step.
  case applyImport
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
        message =
          step.map { ("Done: \($0.summary) — u undoes", false) }
          ?? ("Already done: nothing was changed.", false)
      } catch {
        message = ("\(error)", true)
      }
      reloadIfChanged(force: true)
    case .undo: undoOrRedo(undo: true)
    case .undoSkippingLastStep: undoSkippingLastStep()
    case .redo: undoOrRedo(undo: false)
    case .previewImport(let typed): previewImport(typed)
    case .applyImport: applyImport()
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

extension CaseloadApp {
  /// Reads the file, plans the import against the store and hands the plan to the import screen on top.
  mutating func previewImport(_ typed: String) {
    guard case .importer(var screen)? = stack.last else { return }
    let file = ImportScreen.resolve(typed)
    var isDirectory: ObjCBool = false
    if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) {
      screen.show(problem: "There is no file \(file).")
    } else if isDirectory.boolValue {
      screen.show(problem: "\(file) cannot be read as a file.")
    } else if let data = FileManager.default.contents(atPath: file) {
      do {
        screen.show(
          try ImportPlan.make(
            data: data, fileName: (file as NSString).lastPathComponent,
            remedies: ImportScreen.remedies, store: store, today: list.today))
        try? store.setPreference(ImportScreen.lastPathKey, typed)
      } catch {
        screen.show(problem: "\(error)")
      }
    } else {
      screen.show(problem: "\(file) cannot be read as a file.")
    }
    replaceTop(.importer(screen))
  }

  /// Saves the previewed import as one step and closes the screen, or says why not and stays.
  mutating func applyImport() {
    guard case .importer(var screen)? = stack.last, let plan = screen.plan else { return }
    do {
      guard let record = try plan.apply(to: store) else {
        pop()
        message = ("Nothing to import: every pupil in the file is up to date in Caseload.", false)
        return
      }
      pop()
      message = ("Imported: \(record.summary)", false)
      reloadIfChanged(force: true)
    } catch {
      screen.show(problem: "\(error)")
      replaceTop(.importer(screen))
    }
  }
}
