import Foundation

/// Every change a user can make to a pupil. The TUI, the CLI and import all go through these.
public enum PupilEdit: Hashable, Sendable {
  // Details
  case create(Pupil)
  case setNames(legal: PersonName, preferred: PersonName?)
  case setDateOfBirth(Day)
  case setYearGroupOffset(Int)
  case setUPN(String?)
  case setRegistrationGroup(String?)
  case setJoined(Day?)
  case recordLeaving(on: Day)
  case cancelLeaving
  case addContact(Contact)
  case updateContact(Contact)
  case removeContact(id: Int)

  // SEN status and needs
  case setNeeds([NeedType])
  /// A place in the SEN unit or resourced provision, or none; only with K or E.
  case setSpecialistProvision(SpecialistProvision?)
  case startMonitoring(on: Day)
  case startSENSupport(on: Day, needs: [NeedType], parentsInformed: Day?)
  case setParentsInformed(Day?)
  case startEHCPlanStatus(on: Day, needs: [NeedType]?)
  case endSEN(on: Day)
  /// A period that ended before Caseload was used (SEN support from 2019 to 2022): entered in any order, refused
  /// only where it overlaps a period already recorded.
  case recordEarlierPeriod(SENStatus, from: Day, until: Day, needs: [NeedType])

  // The graduated approach
  case startCycle(on: Day, carryForward: Bool)
  case enterStage(Stage, on: Day)
  case updateAssessment(Assessment)
  case setProfile(PupilProfile)
  case addOutcome(Outcome)
  case updateOutcome(Outcome)
  case removeOutcome(id: Int)
  case moveOutcome(id: Int, toIndex: Int)
  case addProvision(Provision)
  case updateProvision(Provision)
  case removeProvision(id: Int)
  case setStrategies([String])
  case setParticipants([Participant])
  case setPupilVoice(String)
  case setParentViews(String)
  case recordAgreement(Agreement?)
  case setReviewDate(Day?)
  case setTrainingNeeds(String)
  case addDeliveryNote(DeliveryNote)
  case recordReview(Review)

  // Chronology
  case log(LogEntry)
  case updateLog(LogEntry)
  case removeLog(id: Int)

  // The agenda: a follow-up, a review's action or a provision's end marked done on a day, or (nil) open again.
  case markDone(AgendaRef, on: Day?)
  /// An action agreed at a review, corrected afterwards: its words, who does it, by when, when it was done.
  case updateReviewAction(cycle: Int, index: Int, ReviewAction)

  // EHC
  case requestEHCAssessment(by: Requester, on: Day)
  case recordLADecision(LADecision, on: Day)
  case recordAdviceRequested(on: Day)
  case recordAdviceReturned(on: Day)
  case recordDraftPlan(on: Day)
  /// `needs`: for a pupil not yet on the register (N or monitoring), the needs the plan is for, so the move to
  /// an EHC plan (E) is one step.
  case recordFinalPlan(on: Day, needs: [NeedType]? = nil)
  /// A plan issued before Caseload, as the school holds it: from it every statutory date follows. Needs as for
  /// a final plan, when the pupil is not yet on E.
  case recordHeldEHCPlan(
    issued: Day, authority: String, lastReview: Day?, needs: [NeedType]? = nil)
  case recordNoPlanNotice(on: Day)
  case recordAppeal(on: Day)
  /// The mediation certificate after a refusal to assess (or the parents' decision not to mediate).
  case recordMediationCertificate(on: Day)
  /// The LA's notice of proposed amendments after the latest annual review: the amended plan is due 8 weeks on.
  case recordAmendmentNotice(on: Day)
  case withdrawEHCRequest(on: Day)
  case scheduleAnnualReview(meeting: Day)
  case updateAnnualReview(EHCAnnualReview)
  case ceaseEHCPlan(on: Day, then: SENStatus?)
}
