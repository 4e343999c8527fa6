import CaseloadCore
import Foundation

// The view models the templates draw from: plain structs of text, built from the domain here so that a template
// only lays things out. A value that is empty is nil (an empty list stays a list), so `{{#field}}…{{/field}}`
// shows a part only when there is something to show and `{{^field}}…{{/field}}` says what is missing. Names of
// optional fields are not reused at another level, because Mustache looks a missing name up in the enclosing
// sections.

/// The school, from the settings.
struct SchoolFacts {
  let schoolName: String?
  let localAuthority: String?
  let sendEmail: String?

  init(_ s: SchoolSettings) {
    schoolName = s.schoolName.nonEmpty
    localAuthority = s.localAuthority.nonEmpty
    sendEmail = s.localAuthoritySENDEmail.nonEmpty
  }
}

/// Who the pupil is and where they stand.
struct PupilFacts {
  let name: String
  /// The legal name, where the pupil is known by another.
  let legalName: String?
  let givenName: String
  let dateOfBirth: String
  let age: Int
  let yearGroup: String
  let upn: String?
  let registrationGroup: String?
  /// "SEN support", "EHC plan", "monitoring", "no SEN"
  let status: String
  let censusCode: String
  /// The day the current status began.
  let statusSince: String?
  let parentsInformed: String?
  let needs: [NeedFact]
  let left: String?

  init(_ p: Pupil, today: Day) {
    name = p.displayName
    legalName = p.legalName.full == p.displayName ? nil : p.legalName.full
    givenName = (p.preferredName ?? p.legalName).given.nonEmpty ?? p.displayName
    dateOfBirth = p.dateOfBirth.british
    age = p.age(on: today)
    yearGroup = p.yearGroup(on: today).title
    upn = p.upn
    registrationGroup = p.registrationGroup
    status = p.status?.title ?? "no SEN"
    censusCode = p.censusCode.rawValue
    statusSince = p.openPeriod?.start.british
    parentsInformed = p.openPeriod?.parentsInformed?.british
    needs = p.needs.enumerated().map {
      NeedFact(
        rank: $0.offset + 1, ranking: $0.offset == 0 ? "Primary" : "Secondary",
        rankingTitle: $0.offset == 0 ? "Main need" : "Second need",
        code: $0.element.rawValue, meaning: $0.element.meaning, area: $0.element.area.title)
    }
    left = p.left?.british
  }
}

struct NeedFact {
  let rank: Int
  /// "Primary", "Secondary"
  let ranking: String
  /// "Main need", "Second need": for parents.
  let rankingTitle: String
  let code: String
  let meaning: String
  let area: String
}

struct ProfileFacts {
  let strengths: String?
  let pupilNeeds: String?
  let whatWorks: String?
  let whatDoesNot: String?

  init?(_ p: PupilProfile) {
    strengths = p.strengths.nonEmpty
    pupilNeeds = p.needs.nonEmpty
    whatWorks = p.whatWorks.nonEmpty
    whatDoesNot = p.whatDoesNot.nonEmpty
    if strengths == nil, pupilNeeds == nil, whatWorks == nil, whatDoesNot == nil { return nil }
  }
}

struct AssessmentFacts {
  let teacherAssessment: String?
  let progressAndAttainment: String?
  let comparisonWithPeers: String?
  let parentConcerns: String?
  let pupilViewsAtAssessment: String?
  let outsideAdvice: String?
  let senDecision: String?

  init?(_ a: Assessment) {
    teacherAssessment = a.teacherAssessment.nonEmpty
    progressAndAttainment = a.progressAndAttainment.nonEmpty
    comparisonWithPeers = a.comparisonWithPeers.nonEmpty
    parentConcerns = a.parentConcerns.nonEmpty
    pupilViewsAtAssessment = a.pupilViews.nonEmpty
    outsideAdvice = a.outsideAdvice.nonEmpty
    senDecision = a.senDecision?.british
    if [
      teacherAssessment, progressAndAttainment, comparisonWithPeers, parentConcerns,
      pupilViewsAtAssessment, outsideAdvice, senDecision,
    ].allSatisfy({ $0 == nil }) {
      return nil
    }
  }
}

struct OutcomeFact {
  let number: Int
  let text: String
  let area: String
  let successCriteria: String?
  let targetDate: String?
  /// Carried forward from the previous cycle's plan.
  let carried: Bool
  /// At this cycle's review: "achieved", "partly achieved", "not yet achieved", "+1".
  let rating: String?
  let ratingNote: String?
  /// Reviewed but not rated.
  let unrated: Bool

