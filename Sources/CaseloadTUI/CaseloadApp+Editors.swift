import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// Opening editors over the list or the overview, and the keys every editor shares.
extension CaseloadApp {

  var editorContext: EditorContext {
    EditorContext(records: store, today: list.today, settings: settings, unicode: unicode)
  }

  mutating func openEditor(
    _ target: FormEditor.Target,
    _ make: @escaping @Sendable (Pupil?, EditorContext) -> FormSpec
  ) {
    guard let e = FormEditor(target, context: editorContext, make: make) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    pushEditor(e)
  }

  /// Opens an editor that is not one form (status, contacts, settings); nil from `make`: the record is gone.
  mutating func openEditor(_ make: (EditorContext) -> (any Editor)?) {
    guard let e = make(editorContext) else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    pushEditor(e)
  }

  /// Opens an editor, noting in the access log a look at a pupil's record that is worth noting.
  mutating func pushEditor(_ e: any Editor) {
    if let id = e.pupilID, let what = e.accessName { try? store.recordAccess(id, what) }
    push(.editor(e))
  }

  /// The shared keys (undo, redo, help) first, then the editor's own.
  mutating func handleEditor(_ key: Key) -> AppCommand {
    guard var e = editor else { return .none }
    switch editorKeys.action(for: key) {
    case .undo?, .redo?:
      guard !e.isDirty else {
        message = ("Save (Ctrl-S) or discard (Esc) your changes before undoing.", true)
        return .none
      }
      undoOrRedo(undo: editorKeys.action(for: key) == .undo)
      if e.reload(context: editorContext) { replaceTop(.editor(e)) } else { closeEditor() }
      return .none
    case .help?:
      openHelp(lines: e.helpLines)
      return .none
    case .suspend?: return .suspend
    default: break
    }
    message = nil
    return settle(e.handle(key, context: editorContext), of: e)
  }

  /// Does what the editor's key or tick asked: runs its saves (handing each result back), closes it, undoes.
  mutating func settle(_ first: EditorOutcome, of editor: any Editor) -> AppCommand {
    var e = editor
    var outcome = first
    // A save the editor asks for is the runner's: it saves, and the editor hears how it went.
    while case .save(let request) = outcome {
      let result = EditorSaving.save(request, store: store, today: list.today)
      outcome = e.finish(result, context: editorContext)
    }
    replaceTop(.editor(e))
    switch outcome {
    case .stay: break
    case .saved(let summary):
      closeEditor()
      message = ("Saved: \(summary)", false)
      if let id = e.pupilID, let fresh = try? store.summary(id) {
        let selected = selectedPupil?.id
        list.update(id, to: fresh)
        reselect(selected)
        refreshScreens()
      } else {
        reloadIfChanged(force: true)
      }
    case .savedAndStay(let summary):
      message = ("Saved: \(summary)", false)
      reloadIfChanged(force: true)
    case .undo:
      guard !e.isDirty else { break }
      undoOrRedo(undo: true)
      if case .editor(var current)? = stack.last {
        if current.reload(context: editorContext) { replaceTop(.editor(current)) } else { pop() }
      }
    case .close:
      if e.isDirty {
        show(
          .discard(
            ConfirmDialog(
              question: "Discard your unsaved changes to \(e.title)?", title: "Unsaved changes",
              confirmKey: "d", confirmLabel: "Discard", cancelKey: "k",
              cancelLabel: "Keep editing", defaultChoice: .cancel)))
      } else {
        closeEditor()
        if let m = e.closingMessage { message = m }
      }
    case .editExternally(let text, let tag):
      return .editExternally(text: text, tag: tag)
    case .save: break
    }
    return .none
  }

  /// The review meeting, or why it cannot be run yet.
  mutating func openMeeting(_ id: AggregateID) {
    switch MeetingScreen.start(id, context: editorContext) {
    case .success(var screen):
      message = nil
      pushEditor(screen)
      // A new meeting is kept at once, so quitting straight away leaves it to resume.
      _ = settle(screen.tick(context: editorContext), of: screen)
    case .failure(let refusal): message = (refusal.message, true)
    }
  }

  /// The exports offered for a pupil.
  mutating func openExportMenu(_ id: AggregateID) {
    guard let pupil = try? store.pupil(id)?.value else {
      message = ("That pupil was removed in another session.", true)
      return
    }
    message = nil
    show(
      .exportMenu(
        ExportMenu(pupilID: id, name: pupil.displayName, environment: exportEnvironment)))
  }

}
