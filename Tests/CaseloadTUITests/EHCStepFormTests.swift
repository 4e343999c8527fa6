import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// Recording the steps of the EHC process, with the statutory dates they open shown in the form.
@Suite struct EHCStepFormTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func aRequestOpensTheDecisionDeadlineAndTheNextStepIsOffered() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("E"))], on: backend)
    #expect(backend.text.contains("Oisín O'Brien — EHC process"))
    #expect(backend.text.contains("No EHC request in progress."))
    #expect(backend.text.contains("Request an EHC needs assessment (school)"))
    AppRunner.step(&app, [.key(.ctrl("s"))], on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien"))
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    let requests = try #require(try store.pupil(AggregateID("ptui1"))).value.ehc.requests
    #expect(requests.count == 1 && requests[0].requestedBy == .school)
    #expect(requests[0].requested == Day(iso: "2026-11-29"))

    AppRunner.step(&app, [.key(.char("E"))], on: backend)
    #expect(backend.text.contains("LA decides whether to assess — by 10/01/2027 (due in 42 days)"))
    #expect(backend.text.contains("LA decided to assess"), "the likely next step is offered")
  }

  @Test func aStepOutOfOrderIsRefusedWithTheReason() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(&app, [.key(.char("o")), .key(.char("E")), .key(.enter)], on: backend)
    AppRunner.step(&app, type("final") + [.key(.enter), .key(.ctrl("s"))], on: backend)
    #expect(app.editor != nil, "nothing saved")
    let store = try Store.open(at: folder.path + "/caseload.sqlite")
    #expect(try #require(try store.pupil(AggregateID("ptui1"))).value.ehc.requests.isEmpty)
    #expect(backend.lines[backend.lines.count - 2].contains("request"), "the refusal says why")
  }
}
