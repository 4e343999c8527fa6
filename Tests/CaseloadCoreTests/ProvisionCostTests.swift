import Foundation
import Testing

@testable import CaseloadCore

@Suite("Provision cost and money")
struct ProvisionCostTests {
  func provision(sessions: Int, minutes: Int, weeks: Int, ratePence: Int, group: Int = 1)
    -> Provision
  {
    Provision(
      intervention: "Reading intervention", deliveredBy: "Ms Kowalczyk", sessionsPerWeek: sessions,
      minutesPerSession: minutes, groupSize: group, weeks: weeks, staffRole: "Teaching assistant",
      hourlyRate: Money(pence: ratePence))
  }

  @Test(
    "sessions × hours × weeks × rate ÷ group size, to the nearest penny",
    arguments: [
      // 3 × 0.5 h × 10 weeks × £16.50 = £247.50
      (3, 30, 10, 1650, 1, 24_750),
      // the same shared by a group of 4: £61.875 → £61.88
      (3, 30, 10, 1650, 4, 6_188),
      // group of 3: £82.50
      (3, 30, 10, 1650, 3, 8_250),
      // 2 × 45 min × 12 weeks × £19.50 ÷ 6 = £58.50
      (2, 45, 12, 1950, 6, 5_850),
      // 5 × 20 min × 38 weeks × £16.50 = £1,045.00
      (5, 20, 38, 1650, 1, 104_500),
      // 1 × 10 min × 1 week × £16.50 = £2.75
      (1, 10, 1, 1650, 1, 275),
      // 1 × 10 min × 1 week × £16.50 ÷ 7 = 39.28…p → 39p
      (1, 10, 1, 1650, 7, 39),
      // 1 × 1 min × 1 week × £0.01: a sixtieth of a penny rounds to nothing
      (1, 1, 1, 1, 1, 0),
      // 1 × 30 min × 1 week × £0.01 = half a penny, rounded up
      (1, 30, 1, 1, 1, 1),
    ])
  func cost(sessions: Int, minutes: Int, weeks: Int, rate: Int, group: Int, pence: Int) {
    let v = provision(
      sessions: sessions, minutes: minutes, weeks: weeks, ratePence: rate, group: group)
    #expect(v.costPerPupil == Money(pence: pence))
    // Compare with a plain decimal calculation, rounded half up.
    let exact =
      Double(sessions) * Double(minutes) / 60 * Double(weeks) * Double(rate) / Double(group)
    #expect(v.costPerPupil.pence == Int((exact + 0.5).rounded(.down)))
  }

  @Test("the worked example formats as £247.50")
  func workedExample() {
    #expect(
      provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650).costPerPupil.description
        == "£247.50")
    #expect(
      provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650, group: 4).costPerPupil
        .description == "£61.88")
  }

  @Test("a plan's total is the sum of its provision")
  func total() {
    let plan = SupportPlan(
      provision: [
        provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650),
        provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650, group: 4),
      ])
    #expect(plan.totalCost == Money(pence: 24_750 + 6_188))
    #expect(SupportPlan().totalCost == .zero)
  }

  @Test("a group of none costs nothing rather than crashing")
  func emptyGroup() {
    let v = provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650, group: 0)
    #expect(v.costPerPupil == .zero)
    #expect(v.problem?.contains("Group size") == true)
  }

  @Test("problems with provision are named")
  func problems() {
    #expect(provision(sessions: 3, minutes: 30, weeks: 10, ratePence: 1650).problem == nil)
    #expect(
      provision(sessions: 51, minutes: 30, weeks: 10, ratePence: 1650).problem?.contains(
        "Sessions a week") == true)
    #expect(
      provision(sessions: 3, minutes: 481, weeks: 10, ratePence: 1650).problem?.contains(
        "Minutes a session") == true)
    #expect(
      provision(sessions: 3, minutes: 30, weeks: 0, ratePence: 1650).problem?.contains("Weeks")
        == true)
    #expect(
      provision(sessions: 3, minutes: 30, weeks: 10, ratePence: -1).problem?.contains(
        "cannot be negative") == true)
    let unnamed = Provision(
      intervention: "  ", sessionsPerWeek: 1, minutesPerSession: 10, weeks: 1, hourlyRate: .zero)
    #expect(unnamed.problem?.contains("needs a name") == true)
  }

  @Test(
    "money is shown as pounds with thousands separators",
    arguments: [
      (0, "£0.00"), (5, "£0.05"), (50, "£0.50"), (100, "£1.00"), (24_750, "£247.50"),
      (123_456, "£1,234.56"),
      (600_000, "£6,000.00"), (100_000_000, "£1,000,000.00"), (99_999, "£999.99"), (-150, "-£1.50"),
      (-123_456, "-£1,234.56"),
    ])
  func formatting(pence: Int, text: String) {
    #expect(Money(pence: pence).description == text)
  }

  @Test(
    "money as people type it",
    arguments: [
      ("£1,234.56", 123_456), ("1234.5", 123_450), ("12", 1_200), ("£16.50", 1_650), (" 0.05 ", 5),
      ("£6,000", 600_000), ("0", 0),
    ])
  func parsing(text: String, pence: Int) {
    #expect(Money(typed: text) == Money(pence: pence))
  }

  @Test(
    "money that cannot be read",
    arguments: ["", "£", "abc", "1.234", "1.", ".5", "-5", "£-1.00", "1.5p", "12.3.4"])
  func parsingRefused(text: String) {
    #expect(Money(typed: text) == nil)
  }

  @Test(
    "formatting and parsing round trip", arguments: [0, 1, 99, 1_650, 24_750, 123_456, 999_999_999])
  func roundTrip(pence: Int) {
    #expect(Money(typed: Money(pence: pence).description) == Money(pence: pence))
  }

  @Test("money is stored as whole pence")
  func codable() throws {
    let data = try JSONEncoder().encode(Money(pence: 1_650))
    #expect(String(decoding: data, as: UTF8.self) == "1650")
    #expect(try JSONDecoder().decode(Money.self, from: data) == Money(pence: 1_650))
  }

  @Test("default staff rates and the notional threshold")
  func settings() {
    let settings = SchoolSettings()
    #expect(settings.rate(for: "teaching assistant") == Money(pence: 1_650))
    #expect(settings.rate(for: "HLTA") == Money(pence: 1_950))
    #expect(settings.rate(for: "Caretaker") == nil)
    #expect(settings.notionalThreshold.description == "£6,000.00")
  }
}

