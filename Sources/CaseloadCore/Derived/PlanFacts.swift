import Foundation

/// Facts about plans worked out once and shared by the screens, `caseload plan` and the exports, so every
/// rendering of a plan says the same.

extension YearGroup {
  /// "Nursery", "Reception", "Year 4": how people write a year group.
  public var title: String {
    switch number {
    case ..<0: return "Nursery"
    case 0: return "Reception"
    default: return "Year \(number)"
    }
  }
}

extension Day {
  /// "Tuesday 8 December 2026": a date in words, for letters and plans for parents.
  public var long: String {
    let (y, m, d) = parts
    return "\(weekdayName) \(d) \(DateEntry.monthNames[m - 1]) \(y)"
  }
}

extension Provision {
  /// "5 × 10 min a week for 12 weeks"
  public var scheduleText: String {
    "\(sessionsPerWeek) × \(minutesPerSession) min a week for \(weeks) week\(weeks == 1 ? "" : "s")"
  }

  /// "one to one", "in a group of 4"
  public var groupText: String { groupSize == 1 ? "one to one" : "in a group of \(groupSize)" }
}

/// The cost of a school year's plans set against the school's notional threshold.
public struct ThresholdStanding: Hashable, Sendable {
  public var schoolYear: SchoolYear
  public var spent: Money
  public var threshold: Money

  public init(schoolYear: SchoolYear, spent: Money, threshold: Money) {
    self.schoolYear = schoolYear
    self.spent = spent
    self.threshold = threshold
  }

  /// Whether the year's provision costs more than the threshold: the local authority may top up.
  public var over: Bool { spent > threshold }
  /// How far below (left) or above the threshold the year's provision is.
  public var difference: Money { Money(pence: abs(threshold.pence - spent.pence)) }

  /// "2026/27 total: £99.00 of the £6,000.00 notional threshold"
  public var total: String {
    "\(schoolYear.name) total: \(spent) of the \(threshold) notional threshold"
  }

  /// "£5,901.00 left", or "£120.00 above it: the local authority may top up"
  public var standing: String {
    over ? "\(difference) above it: the local authority may top up" : "\(difference) left"
  }
}

extension Pupil {
  /// The provision of the cycles begun in the school year of `cycle` against the notional threshold.
  public func thresholdStanding(for cycle: Cycle, settings: SchoolSettings) -> ThresholdStanding {
    ThresholdStanding(
      schoolYear: SchoolYear(containing: cycle.assessFrom),
      spent: provisionCost(schoolYearOf: cycle.assessFrom), threshold: settings.notionalThreshold)
  }

  /// How the plan of `cycles[index]` changed from the plan of the cycle before it (nil for the first cycle):
  /// the outcomes carried forward, added and not carried on, and the interventions begun, kept and stopped.
  public func planChanges(at index: Int) -> PlanChanges? {
    guard cycles.indices.contains(index), index > 0 else { return nil }
    return PlanChanges(from: cycles[index - 1], to: cycles[index])
  }
}

/// What changed between two consecutive cycles' plans, after the first one's review.
public struct PlanChanges: Hashable, Sendable {
  /// Outcomes of the earlier plan taken on into the later one, each with the later version.
  public var carried: [CarriedOutcome]
  /// Outcomes new in the later plan.
  public var added: [Outcome]
  /// Outcomes of the earlier plan the later one does not carry forward.
  public var dropped: [Outcome]
  /// Interventions in the later plan that the earlier one did not have (by name, ignoring case).
  public var provisionAdded: [Provision]
  /// Interventions in both plans (the later version).
  public var provisionKept: [Provision]
  /// Interventions of the earlier plan that the later one does not have.
  public var provisionStopped: [Provision]
  public var costBefore: Money
  public var costAfter: Money

  public init(from earlier: Cycle, to later: Cycle) {
    var carried: [CarriedOutcome] = []
    var added: [Outcome] = []
    for o in later.plan.outcomes {
      if let source = o.carriedFrom,
        let from = earlier.plan.outcomes.first(where: { $0.id == source })
      {
        carried.append(CarriedOutcome(from: from, to: o))
      } else {
        added.append(o)
      }
    }
    let carriedIDs = Set(carried.map(\.from.id))
    self.carried = carried
    self.added = added
    dropped = earlier.plan.outcomes.filter { !carriedIDs.contains($0.id) }
    func key(_ p: Provision) -> String { Text.searchKey(p.intervention) }
    let before = Set(earlier.plan.provision.map(key))
    let after = Set(later.plan.provision.map(key))
    provisionAdded = later.plan.provision.filter { !before.contains(key($0)) }
    provisionKept = later.plan.provision.filter { before.contains(key($0)) }
    provisionStopped = earlier.plan.provision.filter { !after.contains(key($0)) }
    costBefore = earlier.plan.totalCost
    costAfter = later.plan.totalCost
  }
}

/// An outcome taken on into the next cycle's plan: as it was, and as it is now.
public struct CarriedOutcome: Hashable, Sendable {
  public var from: Outcome
  public var to: Outcome
}
