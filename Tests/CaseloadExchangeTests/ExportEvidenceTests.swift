import CaseloadCore
import Foundation
import Testing

@testable import CaseloadExchange

/// The evidence pack for an EHC needs-assessment request, on a pupil with three reviewed cycles and a fourth begun.
@Suite struct ExportEvidenceTests {
  /// No school override may change what these tests see.
  let templates = Templates(environment: ["XDG_CONFIG_HOME": "/nonexistent-caseload-config"])

  func evidence(_ format: ExportFormat) throws -> String {
    try Export.evidence(
      try amira(), settings: school, today: today, format: format, templates: templates)
  }

  /// Where `needle` is in `text`, failing the test when it is missing.
  func position(_ needle: String, in text: String, after start: String.Index? = nil) -> String
    .Index?
  {
    let range = text.range(of: needle, range: (start ?? text.startIndex)..<text.endIndex)
    #expect(range != nil, "missing \(needle.debugDescription)")
    return range?.lowerBound
  }

  /// Each needle appears after the one before it.
  func expectInOrder(_ needles: [String], in text: String) {
    var at = text.startIndex
    for needle in needles {
      guard let found = position(needle, in: text, after: at) else { return }
      at = found
    }
  }

  @Test func theSectionsComeInOrderAddressedToTheLocalAuthority() throws {
    let md = try evidence(.md)
    expectInOrder(
      [
        "# Graduated response evidence: Amira Shah",
        "Send to: SEND@westmorlandandfurness.gov.uk (Westmorland and Furness)",
        "## 1. The pupil", "## 2. Summary", "## 3. The assess, plan, do, review cycles",
        "## 4. Provision and its cost", "## 5. The pupil's and parents' views over time",
        "## 6. Concerns", "## 7. Contacts with parents and others", "## 8. Outside professionals",
        "## 9. Earlier requests for an EHC needs assessment",
      ], in: md)
    let html = try evidence(.html)
    expectInOrder(
      [
        "<h1>Graduated response evidence: Amira Shah</h1>",
        "Send to: <a href=\"mailto:SEND@westmorlandandfurness.gov.uk\">SEND@westmorlandandfurness.gov.uk</a>",
        "<h2>1. The pupil</h2>", "<h2>2. Summary</h2>",
        "<h2>3. The assess, plan, do, review cycles</h2>", "<h2>4. Provision and its cost</h2>",
        "<h2>5. The pupil's and parents' views over time</h2>", "<h2>6. Concerns</h2>",
        "<h2>7. Contacts with parents and others</h2>", "<h2>8. Outside professionals</h2>",
      ], in: html)
    #expect(html.contains("@page { size: A4"))
  }

