import Testing

@testable import CaseloadCore

/// A school starting mid-stream records SEN history that happened before Caseload, in any order.
@Suite("Earlier SEN periods")
struct EarlierPeriodTests {
  let today = Fixture.today

  func d(_ s: String) -> Day { Day(iso: s)! }

  @Test func periodsGoInAnyOrderAndMayMeetButNotOverlap() throws {
    var p = try Fixture.onSupport()
    let open = try #require(p.openPeriod)
    p = try PupilEdit.recordEarlierPeriod(
      .senSupport, from: d("2021-09-01"), until: open.start, needs: [.SPLD]
    ).apply(to: p, today: today)
    p = try PupilEdit.recordEarlierPeriod(
      .monitoring, from: d("2020-01-06"), until: d("2021-09-01"), needs: []
    ).apply(to: p, today: today)
    #expect(p.senPeriods.map(\.start) == [d("2020-01-06"), d("2021-09-01"), open.start])
    #expect(p.openPeriod == open, "the current period is untouched")
    #expect(p.censusCode == .K)

    let overlap = #expect(throws: EditError.self) {
      try PupilEdit.recordEarlierPeriod(
        .senSupport, from: d("2019-09-01"), until: d("2020-03-01"), needs: [.SPLD]
      ).apply(to: p, today: today)
    }
    #expect(
      overlap?.message
        == "SEN support from 01/09/2019 to 01/03/2020 overlaps monitoring from 06/01/2020 (to 01/09/2021); periods may meet but not overlap."
    )
  }

  @Test func whatCannotBeIsRefused() throws {
    let p = try Fixture.onSupport()
    for (from, until, needs) in [
      ("2019-09-01", "2019-08-01", [NeedType.SPLD]),  // ends before it starts
      ("2019-09-01", "2099-01-01", [.SPLD]),  // ends in the future
      ("1990-01-01", "1991-01-01", [.SPLD]),  // before the date of birth
      ("2019-09-01", "2020-07-20", []),  // SEN support with no need
    ] {
      #expect(throws: EditError.self, "\(from)–\(until)") {
        try PupilEdit.recordEarlierPeriod(.senSupport, from: d(from), until: d(until), needs: needs)
          .apply(to: p, today: today)
      }
    }
  }
}
