import Foundation
import Testing

/// `caseload plan PUPIL` run as a process on the demo store.
@Suite struct PlanCommandTests {
  let today = "2026-11-29"

  func demoStore(_ folder: TemporaryFolder) throws -> String {
    let path = folder.file("demo.sqlite")
    let made = try caseload("demo", "--store", path, "--today", today)
    #expect(made.status == 0, "\(made.stderr)")
    return path
  }

  @Test func printsTheCurrentPlanFoundByNameUPNOrId() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("plan", "oisin", "--store", path, "--today", today)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.components(separatedBy: "\n")
    #expect(lines.first == "Oisín O'Brien")
    for line in [
      "SEN support plan — cycle 4 of 4, at do",
      "  1. Oisín will spell 40 of the Y3/4 statutory words correctly in dictation.",
      "     Area of need: cognition and learning",
      "     Target date: 08/12/2026",
      "  1. Precision teaching (Y3/4 spellings), by Mrs Dawson",
      "     5 × 10 min a week for 12 weeks, one to one",
      "     Teaching assistant, £16.50 an hour: £165.00 per pupil (5 × 10 min × 12 weeks × £16.50)",
      "     HLTA, £19.50 an hour: £52.00 per pupil (2 × 20 min × 12 weeks × £19.50 ÷ 3)",
      "  Plan total: £217.00",
      "  2026/27 total: £217.00 of the £6,000.00 notional threshold (£5,783.00 left)",
      "  Aoife O'Brien (mother)  parent/carer",
      "  Agreed by Aoife O'Brien (mother) and Oisín on 25/09/2026",
      "  Review date: Tue 08/12/2026 (in 9 days)",
      "Staff training needs",
    ] {
      #expect(lines.contains(line), "missing \(line.debugDescription)")
    }
    #expect(
      !r.stdout.contains("\u{1B}["), "no colour when NO_COLOR is set or stdout is not a terminal")
    let byUPN = try caseload("plan", "M909460221014", "--store", path, "--today", today)
    let byID = try caseload("plan", "pdemo0001", "--store", path, "--today", today)
    #expect(byUPN.status == 0 && byID.status == 0)
    #expect(byUPN.stdout == r.stdout)
    #expect(byID.stdout == r.stdout)
  }

  @Test func aPupilWithoutAPlanIsToldSoAndExitsZero() throws {
    let folder = TemporaryFolder()
    let r = try caseload(
      "--demo", "plan", "poppy walker", "--today", today, environment: ["TMPDIR": folder.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.hasSuffix(
        "\nSEN support plan\n  Poppy Walker has no SEN support plan: no assess, plan, do, review cycle has been started.\n"
      ))
  }

  @Test func aMissingPupilExitsOneWithAMessageOnStderr() throws {
    let folder = TemporaryFolder()
    let path = try demoStore(folder)
    let r = try caseload("plan", "nobody", "--store", path, "--today", today)
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr == "caseload: No pupil matches “nobody”. Try `caseload list` to see names.\n")
    let ambiguous = try caseload("plan", "pdemo00", "--store", path, "--today", today)
    #expect(ambiguous.status == 1)
    #expect(ambiguous.stdout.isEmpty)
    #expect(ambiguous.stderr.contains("matches"))
    #expect(ambiguous.stderr.contains("born "))
    #expect(try caseload("plan", "--store", path).status == 2)
  }
}