  init(_ o: Outcome, number: Int, review: Review?) {
    self.number = number
    text = o.text
    area = o.area.title
    successCriteria = o.successCriteria.nonEmpty
    targetDate = o.targetDate?.british
    carried = o.carriedFrom != nil
    let rated = review?.ratings.first { $0.outcomeID == o.id }
    rating = rated?.rating.title
    ratingNote = rated?.note.nonEmpty
    unrated = review != nil && rated == nil
  }
}

struct ProvisionFact {
  let number: Int
  let intervention: String
  let deliveredBy: String?
  /// "5 × 10 min a week for 12 weeks"
  let schedule: String
  let sessionsPerWeek: Int
  let minutesPerSession: Int
  let weeks: Int
  let groupSize: Int
  /// "one to one", "in a group of 4"
  let group: String
  let staffRole: String?
  let hourlyRate: String
  /// "Teaching assistant, £16.50 an hour", "£450.00 for the group"
  let pricing: String
  let cost: String
  let starts: String?

  init(_ v: Provision, number: Int) {
    self.number = number
    intervention = v.intervention
    deliveredBy = v.deliveredBy.nonEmpty
    schedule = v.scheduleText
    sessionsPerWeek = v.sessionsPerWeek
    minutesPerSession = v.minutesPerSession
    weeks = v.weeks
    groupSize = v.groupSize
    group = v.groupText
    staffRole = v.staffRole.nonEmpty
    hourlyRate = v.hourlyRate.description
    pricing = v.pricing
    cost = v.costPerPupil.description
    starts = v.start?.british
  }
}

struct ParticipantFact {
  let who: String
  let role: String

  init(_ p: Participant) {
    who = p.name.nonEmpty ?? p.role.title
    role = p.role.title
  }
}

struct ActionFact {
  let action: String
  let owner: String?
  let due: String?

  init(_ a: ReviewAction) {
    action = a.text
    owner = a.owner.nonEmpty
    due = a.due?.british
  }
}

struct ReviewFacts {
  let reviewedOn: String
  let reviewedOnLong: String
  let progress: String
  let lessThanExpected: Bool
  let decision: String
  let reviewPupilViews: String?
  let reviewParentViews: String?
  let supportRight: String?
  let present: [ParticipantFact]
  let actions: [ActionFact]

  init(_ r: Review) {
    reviewedOn = r.date.british
    reviewedOnLong = r.date.long
    progress = r.progress.title
    lessThanExpected = r.progress == .lessThanExpected
    decision = r.decision.title
    reviewPupilViews = r.pupilViews.nonEmpty
    reviewParentViews = r.parentViews.nonEmpty
    supportRight = r.supportRight.nonEmpty
    present = r.participants.map(ParticipantFact.init)
    actions = r.actions.map(ActionFact.init)
  }
}

/// How a plan changed after its review, into the next cycle's plan.
struct ChangeFacts {
  let nextCycle: Int
  let carried: [ChangedOutcome]
  let added: [ChangedOutcome]
  let dropped: [ChangedOutcome]
  let provisionAdded: [String]
  let provisionKept: [String]
  let provisionStopped: [String]
  let costBefore: String
  let costAfter: String
  /// "stepped up", "stepped down", "the same"
  let costChange: String

  init(_ c: PlanChanges, earlier: Cycle, nextCycle: Int) {
    self.nextCycle = nextCycle
    func rated(_ o: Outcome) -> String? { earlier.review?.rating(for: o.id)?.title }
    carried = c.carried.map { ChangedOutcome(text: $0.to.text, ratedAtReview: rated($0.from)) }
    added = c.added.map { ChangedOutcome(text: $0.text, ratedAtReview: nil) }
    dropped = c.dropped.map { ChangedOutcome(text: $0.text, ratedAtReview: rated($0)) }
    provisionAdded = c.provisionAdded.map(\.intervention)
    provisionKept = c.provisionKept.map(\.intervention)
    provisionStopped = c.provisionStopped.map(\.intervention)
    costBefore = c.costBefore.description
    costAfter = c.costAfter.description
    costChange =
      c.costAfter > c.costBefore
      ? "stepped up" : c.costAfter < c.costBefore ? "stepped down" : "the same"
  }
}

struct ChangedOutcome {
  let text: String
  let ratedAtReview: String?
}

