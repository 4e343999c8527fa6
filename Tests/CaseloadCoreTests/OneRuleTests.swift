import Testing

@testable import CaseloadCore

/// Rules the forms check as they are typed are the rules the edits enforce: one home each.
@Suite struct OneRuleTests {
  @Test(arguments: ["jo@school", "jo school@x.org", "@x.org", "jo@.org", "jo@x.org."])
  func anAddressTheFormRefusesTheEditRefusesToo(_ address: String) throws {
    #expect(EmailAddress.problem(address) != nil)
    let contact = Contact(name: "Jo Airey", relationship: "mother", email: address)
    #expect(refusal(.addContact(contact), to: Fixture.oisin(), today: Fixture.today) != nil)
    #expect(throws: EditError.self) {
      try SettingsEdit.setSchool(
        name: "Fell View", localAuthority: "Cumberland", sendEmail: address
      )
      .apply(to: .defaults(today: Fixture.today))
    }
  }

  @Test func aGoodAddressPassesEverywhere() throws {
    #expect(EmailAddress.problem("send@cumberland.gov.uk") == nil)
    let contact = Contact(name: "Jo Airey", relationship: "mother", email: "jo@example.org")
    #expect(refusal(.addContact(contact), to: Fixture.oisin(), today: Fixture.today) == nil)
  }

  @Test func theRetentionAndMeetingBoundsAreTheEditsAndTheBackupChecks() throws {
    let settings = SchoolSettings.defaults(today: Fixture.today)
    for n in [0, 101] {
      #expect(throws: EditError.self) { try SettingsEdit.setRetentionYears(n).apply(to: settings) }
      var stored = settings
      stored.retentionYears = n
      #expect(!RecordCheck.problems(in: stored).isEmpty)
    }
    #expect(try SettingsEdit.setRetentionYears(100).apply(to: settings).retentionYears == 100)
    var meetings = settings
    meetings.parentMeetingsPerYear = 21
    #expect(!RecordCheck.problems(in: meetings).isEmpty, "a backup cannot hold what no edit makes")
  }
}
