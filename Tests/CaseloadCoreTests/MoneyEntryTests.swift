import Testing

@testable import CaseloadCore

@Suite("Typing an amount of money")
struct MoneyEntryTests {
  func message(_ text: String) -> String? {
    switch MoneyEntry.parse(text) {
    case .success(let money):
      Issue.record("“\(text)” was read as \(money)")
      return nil
    case .failure(let error): return error.description
    }
  }

  @Test(
    "amounts as people type them",
    arguments: [
      ("£12.50", 1_250), ("12.5", 1_250), ("12", 1_200), ("1,200", 120_000), ("£1,234.56", 123_456),
      ("£ 16.50", 1_650), (" 0.05 ", 5), ("£6,000", 600_000), ("0", 0), ("12p", 12), ("150p", 150),
      ("1,500p", 1_500), ("12 p", 12), ("£0.5", 50), ("£9,999,999.99", 999_999_999),
      ("007.10", 710),
    ])
  func accepted(text: String, pence: Int) throws {
    #expect(try MoneyEntry.parse(text).get() == Money(pence: pence))
  }

  @Test(
    "it reads what Money(typed:) reads, to the same amount",
    arguments: ["£1,234.56", "1234.5", "12", "£16.50", " 0.05 ", "£6,000", "0", "£247.50"])
  func agreesWithMoneyTyped(text: String) throws {
    #expect(try MoneyEntry.parse(text).get() == Money(typed: text))
  }

  @Test(
    "refusals say what is wrong",
    arguments: [
      ("£12.345", "£12.345: pence have at most two digits."),
      ("12.345", "12.345: pence have at most two digits."),
      ("-5", "Amounts cannot be negative."), ("£-1.00", "Amounts cannot be negative."),
      ("-£1.00", "Amounts cannot be negative."), ("− 3", "Amounts cannot be negative."),
      ("12,50", "12,50: use a full stop before the pence, for example £12.50."),
      ("12.5p", "12.5p: pence are whole, for example 12p or £0.12."),
      ("£12p", "£12p: write pounds as £12.50 or pence as 12p, not both."),
      ("10,000,000", "10,000,000 is too large: Caseload holds amounts up to £9,999,999.99."),
      (
        "£99999999999999999999",
        "£99999999999999999999 is too large: Caseload holds amounts up to £9,999,999.99."
      ),
      ("1000000000p", "1000000000p is too large: Caseload holds amounts up to £9,999,999.99."),
      ("", "No amount was typed. Type one, for example £12.50."),
    ])
  func refused(text: String, expected: String) {
    #expect(message(text) == expected)
  }

  @Test(
    "anything else cannot be read",
    arguments: [
      "£", "abc", "1.", ".5", "12.3.4", "1,2000", "1,,200", "12 50", "£12.50p5", "twelve", "£1.2.3",
      "١٢",
    ])
  func unreadable(text: String) {
    #expect(message(text) == "Could not read “\(text)” as an amount of money, e.g. £12.50.")
  }
}
