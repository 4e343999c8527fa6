import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// `u` undoes the user's last step; a step made in another session (another terminal, same user) is undone only
/// after asking, naming where and when it was made.
@Suite struct UndoAcrossSessionsTests {
  let today = Day(iso: "2026-11-29")!

  @Test func aStepFromAnotherTerminalIsUndoneOnlyWhenAsked() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 110, height: 30)
    let me = app.store.actor
    let otherTerminal = try Store.open(
      at: folder.path + "/caseload.sqlite",
      actor: ChangeActor(user: me.user, host: me.host, via: "/dev/pts/9"))
    let oisin = AggregateID("ptui1")
    try otherTerminal.edit(oisin, .setPupilVoice("I like typing."), today: today)

    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(app.undoQuestion != nil)
    #expect(backend.text.contains("Undo a step from another session"))
    #expect(backend.text.contains("/dev/pts/9"))
    // Kept: nothing undone.
    AppRunner.step(&app, [.key(.char("k"))], on: backend)
    #expect(app.undoQuestion == nil && app.message?.text == "Kept: nothing was undone.")
    #expect(try app.store.pupil(oisin)?.value.currentCycle?.plan.pupilVoice == "I like typing.")
    // Asked again and confirmed: undone.
    AppRunner.step(&app, [.key(.char("u")), .key(.char("u"))], on: backend)
    #expect(
      app.message?.text.hasPrefix("Undone: Oisín O'Brien: pupil's voice") == true,
      "\(app.message?.text ?? "")")
    #expect(try app.store.pupil(oisin)?.value.currentCycle?.plan.pupilVoice == "")
  }

  @Test func ones_OwnStepIsUndoneWithoutAQuestion() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 110, height: 30)
    let oisin = AggregateID("ptui1")
    try app.store.edit(oisin, .setPupilVoice("Mine."), today: today)
    AppRunner.step(&app, [.key(.char("u"))], on: backend)
    #expect(app.undoQuestion == nil)
    #expect(try app.store.pupil(oisin)?.value.currentCycle?.plan.pupilVoice == "")
  }

  @Test func anUndoAgreedToIsRefusedWhenAnotherStepCameInMeanwhile() throws {
    let folder = TemporaryFolder()
    let (app, _) = try CaseloadScreenTests().app(folder, width: 110, height: 30)
    let oisin = AggregateID("ptui1")
    try app.store.edit(oisin, .setPupilVoice("First."), today: today)
    let asked = try #require(try app.store.nextUndo())
    try app.store.edit(oisin, .setParentViews("Second."), today: today)
    #expect(throws: StoreError.self) { try app.store.undo(expected: asked.step) }
    #expect(try app.store.pupil(oisin)?.value.currentCycle?.plan.parentViews == "Second.")
    #expect(try app.store.nextUndo()?.summary.contains("parents' views") == true)
  }
}
