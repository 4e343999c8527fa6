import Testing

@testable import CaseloadCore

@Suite("Unique pupil numbers")
struct UPNTests {
  @Test(
    "check letters",
    arguments: [
      // The DfE's worked example: weights 2…13, sum 53, 53 mod 23 = 7 → H.
      ("801200001001", "H"),
      // 1×2 + 2×3 + … + 2×13 = 368, 368 mod 23 = 0 → A.
      ("123456789012", "A"),
      ("000000000000", "A"),
      // 9 × (2 + … + 13) = 810, 810 mod 23 = 5 → F.
      ("999999999999", "F"),
      // Temporary UPNs end in a letter, valued by its place in the check-letter alphabet (A = 0, Z = 22).
      ("82012345678A", "C"),
      ("30112345678Z", "A"),
    ])
  func checkLetter(rest: String, letter: Character) {
    #expect(UPN.checkLetter(forLastTwelve: rest) == letter)
    #expect(UPN.problem("\(letter)\(rest)") == nil)
    #expect(UPN.problem("\(letter)\(rest)".lowercased()) == nil)
  }

  @Test(
    "check letters need exactly twelve readable characters",
    arguments: ["80120000100", "8012000010011", "80120000100I", ""])
  func checkLetterRefused(rest: String) {
    #expect(UPN.checkLetter(forLastTwelve: rest) == nil)
  }

  @Test("a UPN of the wrong length is named with its length")
  func wrongLength() throws {
    let message = try #require(UPN.problem("H80120000100"))
    #expect(message == "A UPN has 13 characters; H80120000100 has 12.")
    #expect(UPN.problem("")?.contains("has 0") == true)
  }

  @Test(
    "a UPN's shape: a letter, eleven digits, a digit or letter",
    arguments: [
      "H8012000010O1", "H80120000100I", "H80120000100!", "H80120000100O", "H８01200001001",
    ])
  func wrongShape(upn: String) throws {
    let message = try #require(UPN.problem(upn))
    #expect(message.contains("a letter followed by 11 digits"))
  }

  @Test(
    "a typing mistake fails the check letter",
    arguments: ["H801200001002", "H801200010001", "A801200001001", "H810200001001"])
  func typingMistake(upn: String) throws {
    let message = try #require(UPN.problem(upn))
    #expect(message.contains("fails its check letter"))
    #expect(message.contains(upn))
  }
}
