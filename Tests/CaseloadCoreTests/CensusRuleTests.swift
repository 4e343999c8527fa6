import Testing

@testable import CaseloadCore

@Suite("Census rules for types of need")
struct CensusRuleTests {
  @Test(
    "valid combinations",
    arguments: [
      (CensusCode.N, [NeedType]()),
      (.K, [.SPLD]),
      (.K, [.NSA]),
      (.K, [.SEMH, .SLCN]),
      (.E, [.ASD]),
      (.E, [.DS, .HI]),
      (.E, [.PMLD, .VI]),
    ])
  func valid(code: CensusCode, needs: [NeedType]) {
    #expect(censusRuleBroken(code: code, needs: needs) == nil)
  }

  @Test("a type of need is required for K and E", arguments: [CensusCode.K, .E])
  func required(code: CensusCode) throws {
    let message = try #require(censusRuleBroken(code: code, needs: []))
    #expect(message.contains("type of need is required"))
    #expect(message.contains("census code \(code.rawValue)"))
  }

  @Test("at most two types of need", arguments: [CensusCode.N, .K, .E])
  func atMostTwo(code: CensusCode) throws {
    let message = try #require(censusRuleBroken(code: code, needs: [.SPLD, .SLCN, .SEMH]))
    #expect(message.contains("At most two types of need"))
  }

  @Test("NSA only with K")
  func nsaOnlyWithK() throws {
    #expect(censusRuleBroken(code: .K, needs: [.NSA]) == nil)
    let withE = try #require(censusRuleBroken(code: .E, needs: [.NSA]))
    #expect(withE.contains("NSA"))
    #expect(withE.contains("only be used with SEN support (K)"))
    #expect(withE.contains("EHC plan"))
    let secondaryWithE = try #require(censusRuleBroken(code: .E, needs: [.ASD, .NSA]))
    #expect(secondaryWithE.contains("NSA"))
    #expect(censusRuleBroken(code: .N, needs: [.NSA]) != nil)
  }

  @Test(
    "NSA cannot be recorded beside another type",
    arguments: [[NeedType.NSA, .SPLD], [.MLD, .NSA]])
  func nsaAlone(needs: [NeedType]) throws {
    let message = try #require(censusRuleBroken(code: .K, needs: needs))
    #expect(message.contains("NSA"))
    #expect(message.contains("beside another type"))
  }

  @Test("no type of need with N", arguments: [[NeedType.SPLD], [.NSA], [.ASD, .HI]])
  func noTypeWithN(needs: [NeedType]) throws {
    let message = try #require(censusRuleBroken(code: .N, needs: needs))
    #expect(message.contains("census code N"))
    #expect(message.contains("cannot have a type of need"))
  }

  @Test("primary and secondary cannot be the same", arguments: [CensusCode.K, .E])
  func duplicates(code: CensusCode) throws {
    let message = try #require(censusRuleBroken(code: code, needs: [.ASD, .ASD]))
    #expect(message.contains("cannot be the same"))
    #expect(message.contains("ASD"))
  }

  @Test(
    "reading codes, mapping the retired ones",
    arguments: [
      ("N", CensusCode.N, false), ("k", .K, false), (" E ", .E, false), ("S", .E, true),
      ("A", .K, true),
      ("p", .K, true),
    ])
  func reading(text: String, code: CensusCode, retired: Bool) throws {
    let read = try #require(CensusCode.reading(text))
    #expect(read.code == code)
    #expect(read.retired == retired)
  }

  @Test("unknown codes are not read", arguments: ["", "X", "KE", "SEN"])
  func readingRefuses(text: String) {
    #expect(CensusCode.reading(text) == nil)
  }

  @Test("need type codes are case-insensitive")
  func needCodes() {
    #expect(NeedType(code: "SpLD") == .SPLD)
    #expect(NeedType(code: " semh ") == .SEMH)
    #expect(NeedType(code: "dyslexia") == nil)
    #expect(NeedType.allCases.count == 14)
  }

  @Test(
    "broad areas of need",
    arguments: [
      (NeedType.SPLD, NeedArea.cognitionAndLearning), (.MLD, .cognitionAndLearning),
      (.DS, .cognitionAndLearning),
      (.SEMH, .semh), (.SLCN, .communicationAndInteraction), (.ASD, .communicationAndInteraction),
      (.HI, .sensoryPhysical), (.MSI, .sensoryPhysical), (.PD, .sensoryPhysical), (.OTH, .other),
    ])
  func areas(need: NeedType, area: NeedArea) {
    #expect(need.area == area)
  }

  @Test("SEN statuses report their census codes")
  func statusCodes() {
    #expect(SENStatus.monitoring.censusCode == .N)
    #expect(SENStatus.senSupport.censusCode == .K)
    #expect(SENStatus.ehcPlan.censusCode == .E)
    #expect(CensusCode.N < .K && CensusCode.K < .E)
  }
}
