import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The timeline opened from the caseload: a concern logged shows on it, and Enter opens an event's record.
@Suite struct TimelineWiringTests {
  func type(_ text: String) -> [AppEvent] { text.map { .key(.char($0)) } }

  @Test func aConcernLoggedShowsOnTheTimelineAndEnterOpensTheRecords() throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: 100, height: 30)
    AppRunner.step(
      &app,
      [.key(.char("o")), .key(.char("c")), .key(.tab), .key(.tab)] + type("Mrs Airey")
        + [.key(.tab), .key(.tab)] + type("Reverses b and d") + [.key(.ctrl("s"))],
      on: backend)
    #expect(backend.text.contains("Saved: Oisín O'Brien"))
    AppRunner.step(&app, [.key(.char("t"))], on: backend)
    #expect(app.timeline?.id == AggregateID("ptui1"))
    for lane in ["Status", "Cycles", "Concerns"] { #expect(backend.text.contains(lane)) }
    AppRunner.step(&app, [.key(.home)], on: backend)
    #expect(backend.text.contains("Reverses b and d"), "today's concern is selected and shown")
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(app.timeline == nil && app.overview != nil, "a concern opens the overview")
    AppRunner.step(&app, [.key(.char("t")), .key(.char("-")), .key(.char("-"))], on: backend)
    AppRunner.step(&app, Array(repeating: .key(.left), count: 12), on: backend)
    // Find the cycle and open its plan.
    var opened = false
    for _ in 0..<12 where !opened {
      AppRunner.step(&app, [.key(.right)], on: backend)
      if case .cycle? = app.timeline?.screen.selectedEvent?.id {
        AppRunner.step(&app, [.key(.enter)], on: backend)
        opened = true
      }
    }
    #expect(opened, "the cycle is on the timeline")
    #expect(backend.text.contains("SEN support plan, cycle 1 of 1"))
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.editor == nil && app.timeline != nil, "back on the timeline")
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.timeline == nil)
  }
}
