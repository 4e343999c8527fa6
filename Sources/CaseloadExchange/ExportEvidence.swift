import CaseloadCore
import Foundation

/// What `evidence.md.mustache` and `evidence.html.mustache` draw from: the graduated-response evidence a local
/// authority asks for with a school's request for an EHC needs assessment — every assess, plan, do, review cycle
/// with its outcomes and the progress at each review, how each plan changed after its review, the provision and
/// its cost, the pupil's and parents' views over time, concerns and contacts, and outside professionals.
struct EvidenceModel {
  let school: SchoolFacts
  let pupil: PupilFacts
  let today: String
  /// The local authority's SEND team's email, from the settings.
  let sendTo: String?
  let summary: EvidenceSummary
  let cycles: [CycleFacts]
  let cycleCosts: [CycleCost]
  let yearCosts: [YearCost]
  let allCyclesTotal: String
  let views: [ViewFact]
  let concerns: [LogFact]
  let contacts: [LogFact]
  let professionals: [ProfessionalFact]
  let advice: [AdviceFact]
  let parents: [ContactFact]
  let otherContacts: [ContactFact]
  let ehcRequests: [EHCRequestFact]

  init(pupil p: Pupil, settings: SchoolSettings, today: Day) {
    school = SchoolFacts(settings)
    pupil = PupilFacts(p, today: today)
    self.today = today.british
    sendTo = settings.localAuthoritySENDEmail.nonEmpty
    summary = EvidenceSummary(p, today: today)
    cycles = p.cycles.indices.map { CycleFacts(p, index: $0, settings: settings) }
    cycleCosts = p.cycles.map {
      CycleCost(
        costCycle: $0.id, costStarted: $0.assessFrom.british, costReviewed: $0.review?.date.british,
        interventions: $0.plan.provision.count, cycleTotal: $0.plan.totalCost.description)
    }
    let years = Set(p.cycles.map { SchoolYear(containing: $0.assessFrom) }).sorted()
    yearCosts = years.map { year in
      let standing = ThresholdStanding(
        schoolYear: year, spent: p.provisionCost(schoolYearOf: year.firstDay),
        threshold: settings.notionalThreshold)
      return YearCost(
        schoolYear: year.name, spent: standing.spent.description,
        threshold: standing.threshold.description, standing: standing.standing,
        overThreshold: standing.over)
    }
    allCyclesTotal = p.cycles.reduce(Money.zero) { $0 + $1.plan.totalCost }.description
    views = ViewFact.all(p)
    let log = p.chronology.sorted { $0.date < $1.date }
    concerns = log.filter { $0.kind == .concern }.map(LogFact.init)
    contacts = log.filter { $0.kind != .concern }.map(LogFact.init)
    professionals = ProfessionalFact.all(p)
    advice = p.cycles.compactMap { c in
      c.assessment.outsideAdvice.nonEmpty.map {
        AdviceFact(adviceCycle: c.id, adviceOn: c.assessFrom.british, advice: $0)
      }
    }
    parents = p.contacts.filter(\.parentalResponsibility).map(ContactFact.init)
    otherContacts = p.contacts.filter { !$0.parentalResponsibility }.map(ContactFact.init)
    ehcRequests = p.ehc.requests.map(EHCRequestFact.init)
  }
}

struct EvidenceSummary {
  let cycleCount: Int
  let reviewedCount: Int
  let lessThanExpectedCount: Int
  let firstCycle: String?
  let firstConcern: String?
  let senSupportSince: String?
  let parentMeetings: Int
  /// Two or more reviews of SEN support showing less than expected progress, and no request yet.
  let escalationCandidate: Bool

  init(_ p: Pupil, today: Day) {
    cycleCount = p.cycles.count
    reviewedCount = p.cycles.filter { $0.review != nil }.count
    lessThanExpectedCount = p.cycles.filter { $0.review?.progress == .lessThanExpected }.count
    firstCycle = p.cycles.first?.assessFrom.british
    firstConcern = p.chronology.filter { $0.kind == .concern }.map(\.date).min()?.british
    senSupportSince = p.senPeriods.filter { $0.status == .senSupport }.map(\.start).min()?.british
    parentMeetings = p.chronology.filter(\.isParentMeeting).count
    escalationCandidate = p.isEscalationCandidate
  }
}

struct CycleCost {
  let costCycle: Int
  let costStarted: String
  let costReviewed: String?
  let interventions: Int
  let cycleTotal: String
}

struct YearCost {
  let schoolYear: String
  let spent: String
  let threshold: String
  let standing: String
  let overThreshold: Bool
}

/// What the pupil and the parents said, on one occasion.
struct ViewFact {
  let viewsOn: String
  /// "assessment, cycle 1", "plan, cycle 1", "review of cycle 1"
  let occasion: String
  let pupilSaid: String?
  let parentsSaid: String?

  static func all(_ p: Pupil) -> [ViewFact] {
    var out: [(Day, Int, ViewFact)] = []
    func add(_ day: Day, _ occasion: String, _ pupil: String, _ parents: String) {
      guard !pupil.isEmpty || !parents.isEmpty else { return }
      out.append(
        (
          day, out.count,
          ViewFact(
            viewsOn: day.british, occasion: occasion, pupilSaid: pupil.nonEmpty,
            parentsSaid: parents.nonEmpty)
        ))
    }
    for c in p.cycles {
      add(
        c.assessFrom, "assessment, cycle \(c.id)", c.assessment.pupilViews,
        c.assessment.parentConcerns)
      add(
        c.plan.agreement?.on ?? c.planFrom ?? c.assessFrom, "plan, cycle \(c.id)",
        c.plan.pupilVoice, c.plan.parentViews)
      if let r = c.review { add(r.date, "review of cycle \(c.id)", r.pupilViews, r.parentViews) }
    }
    return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
  }
}

/// An outside professional who took part in planning or reviews.
struct ProfessionalFact {
  let professional: String
  /// "plan, cycle 1; review of cycle 2 (05/12/2025)"
  let tookPart: String

  static func all(_ p: Pupil) -> [ProfessionalFact] {
    var order: [String] = []
    var occasions: [String: [String]] = [:]
    func add(_ people: [Participant], _ occasion: String) {
      for person in people where person.role == .outsideProfessional {
        let name = person.name.nonEmpty ?? person.role.title
        if occasions[name] == nil { order.append(name) }
        if occasions[name]?.last != occasion { occasions[name, default: []].append(occasion) }
      }
    }
    for c in p.cycles {
      add(c.plan.participants, "plan, cycle \(c.id)")
      if let r = c.review { add(r.participants, "review of cycle \(c.id) (\(r.date.british))") }
    }
    return order.map {
      ProfessionalFact(
        professional: $0, tookPart: occasions[$0, default: []].joined(separator: "; "))
    }
  }
}

struct AdviceFact {
  let adviceCycle: Int
  let adviceOn: String
  let advice: String
}

struct EHCRequestFact {
  let requested: String
  let requestedBy: String
  let laDecision: String?
  let laDecisionOn: String?
  let finalPlan: String?
  let withdrawn: String?

  init(_ r: EHCRequest) {
    requested = r.requested.british
    requestedBy = r.requestedBy == .school ? "the school" : "the parents"
    laDecision = r.decision.map { $0 == .assess ? "agreed to assess" : "refused to assess" }
    laDecisionOn = r.decisionDate?.british
    finalPlan = r.finalPlanIssued?.british
    withdrawn = r.withdrawn?.british
  }
}
