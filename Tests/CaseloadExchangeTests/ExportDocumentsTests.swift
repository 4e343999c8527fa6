import CaseloadCore
import Foundation
import Testing

@testable import CaseloadExchange

/// The plan for parents, the meeting record, the register and the provision map.
@Suite struct ExportDocumentsTests {
  let templates = Templates(environment: ["XDG_CONFIG_HOME": "/nonexistent-caseload-config"])

  @Test func thePlanForParentsHasTheOutcomesProvisionAndReviewDate() throws {
    let p = try amira()
    for format in [ExportFormat.md, .html] {
      let text = try Export.plan(
        p, settings: school, today: today, format: format, templates: templates)
      for needle in [
        "SEN support plan for Amira Shah", "Amira will use 10 new topic words.",
        "Amira will join a small-group game at playtime.", "Language for Thinking",
        "Mr Pattinson", "2 × 30 min a week for 12 weeks, one to one", "Wednesday 9 December 2026",
        "Ulthwaite Beck School", "Year 5, class 5S",
      ] {
        #expect(text.contains(needle), "\(format): missing \(needle)")
      }
      // Cycle 4's plan: the outcomes reviewed in earlier cycles are not in it.
      #expect(!text.contains("Amira will ask an adult"))
      #expect(!text.contains("Talk Boost"))
    }
    let md = try Export.plan(p, settings: school, today: today, format: .md, templates: templates)
    #expect(md.contains("1. Amira will use 10 new topic words. *(carried on from the last plan)*"))
    #expect(
      md.contains(
        "We will meet on **Wednesday 9 December 2026** to look at how Amira is getting on"))
    let html = try Export.plan(
      p, settings: school, today: today, format: .html, templates: templates)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for rule in ["@page { size: A4", "break-inside: avoid", "break-after: avoid", "@media print"] {
      #expect(html.contains(rule), "print CSS: missing \(rule)")
    }
  }

  @Test func aPupilWithoutAPlanIsToldSo() throws {
    let p = Pupil(
      id: AggregateID("pnew"), legalName: PersonName(given: "Sam", family: "Lee"),
      dateOfBirth: d("2018-01-01"))
    let md = try Export.plan(p, settings: school, today: today, format: .md, templates: templates)
    #expect(md.contains("Sam Lee does not have an SEN support plan yet."))
    #expect(!md.contains("## What we are working towards"))
  }

  /// A name typed with markup prints as typed: escaped for HTML in HTML and for Markdown in Markdown.
  @Test func namesAndNotesAreEscapedForTheFormat() throws {
    var b = PupilBuilder(pupil: try amira())
    try b.apply(
      .setNames(
        legal: PersonName(given: "Zoë", family: "<b>Smith</b> & Jones"), preferred: nil),
      .setPupilVoice("I *love* [maths] & <i>art</i>\n# not a heading\n- not a list"))
    let p = try #require(b.pupil)
    let html = try Export.plan(
      p, settings: school, today: today, format: .html, templates: templates)
    #expect(html.contains("Zoë &lt;b&gt;Smith&lt;/b&gt; &amp; Jones"))
    #expect(!html.contains("<b>Smith"))
    #expect(html.contains("I *love* [maths] &amp; &lt;i&gt;art&lt;/i&gt;"))
    #expect(!html.contains("<i>art"))
    let md = try Export.plan(p, settings: school, today: today, format: .md, templates: templates)
    #expect(md.contains("# SEN support plan for Zoë \\<b\\>Smith\\</b\\> & Jones"))
    #expect(
      md.contains(
        "I \\*love\\* \\[maths\\] & \\<i\\>art\\</i\\>  \n\\# not a heading  \n\\- not a list"))
    #expect(!md.contains("&amp;"), "Markdown is not HTML-escaped")
    #expect(!md.contains("&#39;"))
    let evidence = try Export.evidence(
      p, settings: school, today: today, format: .html, templates: templates)
    #expect(evidence.contains("Zoë &lt;b&gt;Smith&lt;/b&gt; &amp; Jones"))
    #expect(!evidence.contains("<b>Smith"))
  }

  @Test func markdownEscapingLeavesOrdinaryTextAlone() {
    #expect(
      Markdown.escape("Oisín O'Brien, Y3/4: 40% & rising") == "Oisín O'Brien, Y3/4: 40% & rising")
    #expect(Markdown.escape("a|b") == "a\\|b")
    #expect(Markdown.escape("1. first") == "1\\. first")
    #expect(Markdown.escape("AT&amp;T") == "AT\\&amp;T")
    #expect(Markdown.escape("one\n\ntwo") == "one\n\ntwo")
  }

  @Test func theMeetingRecordOfTheLastReview() throws {
    let p = try amira()
    let md = try Export.meeting(
      p, settings: school, today: today, format: .md, templates: templates)
    var at = md.startIndex
    for needle in [
      "# Review meeting for Amira Shah",
      "Record of the review of the SEN support plan (cycle 3), held on Wednesday 15 July 2026",
      "## Who was there", "- Mrs Greenhow (SENCo)", "- Mrs Shah (parent/carer)",
      "- Dr Okafor (educational psychologist) (outside professional)",
      "## Outcomes and progress", "1. Amira will use 10 new topic words.",
      "   - Rating: **not yet achieved**", "2. Amira will join a small-group game at playtime.",
      "   - Rating: **partly achieved**", "Overall progress: **less than expected**",
      "## Views", "**Amira:** I played tag once.",
      "**Parents and carers:** We agree to an EHC needs assessment request.",
      "## Decision", "The meeting decided to **request an EHC needs assessment**.",
      "## Actions", "- Send the EHC needs-assessment request — Mrs Greenhow, by 30/09/2026",
      "- Book a visit to the speech and language unit — Mrs Shah\n",
      "## Next review", "The next review is on **Wednesday 9 December 2026**.",
    ] {
      guard let r = md.range(of: needle, range: at..<md.endIndex) else {
        Issue.record("missing or out of order: \(needle.debugDescription)")
        continue
      }
      at = r.upperBound
    }
    let html = try Export.meeting(
      p, settings: school, today: today, format: .html, templates: templates)
    #expect(
      html.contains(
        "<td>Send the EHC needs-assessment request</td><td>Mrs Greenhow</td><td>30/09/2026</td>"))
  }

  @Test func noMeetingRecordBeforeAReview() throws {
    let p = Pupil(
      id: AggregateID("pnew"), legalName: PersonName(given: "Sam", family: "Lee"),
      dateOfBirth: d("2018-01-01"))
    #expect(throws: ExportProblem.self) {
      try Export.meeting(p, settings: school, today: today, format: .md, templates: templates)
    }
  }

  @Test func theRegisterHasTheCensusCodesAndNeedsAndQuotesCommas() throws {
    var b = PupilBuilder()
    try b.apply(
      .create(
        Pupil(
          id: AggregateID("pcomma"), legalName: PersonName(given: "Ann, Marie", family: "O'Neil"),
          dateOfBirth: d("2020-02-29"), upn: "E943460223112")),
      .startMonitoring(on: d("2026-10-01")))
    var leaver = PupilBuilder()
    try leaver.apply(
      .create(
        Pupil(
          id: AggregateID("pleft"), legalName: PersonName(given: "Left", family: "Already"),
          dateOfBirth: d("2015-01-01"))),
      .recordLeaving(on: d("2026-07-20")))
    var formula = PupilBuilder()
    try formula.apply(
      .create(
        Pupil(
          id: AggregateID("pformula"), legalName: PersonName(given: "=SUM(A1)", family: "Zed"),
          dateOfBirth: d("2016-01-01"))),
      .startEHCPlanStatus(on: d("2025-01-01"), needs: [.ASD]),
      .setSpecialistProvision(.resourcedProvision))
    let pupils = [
      try amira(), try #require(b.pupil), try #require(leaver.pupil), try #require(formula.pupil),
    ]
    let data = try Export.register(pupils, today: today)
    #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(
      text == """
        UPN,Surname,Forename,Date of birth,Year,SEN provision,Need 1,Need 2,SEN unit indicator,Resourced provision indicator\r
        E943460223112,O'Neil,"Ann, Marie",2020-02-29,2,N,,,false,false\r
        A123456789012,Shah,Amira,2017-05-01,5,K,SLCN,SEMH,false,false\r
        ,Zed,'=SUM(A1),2016-01-01,6,E,ASD,,false,true\r

        """)
  }

  @Test func theProvisionMapGroupsPupilsByInterventionWithCosts() throws {
    var other = PupilBuilder()
    try other.apply(
      .create(
        Pupil(
          id: AggregateID("pben"), legalName: PersonName(given: "Ben", family: "Adams"),
          dateOfBirth: d("2017-02-02"))),
      .startSENSupport(on: d("2026-09-01"), needs: [.SLCN], parentsInformed: nil),
      .startCycle(on: d("2026-09-07"), carryForward: false),
      .addProvision(languageForThinking()), .addProvision(talkBoost()))
    let pupils = [try amira(), try #require(other.pupil)]
    let csv = String(
      decoding: try Export.provisionMap(
        pupils, settings: school, today: today, format: .csv, templates: templates
      ).dropFirst(3), as: UTF8.self)
    let rows = csv.components(separatedBy: "\r\n")
    #expect(
      rows[0]
        == "Intervention,Pupil,Date of birth,Year,UPN,Delivered by,Staff role,Sessions a week,Minutes a session,Weeks,Group size,Hourly rate (£),Price (£),Priced,Cost per pupil (£)"
    )
    #expect(
      Array(rows[1...3]) == [
        "Language for Thinking,Ben Adams,2017-02-02,Y5,,Mr Pattinson,HLTA,2,30,12,1,19.50,,,234.00",
        "Language for Thinking,Amira Shah,2017-05-01,Y5,A123456789012,Mr Pattinson,HLTA,2,30,12,1,19.50,,,234.00",
        "Talk Boost,Ben Adams,2017-02-02,Y5,,Mrs Dawson,Teaching assistant,3,30,10,4,16.50,,,61.88",
      ])
    #expect(rows.count == 5 && rows[4].isEmpty)
    let md = String(
      decoding: try Export.provisionMap(
        pupils, settings: school, today: today, format: .md, templates: templates), as: UTF8.self)
    #expect(md.contains("2 interventions for 2 pupils; total £529.88."))
    var at = md.startIndex
    for needle in [
      "## Language for Thinking", "| Ben Adams | 02/02/2017 | Y5 |",
      "| Amira Shah | 01/05/2017 | Y5 |",
      "| **2 pupils** | | | | | | | **£468.00** |", "## Talk Boost", "| Ben Adams |",
      "| **1 pupil** | | | | | | | **£61.88** |",
    ] {
      guard let r = md.range(of: needle, range: at..<md.endIndex) else {
        Issue.record("missing or out of order: \(needle.debugDescription)")
        continue
      }
      at = r.upperBound
    }
  }

  @Test func fileNamesArePlainLettersOfTheName() throws {
    let p = Pupil(
      id: AggregateID("pobrien"), legalName: PersonName(given: "Oisín", family: "O'Brien"),
      dateOfBirth: d("2017-01-01"))
    #expect(
      Export.fileName(for: p, "plan", today: today, format: .html)
        == "oisin-obrien-plan-2026-11-29.html")
    let wang = Pupil(
      id: AggregateID("pwang"), legalName: PersonName(given: "秀英", family: "王", familyFirst: true),
      dateOfBirth: d("2017-01-01"))
    #expect(
      Export.fileName(for: wang, "evidence", today: today, format: .md)
        == "王秀英-evidence-2026-11-29.md")
  }
}
