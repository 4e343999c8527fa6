import CaseloadCore
import CaseloadStore
@_exported import CaseloadTestSupport
import Foundation
import Testing

@testable import CaseloadExchange

func d(_ iso: String) -> Day { Day(iso: iso)! }

let today = d("2026-11-29")
let alice = ChangeActor(user: "alice", host: "office", via: "/dev/pts/1")
let bob = ChangeActor(user: "bob", host: "laptop", via: "ssh from 10.0.0.9")

/// A clock that moves a second each time it is read, so history times differ.
func steppingClock() -> @Sendable () -> Date {
  final class Counter: @unchecked Sendable { var t = 1_795_000_000.0 }
  let c = Counter()
  return {
    c.t += 1
    return Date(timeIntervalSince1970: c.t)
  }
}

let school = SchoolSettings(
  schoolName: "Ulthwaite Beck School", localAuthority: "Westmorland and Furness",
  localAuthoritySENDEmail: "SEND@westmorlandandfurness.gov.uk")

/// Applies edits in order to a pupil.
struct PupilBuilder {
  var pupil: Pupil?

  mutating func apply(_ edits: PupilEdit...) throws {
    for edit in edits { pupil = try edit.apply(to: pupil, today: today) }
  }

  /// The id of the outcome of the open cycle whose text starts with `prefix`.
  func outcome(_ prefix: String) throws -> Int {
    try #require(pupil?.currentCycle?.plan.outcomes.first { $0.text.hasPrefix(prefix) }).id
  }

  func provision(_ prefix: String) throws -> Int {
    try #require(pupil?.currentCycle?.plan.provision.first { $0.intervention.hasPrefix(prefix) }).id
  }
}

let senco = Participant(role: .senco, name: "Mrs Greenhow")
let mother = Participant(role: .parentCarer, name: "Mrs Shah")
let therapist = Participant(
  role: .outsideProfessional, name: "Ms Reed (speech and language therapist)")
let psychologist = Participant(
  role: .outsideProfessional, name: "Dr Okafor (educational psychologist)")

func talkBoost() -> Provision {
  Provision(
    intervention: "Talk Boost", deliveredBy: "Mrs Dawson", sessionsPerWeek: 3,
    minutesPerSession: 30, groupSize: 4, weeks: 10, staffRole: "Teaching assistant",
    hourlyRate: Money(pence: 1_650))
}

func languageForThinking() -> Provision {
  Provision(
    intervention: "Language for Thinking", deliveredBy: "Mr Pattinson", sessionsPerWeek: 2,
    minutesPerSession: 30, groupSize: 1, weeks: 12, staffRole: "HLTA",
    hourlyRate: Money(pence: 1_950))
}

