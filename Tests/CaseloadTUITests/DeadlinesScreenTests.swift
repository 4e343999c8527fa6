import CaseloadCore
import CaseloadStore
import Foundation
import Testing

@testable import CaseloadTUI
@testable import TerminalUI

/// The school-wide deadlines screen (`D`), in the in-memory grid.
@Suite struct DeadlinesScreenTests {
  @Test(arguments: [(80, 24), (40, 12), (200, 50)])
  func missedAndUpcomingSoonestFirstAndEnterOpensThePupil(width: Int, height: Int) throws {
    let folder = TemporaryFolder()
    var (app, backend) = try CaseloadScreenTests().app(folder, width: width, height: height)
    AppRunner.step(&app, [.key(.char("D"))], on: backend)
    #expect(backend.lines.allSatisfy { $0.displayWidth <= width })
    if width >= 80 {
      #expect(backend.text.contains("Deadlines — 1 missed · 1 due in the next 28 days"))
      #expect(backend.text.contains("20/11/2026"))
      #expect(backend.text.contains("missed by 9 days"))
    }
    #expect(backend.text.contains("Oisín"))
    AppRunner.step(&app, [.key(.enter)], on: backend)
    #expect(backend.text.contains("SEN support (census K) since 06/01/2025") || width < 80)
    #expect(app.overview != nil)
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.overview == nil && app.deadlines != nil, "back to the deadlines")
    AppRunner.step(&app, [.key(.char("w")), .key(.char("w"))], on: backend)
    #expect(app.deadlines?.withinDays == nil)
    if width >= 80 { #expect(backend.text.contains("due from now on")) }
    AppRunner.step(&app, [.key(.escape)], on: backend)
    #expect(app.deadlines == nil)
    #expect(backend.text.contains("4 shown"))
  }
}
