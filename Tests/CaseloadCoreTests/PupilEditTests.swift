import Testing

@testable import CaseloadCore

@Suite("Pupil edits: details, SEN status, leaving and the chronology")
struct PupilEditTests {
  let today = Fixture.today

  // MARK: Creating

  @Test("a new pupil is created as given")
  func create() throws {
    let p = try PupilEdit.create(Fixture.oisin()).apply(to: nil, today: today)
    #expect(p.displayName == "Oisín O'Brien")
    #expect(p.censusCode == .N)
    #expect(p.status == nil)
    #expect(p.nextLocalID == 1)
  }

  @Test("creating refuses empty names")
  func createEmptyNames() throws {
    var noGiven = Fixture.oisin()
    noGiven.legalName = PersonName(given: "  ", family: "O'Brien")
    let given = try #require(refusal(.create(noGiven), to: nil, today: today))
    #expect(given.contains("legal first name cannot be empty"))

    var noFamily = Fixture.oisin()
    noFamily.legalName = PersonName(given: "Oisín", family: "")
    let family = try #require(refusal(.create(noFamily), to: nil, today: today))
    #expect(family.contains("surname cannot be empty"))
  }

  @Test("creating refuses a date of birth in the future, naming it")
  func createFutureBirth() throws {
    var p = Fixture.oisin()
    p.dateOfBirth = today.adding(days: 1)
    let message = try #require(refusal(.create(p), to: nil, today: today))
    #expect(message.contains("01/01/2026"))
    #expect(message.contains("in the future"))
  }

  @Test("creating refuses ages outside 2 to 25", arguments: ["2024-06-01", "1990-01-01"])
  func createAge(dob: String) throws {
    var p = Fixture.oisin()
    p.dateOfBirth = d(dob)
    let message = try #require(refusal(.create(p), to: nil, today: today))
    #expect(message.contains("ages 2 to 25"))
  }