/// One assess–plan–do–review cycle and its plan, as the plan, meeting and evidence exports show it.
struct CycleFacts {
  let cycle: Int
  let ofCycles: Int
  /// "assess", "plan", "do", "review", or "reviewed"
  let stage: String
  let isLatest: Bool
  let started: String
  let planFrom: String?
  let doFrom: String?
  let reviewFrom: String?
  let closed: String?
  let assessment: AssessmentFacts?
  let profile: ProfileFacts?
  let outcomes: [OutcomeFact]
  let provision: [ProvisionFact]
  let planTotal: String
  let yearTotal: String
  let yearStanding: String
  let overThreshold: Bool
  let strategies: [String]
  let participants: [ParticipantFact]
  let pupilVoice: String?
  let parentViews: String?
  let agreedBy: String?
  let agreedOn: String?
  let reviewDate: String?
  let reviewDateLong: String?
  let trainingNeeds: String?
  let deliveryNotes: [DeliveryFact]
  let review: ReviewFacts?
  /// How the plan changed after this cycle's review, into the next cycle's.
  let changesAfter: ChangeFacts?

  init(_ p: Pupil, index: Int, settings: SchoolSettings) {
    let c = p.cycles[index]
    cycle = c.id
    ofCycles = p.cycles.count
    stage = c.isClosed ? "reviewed" : c.stage.rawValue
    isLatest = index == p.cycles.count - 1
    started = c.assessFrom.british
    planFrom = c.planFrom?.british
    doFrom = c.doFrom?.british
    reviewFrom = c.reviewFrom?.british
    closed = c.closed?.british
    assessment = AssessmentFacts(c.assessment)
    profile = ProfileFacts(c.plan.profile)
    outcomes = c.plan.outcomes.enumerated().map {
      OutcomeFact($0.element, number: $0.offset + 1, review: c.review)
    }
    provision = c.plan.provision.enumerated().map {
      ProvisionFact($0.element, number: $0.offset + 1)
    }
    planTotal = c.plan.totalCost.description
    let standing = p.thresholdStanding(for: c, settings: settings)
    yearTotal = standing.total
    yearStanding = standing.standing
    overThreshold = standing.over
    strategies = c.plan.strategies.filter { !$0.isEmpty }
    participants = c.plan.participants.map(ParticipantFact.init)
    pupilVoice = c.plan.pupilVoice.nonEmpty
    parentViews = c.plan.parentViews.nonEmpty
    agreedBy = c.plan.agreement?.agreedBy.nonEmpty
    agreedOn = c.plan.agreement?.on.british
    reviewDate = c.plan.reviewDate?.british
    reviewDateLong = c.plan.reviewDate?.long
    trainingNeeds = c.plan.trainingNeeds.nonEmpty
    let interventions = Dictionary(
      c.plan.provision.map { ($0.id, $0.intervention) }, uniquingKeysWith: { a, _ in a })
    deliveryNotes = c.delivery.sorted { $0.date < $1.date }.map {
      DeliveryFact(
        noted: $0.date.british, intervention: $0.provisionID.flatMap { interventions[$0] },
        note: $0.note)
    }
    review = c.review.map(ReviewFacts.init)
    changesAfter = p.planChanges(at: index + 1).map {
      ChangeFacts($0, earlier: c, nextCycle: p.cycles[index + 1].id)
    }
  }
}

struct DeliveryFact {
  let noted: String
  let intervention: String?
  let note: String
}

/// A concern, meeting, call, letter, email or note in the chronology.
struct LogFact {
  let on: String
  let kind: String
  let who: String?
  let withParents: Bool
  let summary: String
  let actionTaken: String?
  let followUp: String?

  init(_ e: LogEntry) {
    on = e.date.british
    kind = e.kind.title
    who = e.who.nonEmpty
    withParents = e.withParents
    summary = e.summary
    actionTaken = e.action.nonEmpty
    followUp = e.followUp?.british
  }
}

struct ContactFact {
  let contactName: String
  let relationship: String?
  let phone: String?
  let contactEmail: String?
  let parentalResponsibility: Bool

  init(_ c: Contact) {
    contactName = c.name
    relationship = c.relationship.nonEmpty
    phone = c.phone?.nonEmpty
    contactEmail = c.email?.nonEmpty
    parentalResponsibility = c.parentalResponsibility
  }
}

extension String {
  /// nil for an empty string, so a template's section leaves the part out.
  var nonEmpty: String? { isEmpty ? nil : self }
}
