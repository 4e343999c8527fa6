import Testing

@testable import CaseloadExchange

@Suite struct ExchangeTests {
  @Test func theModuleLoads() {
    #expect(String(describing: Exchange.self) == "Exchange")
  }
}
