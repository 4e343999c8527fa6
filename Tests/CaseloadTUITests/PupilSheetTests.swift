import CaseloadCore
import Testing

@testable import CaseloadTUI
@testable import CaseloadText

/// The overview's text: the year's meetings with parents read as met once there are enough.
@Suite struct PupilSheetTests {
  let today = Day(iso: "2026-11-29")!

  func sheet(meetings: Int) throws -> String {
    var p = Pupil(
      id: AggregateID("psheet"), legalName: PersonName(given: "Amara", family: "Testington"),
      dateOfBirth: Day(iso: "2016-10-03")!)
    p = try PupilEdit.startSENSupport(
      on: Day(iso: "2025-09-08")!, needs: [.SPLD], parentsInformed: nil
    )
    .apply(to: p, today: today)
    for n in 0..<meetings {
      p = try PupilEdit.log(
        LogEntry(
          kind: .meeting, date: Day(iso: "2026-09-14")!.adding(days: 7 * n), who: "Mother",
          withParents: true, summary: "Meeting \(n + 1)")
      ).apply(to: p, today: today)
    }
    var out = Output()
    PupilSheet(pupil: p, today: today, settings: .defaults(today: today), history: []).render(
      into: &out)
    return out.text
  }

  @Test func meetingsReadAsMetOnceThereAreEnough() throws {
    #expect(try sheet(meetings: 1).contains("1 of 3 parent meetings this school year"))
    #expect(
      try sheet(meetings: 4).contains("4 parent meetings this school year (3 expected: met)"),
      "not “4 of 3”")
  }
}

extension PupilSheetTests {
  @Test func aLongListOfWhoWasThereWrapsInItsColumn() throws {
    var p = Pupil(
      id: AggregateID("psheet"), legalName: PersonName(given: "Amara", family: "Testington"),
      dateOfBirth: Day(iso: "2016-10-03")!)
    p = try PupilEdit.log(
      LogEntry(
        kind: .meeting, date: Day(iso: "2026-11-02")!,
        who:
          "Ngozi Testington (mother), Mr Pattinson (class teacher), Mrs Dawson (TA), Ms Airey (SALT)",
        withParents: true, summary: "Planned the spring term.")
    ).apply(to: p, today: today)
    var out = Output()
    PupilSheet(pupil: p, today: today, settings: .defaults(today: today), history: []).render(
      into: &out)
    let lines = out.text.components(separatedBy: "\n")
    let first = try #require(lines.first { $0.contains("02/11/2026") })
    #expect(first.contains("Planned the spring term."))
    #expect(first.displayWidth < 100, "the summary is not pushed far right: \(first)")
    #expect(
      lines.contains { $0.contains("Ms Airey (SALT)") }, "the rest of the list on the next lines")
  }
}
