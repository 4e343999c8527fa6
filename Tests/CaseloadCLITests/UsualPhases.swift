import CaseloadCore

/// The demo school has the usual phases (nursery, Year 6, Year 11).
extension Pupil {
  var deadlines: [Deadline] { deadlines(transfers: StatutoryLimits.phaseTransferYears) }
  var openDeadlines: [Deadline] { openDeadlines(transfers: StatutoryLimits.phaseTransferYears) }
}

extension PupilSummary {
  init(_ p: Pupil) { self.init(p, transfers: StatutoryLimits.phaseTransferYears) }
}