/// Amira Shah: SEN support from September 2025, three reviewed cycles with less than expected progress, a
/// fourth begun; concerns and contacts; a speech and language therapist and an educational psychologist.
func amira() throws -> Pupil {
  var b = PupilBuilder()
  try b.apply(
    .create(
      Pupil(
        id: AggregateID("pamira"), legalName: PersonName(given: "Amira", family: "Shah"),
        dateOfBirth: d("2017-05-01"), upn: "A123456789012", registrationGroup: "5S")),
    .addContact(Contact(name: "Nadia Shah", relationship: "mother", phone: "07700 900555")),
    .addContact(
      Contact(
        name: "Ms Reed", relationship: "speech and language therapist",
        parentalResponsibility: false)),
    .log(
      LogEntry(
        kind: .concern, date: d("2025-06-20"), who: "Mr Hart (class teacher)",
        summary: "Amira struggles to follow instructions in class.",
        action: "Observe; talk to mum.",
        followUp: d("2025-07-04"))),
    .startSENSupport(on: d("2025-09-08"), needs: [.SLCN, .SEMH], parentsInformed: d("2025-09-10")),
    // Cycle 1
    .startCycle(on: d("2025-09-08"), carryForward: false),
    .updateAssessment(
      Assessment(
        teacherAssessment: "Follows one-step instructions only.",
        parentConcerns: "She is anxious at home.",
        pupilViews: "I don't know what to do when everyone starts.",
        outsideAdvice: "SaLT: receptive language delay.")),
    .addOutcome(
      Outcome(area: .communicationAndInteraction, text: "Amira will follow two-step instructions.")),
    .addOutcome(
      Outcome(
        area: .communicationAndInteraction, text: "Amira will use 10 new topic words.",
        successCriteria: "10 words used in a week", targetDate: d("2025-12-10"))),
    .addProvision(talkBoost()),
    .setParticipants([senco, mother, therapist]),
    .setPupilVoice("I like the talking group."),
    .setParentViews("We want her to feel less worried."),
    .recordAgreement(Agreement(agreedBy: "Mrs Shah", on: d("2025-09-15"))),
    .setReviewDate(d("2025-12-10")),
    .enterStage(.plan, on: d("2025-09-10")),
    .enterStage(.do, on: d("2025-09-15")),
    .enterStage(.review, on: d("2025-12-10")))
  try b.apply(
    .recordReview(
      Review(
        date: d("2025-12-10"),
        ratings: [
          OutcomeRating(outcomeID: try b.outcome("Amira will follow"), rating: .achieved),
          OutcomeRating(
            outcomeID: try b.outcome("Amira will use 10"), rating: .partlyAchieved, note: "6 of 10"),
        ], progress: .lessThanExpected, pupilViews: "The group is fun.",
        parentViews: "Still worried about reading.", decision: .stepUp,
        participants: [senco, mother, therapist],
        actions: [
          ReviewAction(text: "Refer to the SaLT service", owner: "SENCo", due: d("2026-01-09"))
        ])),
    .log(
      LogEntry(
        kind: .meeting, date: d("2025-12-10"), who: "Mrs Shah", withParents: true,
        summary: "Review meeting for cycle 1.")),
    // Cycle 2
    .startCycle(on: d("2026-01-05"), carryForward: true),
    .addOutcome(Outcome(area: .semh, text: "Amira will ask an adult for help when stuck.")),
    .addProvision(languageForThinking()),
    .setParticipants([senco, mother]),
    .setPupilVoice("Mr Pattinson helps me."),
    .setParentViews("She talks about school more."),
    .recordAgreement(Agreement(agreedBy: "Mrs Shah", on: d("2026-01-12"))),
    .setReviewDate(d("2026-03-25")),
    .enterStage(.plan, on: d("2026-01-07")),
    .enterStage(.do, on: d("2026-01-12")),
    .enterStage(.review, on: d("2026-03-25")))
  try b.apply(
    .recordReview(
      Review(
        date: d("2026-03-25"),
        ratings: [
          OutcomeRating(outcomeID: try b.outcome("Amira will use 10"), rating: .notAchieved),
          OutcomeRating(outcomeID: try b.outcome("Amira will ask"), rating: .achieved),
        ], progress: .lessThanExpected, pupilViews: "Words are still hard.",
        parentViews: "We think she needs more help.", decision: .stepUp,
        participants: [senco, mother, psychologist])),
    .log(
      LogEntry(
        kind: .concern, date: d("2026-02-02"), who: "Mrs Shah", withParents: true,
        summary: "Mum reports Amira cries before school.")),
    // Cycle 3
    .startCycle(on: d("2026-04-20"), carryForward: true))
  try b.apply(
    .removeProvision(id: try b.provision("Talk Boost")),
    .addOutcome(Outcome(area: .semh, text: "Amira will join a small-group game at playtime.")),
    .setParticipants([senco, mother, psychologist]),
    .setPupilVoice("I want a friend to play with."),
    .recordAgreement(Agreement(agreedBy: "Mrs Shah", on: d("2026-04-27"))),
    .setReviewDate(d("2026-07-15")),
    .enterStage(.plan, on: d("2026-04-22")),
    .enterStage(.do, on: d("2026-04-27")),
    .enterStage(.review, on: d("2026-07-15")))
  try b.apply(
    .recordReview(
      Review(
        date: d("2026-07-15"),
        ratings: [
          OutcomeRating(outcomeID: try b.outcome("Amira will use 10"), rating: .notAchieved),
          OutcomeRating(outcomeID: try b.outcome("Amira will join"), rating: .partlyAchieved),
        ], progress: .lessThanExpected, pupilViews: "I played tag once.",
        parentViews: "We agree to an EHC needs assessment request.",
        decision: .requestEHCAssessment, participants: [senco, mother, psychologist],
        actions: [
          ReviewAction(
            text: "Send the EHC needs-assessment request", owner: "Mrs Greenhow",
            due: d("2026-09-30")),
          ReviewAction(text: "Book a visit to the speech and language unit", owner: "Mrs Shah"),
        ])),
    .log(
      LogEntry(
        kind: .call, date: d("2026-05-02"), who: "Dr Okafor", summary: "EP consultation booked.")),
    // Cycle 4, begun after the third review
    .startCycle(on: d("2026-09-07"), carryForward: true),
    .setReviewDate(d("2026-12-09")))
  return try #require(b.pupil)
}