  @Test("creating refuses a bad UPN and an existing pupil")
  func createOthers() throws {
    var p = Fixture.oisin()
    p.upn = "H801200001002"
    #expect(try #require(refusal(.create(p), to: nil, today: today)).contains("check letter"))
    #expect(
      try #require(refusal(.create(Fixture.oisin()), to: Fixture.oisin(), today: today)).contains(
        "already exists"))
    #expect(try #require(refusal(.setUPN(nil), to: nil, today: today)).contains("no such pupil"))
  }

  @Test("names are stored in NFC and a preferred name equal to the legal one is dropped")
  func names() throws {
    let legal = PersonName(given: "Zoe\u{0308}", family: "Adeyemi-Hart")
    #expect(legal.given == "Zo\u{00EB}")
    #expect(legal.given.unicodeScalars.count == 3)
    let same = try PupilEdit.setNames(legal: legal, preferred: legal).apply(
      to: Fixture.zoe(), today: today)
    #expect(same.preferredName == nil)
    let preferred = PersonName(given: "Zo", family: "Adeyemi-Hart")
    let p = try PupilEdit.setNames(legal: legal, preferred: preferred).apply(
      to: Fixture.zoe(), today: today)
    #expect(p.displayName == "Zo Adeyemi-Hart")
    #expect(p.nameWithLegal == "Zo Adeyemi-Hart (Zoë Adeyemi-Hart)")
    #expect(p.sortName == "Adeyemi-Hart, Zo")
  }

  @Test("family name first")
  func familyFirst() {
    let name = PersonName(given: "Xiuying", family: "Wang", familyFirst: true)
    #expect(name.full == "Wang Xiuying")
    #expect(name.sortable == "Wang, Xiuying")
  }

  @Test("UPNs are stored upper case and checked")
  func setUPN() throws {
    let p = try PupilEdit.setUPN(" h801200001001 ").apply(to: Fixture.oisin(), today: today)
    #expect(p.upn == "H801200001001")
    let cleared = try PupilEdit.setUPN("").apply(to: p, today: today)
    #expect(cleared.upn == nil)
    let message = try #require(refusal(.setUPN("H80120000100"), to: p, today: today))
    #expect(message.contains("13 characters"))
  }

  @Test("year group offsets are limited to two either way")
  func offsetLimits() throws {
    #expect(
      try PupilEdit.setYearGroupOffset(-1).apply(to: Fixture.oisin(), today: today).yearGroupOffset
        == -1)
    let message = try #require(refusal(.setYearGroupOffset(3), to: Fixture.oisin(), today: today))
    #expect(message.contains("at most two year groups"))
  }

  // MARK: SEN status

  @Test("monitoring, then SEN support, then an EHC plan: one open period at a time")
  func statusTransitions() throws {
    var p = try PupilEdit.startMonitoring(on: d("2024-06-03")).apply(
      to: Fixture.oisin(), today: today)
    #expect(p.status == .monitoring)
    #expect(p.censusCode == .N)
    #expect(p.needs.isEmpty)

    p = try PupilEdit.startSENSupport(
      on: d("2024-09-09"), needs: [.SPLD, .SLCN], parentsInformed: d("2024-09-10")
    )
    .apply(to: p, today: today)
    #expect(p.status == .senSupport)
    #expect(p.censusCode == .K)
    #expect(p.needs == [.SPLD, .SLCN])
    #expect(p.primaryNeed == .SPLD)
    #expect(p.senPeriods.count == 2)
    #expect(p.senPeriods[0].end == d("2024-09-09"))
    #expect(p.openPeriod?.parentsInformed == d("2024-09-10"))

    p = try PupilEdit.startEHCPlanStatus(on: d("2025-05-19"), needs: nil).apply(to: p, today: today)
    #expect(p.status == .ehcPlan)
    #expect(p.censusCode == .E)
    #expect(p.needs == [.SPLD, .SLCN])  // carried from SEN support
    #expect(p.senPeriods.map(\.status) == [.monitoring, .senSupport, .ehcPlan])
    #expect(p.senPeriods.filter(\.isOpen).count == 1)
    #expect(p.senPeriods[1].end == d("2025-05-19"))

    p = try PupilEdit.endSEN(on: d("2025-07-18")).apply(to: p, today: today)
    #expect(p.status == nil)
    #expect(p.censusCode == .N)
    #expect(p.senPeriods.allSatisfy { !$0.isOpen })
    #expect(p.senPeriods.last?.end == d("2025-07-18"))
  }

  @Test("repeating the current status is refused")
  func repeatedStatus() throws {
    let k = try Fixture.onSupport()
    #expect(
      try #require(
        refusal(
          .startSENSupport(on: today, needs: [.MLD], parentsInformed: nil), to: k, today: today)
      ).contains("already on SEN support"))
    let monitoring = try PupilEdit.startMonitoring(on: d("2024-06-03")).apply(
      to: Fixture.oisin(), today: today)
    #expect(
      try #require(refusal(.startMonitoring(on: today), to: monitoring, today: today)).contains(
        "already being monitored"))
    let message = try #require(refusal(.endSEN(on: today), to: Fixture.oisin(), today: today))
    #expect(message.contains("not on the SEN register"))
  }

  @Test("SEN support needs a valid type of need")
  func supportNeedsType() throws {
    let none = try #require(
      refusal(
        .startSENSupport(on: d("2024-09-09"), needs: [], parentsInformed: nil), to: Fixture.oisin(),
        today: today))
    #expect(none.contains("type of need is required"))
    let three = try #require(
      refusal(
        .startSENSupport(on: d("2024-09-09"), needs: [.SPLD, .MLD, .SEMH], parentsInformed: nil),
        to: Fixture.oisin(), today: today))
    #expect(three.contains("At most two"))
  }

  @Test("an EHC plan status from monitoring needs a type of need")
  func ehcStatusNeedsType() throws {
    let monitoring = try PupilEdit.startMonitoring(on: d("2024-06-03")).apply(
      to: Fixture.oisin(), today: today)
    let message = try #require(
      refusal(.startEHCPlanStatus(on: d("2025-01-06"), needs: nil), to: monitoring, today: today))
    #expect(message.contains("type of need is required"))
    let p = try PupilEdit.startEHCPlanStatus(on: d("2025-01-06"), needs: [.ASD]).apply(
      to: monitoring, today: today)
    #expect(p.needs == [.ASD])
  }

  @Test("a pupil with an EHC plan status cannot drop to monitoring or SEN support directly")
  func ehcStatusGuards() throws {
    let e = try PupilEdit.startEHCPlanStatus(on: d("2025-01-06"), needs: nil).apply(
      to: try Fixture.onSupport(), today: today)
    #expect(
      try #require(refusal(.startMonitoring(on: today), to: e, today: today)).contains(
        "cease the plan"))
    #expect(
      try #require(
        refusal(
          .startSENSupport(on: today, needs: [.SPLD], parentsInformed: nil), to: e, today: today)
      ).contains("cease the plan"))
    #expect(
      try #require(refusal(.startEHCPlanStatus(on: today, needs: nil), to: e, today: today))
        .contains("already has an EHC plan"))
  }

  @Test("status dates cannot be in the future or before the current period began")
  func statusDates() throws {
    let k = try Fixture.onSupport()
    let future = try #require(
      refusal(.startEHCPlanStatus(on: today.adding(days: 1), needs: nil), to: k, today: today))
    #expect(future.contains("cannot be in the future"))
    let before = try #require(refusal(.endSEN(on: d("2024-09-01")), to: k, today: today))
    #expect(before.contains("is before its start (09/09/2024)"))
  }

  @Test("setting needs follows the census rules for the open period")
  func setNeeds() throws {
    let k = try Fixture.onSupport()
    let changed = try PupilEdit.setNeeds([.NSA]).apply(to: k, today: today)
    #expect(changed.needs == [.NSA])
    #expect(
      try #require(refusal(.setNeeds([]), to: k, today: today)).contains("type of need is required")
    )

    let e = try PupilEdit.startEHCPlanStatus(on: d("2025-01-06"), needs: nil).apply(
      to: k, today: today)
    let nsa = try #require(refusal(.setNeeds([.NSA]), to: e, today: today))
    #expect(nsa.contains("NSA"))
    #expect(nsa.contains("not with an EHC plan"))
    #expect(
      try PupilEdit.setNeeds([.ASD, .SLCN]).apply(to: e, today: today).needs == [.ASD, .SLCN])

    let n = try #require(refusal(.setNeeds([.SPLD]), to: Fixture.oisin(), today: today))
    #expect(n.contains("census code N"))
  }

  @Test("parents informed is recorded only for SEN support and not in the future")
  func parentsInformed() throws {
    let k = try Fixture.onSupport()
    #expect(
      try PupilEdit.setParentsInformed(d("2024-09-20")).apply(to: k, today: today).openPeriod?
        .parentsInformed == d("2024-09-20"))
    #expect(
      try #require(refusal(.setParentsInformed(today.adding(days: 3)), to: k, today: today))
        .contains("cannot be in the future"))
    #expect(
      try #require(refusal(.setParentsInformed(today), to: Fixture.oisin(), today: today)).contains(
        "not on SEN support"))
  }

  // MARK: Leavers

  @Test("a leaver's record is read-only until the leaving date is cancelled")
  func leavers() throws {
    let k = try Fixture.onSupport()
    let left = try PupilEdit.recordLeaving(on: d("2025-07-18")).apply(to: k, today: today)
    #expect(left.hasLeft)
    #expect(left.left == d("2025-07-18"))

    let edits: [PupilEdit] = [
      .setUPN("H801200001001"), .setNeeds([.MLD]), .endSEN(on: today),
      .log(LogEntry(kind: .note, date: today, who: "SENCo", summary: "Records sent on")),
      .recordLeaving(on: today),
    ]
    for edit in edits {
      let message = try #require(refusal(edit, to: left, today: today))
      #expect(message.contains("left on 18/07/2025"))
      #expect(message.contains("read-only"))
    }

    let back = try PupilEdit.cancelLeaving.apply(to: left, today: today)
    #expect(!back.hasLeft)
    #expect(try PupilEdit.setNeeds([.MLD]).apply(to: back, today: today).needs == [.MLD])
    #expect(
      try #require(refusal(.cancelLeaving, to: back, today: today)).contains(
        "no leaving date to cancel"))
  }

  @Test("a leaving date cannot be before joining or in the future")
  func leavingDates() throws {
    let joined = try PupilEdit.setJoined(d("2023-09-06")).apply(to: Fixture.oisin(), today: today)
    #expect(
      try #require(refusal(.recordLeaving(on: d("2023-07-01")), to: joined, today: today)).contains(
        "before the date they joined"))
    #expect(
      try #require(refusal(.recordLeaving(on: d("2026-07-01")), to: joined, today: today)).contains(
        "cannot be in the future"))
  }

  // MARK: Contacts

  @Test("contacts get ids and are checked")
  func contacts() throws {
    let p = try PupilEdit.addContact(
      Contact(name: "Siobhán O'Brien", relationship: "mother", email: "s@example.org")
    )
    .apply(to: Fixture.oisin(), today: today)
    let contact = try #require(p.contacts.first)
    #expect(contact.id == 1)
    #expect(p.nextLocalID == 2)
    #expect(
      try #require(
        refusal(.addContact(Contact(name: "", relationship: "father")), to: p, today: today)
      ).contains("needs a name"))
    #expect(
      try #require(
        refusal(.addContact(Contact(name: "Pádraig", relationship: "")), to: p, today: today)
      ).contains("related to the pupil"))
    #expect(
      try #require(
        refusal(
          .addContact(Contact(name: "Pádraig", relationship: "father", email: "nope")), to: p,
          today: today)
      ).contains("not an email address"))
    #expect(try PupilEdit.removeContact(id: 1).apply(to: p, today: today).contacts.isEmpty)
    #expect(
      try #require(refusal(.removeContact(id: 9), to: p, today: today)).contains("no longer exists")
    )
  }

  // MARK: Chronology

  @Test("log entries are kept in date order with their own ids")
  func log() throws {
    let p = try applying(
      [
        .log(
          LogEntry(
            kind: .meeting, date: d("2025-03-10"), who: "Mrs O'Brien", withParents: true,
            summary: "Reading plan")),
        .log(
          LogEntry(
            kind: .concern, date: d("2025-01-20"), who: "Class teacher",
            summary: "Not finishing work", action: "Screen for dyslexia", followUp: d("2025-02-03"))
        ),
      ], to: Fixture.oisin(), today: today)
    #expect(p.chronology.map(\.date) == [d("2025-01-20"), d("2025-03-10")])
    #expect(p.chronology.map(\.id) == [2, 1])
    #expect(p.chronology[1].isParentMeeting)
    #expect(!p.chronology[0].isParentMeeting)
  }

  @Test("a follow-up before the entry's date is refused, naming both dates")
  func followUpBeforeDate() throws {
    let entry = LogEntry(
      kind: .concern, date: d("2025-03-10"), who: "Mr Okafor", summary: "Upset at lunch",
      followUp: d("2025-03-03"))
    let message = try #require(refusal(.log(entry), to: Fixture.oisin(), today: today))
    #expect(
      message.contains("follow-up date (03/03/2025) is before the concern itself (10/03/2025)"))
  }

  @Test("log entries need a summary and a date not in the future")
  func logChecks() throws {
    let blank = LogEntry(kind: .call, date: d("2025-03-10"), who: "Mrs O'Brien", summary: " \n ")
    #expect(
      try #require(refusal(.log(blank), to: Fixture.oisin(), today: today)).contains(
        "Say what the phone call was about"))
    let future = LogEntry(
      kind: .meeting, date: today.adding(days: 1), who: "Mrs O'Brien", summary: "Review")
    #expect(
      try #require(refusal(.log(future), to: Fixture.oisin(), today: today)).contains(
        "cannot be in the future"))
  }

  @Test("log entries can be updated and removed")
  func logUpdate() throws {
    var p = try PupilEdit.log(
      LogEntry(kind: .call, date: d("2025-03-10"), who: "Mrs O'Brien", summary: "Phoned")
    )
    .apply(to: Fixture.oisin(), today: today)
    var entry = try #require(p.chronology.first)
    entry.summary = "Phoned about homework"
    p = try PupilEdit.updateLog(entry).apply(to: p, today: today)
    #expect(p.chronology.first?.summary == "Phoned about homework")
    p = try PupilEdit.removeLog(id: entry.id).apply(to: p, today: today)
    #expect(p.chronology.isEmpty)
  }
}
