extension ReviewDecision {
  /// What the decision sets in motion, as edits to apply after the review in the same step: the next cycle
  /// (carrying forward outcomes not achieved), a change of SEN status, or a request for an EHC needs assessment.
  ///
  /// - continue: the next cycle.
  /// - step up: from monitoring to SEN support (with the pupil's needs, or NSA while none are recorded; the
  ///   parents are told at the review), then the next cycle; on SEN support or a plan, the next cycle with more
  ///   provision to be planned.
  /// - step down: from SEN support to monitoring, then the next cycle; from monitoring, off the register.
  /// - remove: off the register (no further cycle).
  /// - request an EHC needs assessment: the school's request, and support continuing in the next cycle meanwhile.
  public func consequences(for pupil: Pupil, on day: Day) -> [PupilEdit] {
    let next = PupilEdit.startCycle(on: day, carryForward: true)
    switch self {
    case .continue: return [next]
    case .stepUp:
      guard pupil.status == .monitoring else { return [next] }
      let needs = pupil.needs.isEmpty ? [NeedType.NSA] : pupil.needs
      return [.startSENSupport(on: day, needs: needs, parentsInformed: day), next]
    case .stepDown:
      switch pupil.status {
      case .senSupport?: return [.startMonitoring(on: day), next]
      case .monitoring?: return [.endSEN(on: day)]
      default: return [next]
      }
    case .removeFromRegister: return [.endSEN(on: day)]
    case .requestEHCAssessment: return [.requestEHCAssessment(by: .school, on: day), next]
    }
  }
}