  @Test func withoutAnAddressTheSendToLineSaysWhereToPutOne() throws {
    var settings = school
    settings.localAuthoritySENDEmail = ""
    let md = try Export.evidence(
      try amira(), settings: settings, today: today, format: .md, templates: templates)
    #expect(
      md.contains(
        "Send to: (no address: put the local authority's SEND team email in the school settings)"))
  }

  @Test func everyCycleWithItsDatesOutcomesProgressAndReview() throws {
    let md = try evidence(.md)
    expectInOrder(
      [
        "### Cycle 1: begun 08/09/2025, reviewed 10/12/2025",
        "Assess from 08/09/2025 · plan from 10/09/2025 · do from 15/09/2025 · review from 10/12/2025",
        "- Advice from outside professionals: SaLT: receptive language delay.",
        "Agreed by Mrs Shah on 15/09/2025. Review planned for 10/12/2025.",
        "1. Amira will follow two-step instructions.", "   - At review: **achieved**",
        "2. Amira will use 10 new topic words.", "   - Target date: 10/12/2025",
        "   - At review: **partly achieved** — 6 of 10",
        "- Talk Boost, by Mrs Dawson: 3 × 30 min a week for 10 weeks, in a group of 4; Teaching assistant, £16.50 an hour: **£61.88** per pupil",
        "Plan total: £61.88.",
        "Reviewed on 10/12/2025: progress **less than expected**; decision: **step support up**.",
        "- Ms Reed (speech and language therapist) (outside professional)",
        "- Refer to the SaLT service — SENCo, by 09/01/2026",
        "### Cycle 2: begun 05/01/2026, reviewed 25/03/2026",
        "Plan total: £295.88.",
        "Reviewed on 25/03/2026: progress **less than expected**",
        "### Cycle 3: begun 20/04/2026, reviewed 15/07/2026",
        "Reviewed on 15/07/2026: progress **less than expected**; decision: **request an EHC needs assessment**.",
        "### Cycle 4: begun 07/09/2026\n",
        "Not reviewed yet: the review is planned for 09/12/2026.",
      ], in: md)
    #expect(md.contains("Reviews judging progress less than expected: 3."))
    #expect(md.contains("the first begun 08/09/2025; 3 reviewed."))
  }

  @Test func howEachPlanChangedAfterItsReview() throws {
    let md = try evidence(.md)
    expectInOrder(
      [
        "#### How the plan changed after this review (cycle 2)",
        "- Carried forward: Amira will use 10 new topic words. (rated partly achieved)",
        "- New outcome: Amira will ask an adult for help when stuck.",
        "- Not carried forward: Amira will follow two-step instructions. (rated achieved)",
        "- Intervention begun: Language for Thinking",
        "- Intervention continued: Talk Boost",
        "- Cost of the provision: £61.88 → £295.88 (stepped up)",
        "#### How the plan changed after this review (cycle 3)",
        "- Carried forward: Amira will use 10 new topic words. (rated not yet achieved)",
        "- New outcome: Amira will join a small-group game at playtime.",
        "- Not carried forward: Amira will ask an adult for help when stuck. (rated achieved)",
        "- Intervention continued: Language for Thinking",
        "- Intervention stopped: Talk Boost",
        "- Cost of the provision: £295.88 → £234.00 (stepped down)",
        "#### How the plan changed after this review (cycle 4)",
        "- Carried forward: Amira will join a small-group game at playtime. (rated partly achieved)",
        "- Cost of the provision: £234.00 → £234.00 (the same)",
      ], in: md)
    // The cycle not yet reviewed has nothing after it.
    #expect(md.components(separatedBy: "#### How the plan changed").count == 4)
  }

  @Test func theProvisionAndItsCostByCycleAndSchoolYear() throws {
    let md = try evidence(.md)
    expectInOrder(
      [
        "| 1 | 08/09/2025 | 10/12/2025 | 1 | £61.88 |",
        "| 2 | 05/01/2026 | 25/03/2026 | 2 | £295.88 |",
        "| 3 | 20/04/2026 | 15/07/2026 | 1 | £234.00 |",
        "| 4 | 07/09/2026 |  | 1 | £234.00 |",
        "| All cycles | | | | £825.76 |",
        "| 2025/26 | £591.76 | £6,000.00 | £5,408.24 left |",
        "| 2026/27 | £234.00 | £6,000.00 | £5,766.00 left |",
      ], in: md)
  }

  @Test func theViewsOverTimeConcernsContactsAndProfessionals() throws {
    let md = try evidence(.md)
    expectInOrder(
      [
        "## 5. The pupil's and parents' views over time",
        "**08/09/2025, assessment, cycle 1**",
        "- Amira: I don't know what to do when everyone starts.",
        "- Parents: She is anxious at home.",
        "**15/09/2025, plan, cycle 1**", "- Amira: I like the talking group.",
        "**10/12/2025, review of cycle 1**", "- Parents: Still worried about reading.",
        "**12/01/2026, plan, cycle 2**", "**25/03/2026, review of cycle 2**",
        "**27/04/2026, plan, cycle 3**", "- Amira: I want a friend to play with.",
        "**15/07/2026, review of cycle 3**",
        "- Parents: We agree to an EHC needs assessment request.",
        "## 6. Concerns",
        "- **20/06/2025**, raised by Mr Hart (class teacher): Amira struggles to follow instructions in class. Action: Observe; talk to mum. Follow up by 04/07/2025.",
        "- **02/02/2026**, raised by Mrs Shah: Mum reports Amira cries before school.",
        "## 7. Contacts with parents and others",
        "- **10/12/2025**, meeting with parents (Mrs Shah): Review meeting for cycle 1.",
        "- **02/05/2026**, phone call (Dr Okafor): EP consultation booked.",
        "## 8. Outside professionals",
        "- Ms Reed (speech and language therapist): took part in plan, cycle 1; review of cycle 1 (10/12/2025)",
        "- Dr Okafor (educational psychologist): took part in review of cycle 2 (25/03/2026); plan, cycle 3; review of cycle 3 (15/07/2026); plan, cycle 4",
        "- Advice at the assessment for cycle 1 (08/09/2025): SaLT: receptive language delay.",
        "- Contact: Ms Reed (speech and language therapist)",
      ], in: md)
    // The concerns are not among the contacts, nor the contacts among the concerns.
    let contacts = md.components(separatedBy: "## 7.")[1].components(separatedBy: "## 8.")[0]
    #expect(!contacts.contains("cries before school"))
  }

  @Test func aPupilWithNoCyclesStillGetsEverySection() throws {
    let p = Pupil(
      id: AggregateID("pnew"), legalName: PersonName(given: "Sam", family: "Lee"),
      dateOfBirth: d("2018-01-01"))
    let md = try Export.evidence(
      p, settings: school, today: today, format: .md, templates: templates)
    #expect(md.contains("No cycle of SEN support has been recorded."))
    #expect(md.contains("No concerns logged."))
    #expect(md.contains("## 9. Earlier requests for an EHC needs assessment\n\nNone."))
  }
}