/// Provision bought as a package: a price for each pupil, or for the group shared by its size.
@Suite("Fixed-price provision")
struct FixedPriceTests {
  func package(_ pence: Int, _ basis: FixedPrice.Basis, group: Int) -> Provision {
    var v = Provision(
      intervention: "Speech and language therapy (bought in)", sessionsPerWeek: 1,
      minutesPerSession: 45, groupSize: group, weeks: 10, hourlyRate: .zero)
    v.price = FixedPrice(Money(pence: pence), basis)
    return v
  }

  @Test func aPriceIsAPupilsOrTheGroupsSharedOut() {
    #expect(package(12_000, .perPupil, group: 3).costPerPupil == Money(pence: 12_000))
    #expect(package(45_000, .forGroup, group: 3).costPerPupil == Money(pence: 15_000))
    // £100 shared by 3: £33.333… → £33.33; by 6: £16.666… → £16.67.
    #expect(package(10_000, .forGroup, group: 3).costPerPupil == Money(pence: 3_333))
    #expect(package(10_000, .forGroup, group: 6).costPerPupil == Money(pence: 1_667))
    #expect(package(45_000, .forGroup, group: 3).pricing == "£450.00 for the group")
    #expect(package(45_000, .forGroup, group: 3).costSum == "£450.00 ÷ 3")
    #expect(package(12_000, .perPupil, group: 3).pricing == "£120.00 a pupil")
  }

  @Test func thePlansTotalAddsPricedAndHourlyProvisionAlike() {
    var plan = SupportPlan()
    plan.provision = [
      package(45_000, .forGroup, group: 3),
      Provision(
        intervention: "Reading", sessionsPerWeek: 3, minutesPerSession: 30, groupSize: 1, weeks: 10,
        hourlyRate: Money(pence: 1650)),
    ]
    #expect(plan.totalCost == Money(pence: 15_000 + 24_750))
  }

  @Test func numbersNoFormAcceptsAreAProblemAndCostNothingRatherThanTrap() {
    #expect(
      package(-1, .perPupil, group: 1).problem == "A price must be between £0 and £1,000,000.")
    #expect(package(Int.max, .forGroup, group: 2).costPerPupil == .zero)
    var rate = Provision(
      intervention: "Damaged", sessionsPerWeek: 50, minutesPerSession: 480, groupSize: 1, weeks: 52,
      hourlyRate: Money(pence: Int.max / 2))
    #expect(rate.problem == "An hourly rate must be at most £10,000.")
    #expect(rate.costPerPupil == .zero)
    rate.groupSize = 0
    #expect(rate.costPerPupil == .zero)
  }
}
