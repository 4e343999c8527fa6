import CaseloadCore
import CaseloadStore

extension CaseloadApp {
  /// Enter on an agenda item opens where it is dealt with: the plan for a review or a provision, the action
  /// itself, the EHC steps for a statutory date, the entry itself for a follow-up, the overview for a term's
  /// meeting.
  mutating func openAgendaItem(_ item: AgendaItem) {
    let id = AggregateID(item.pupil.id)
    switch item.opens {
    case .cycle: openEditor { PlanEditor(id, context: $0) }
    case .provision(let cycle, let provision):
      openEditor { PlanEditor(id, context: $0, provision: (cycle, provision)) }
    case .action(let cycle, let index):
      openEditor(.pupil(id), ReviewActionForm.edit(cycle: cycle, index: index))
    case .ehc: openEditor(.pupil(id), EHCStepForm.spec)
    case .log(let entry): openEditor(.pupil(id), LogEntryForm.edit(id: entry))
    case .contacts, .none: openOverview(id)
    }
  }

  /// Marks an entered item done today, as one undoable step; statutory dates and reviews say how they are met.
  mutating func markDone(_ item: AgendaItem) {
    guard item.kind.isMarkedDone else {
      message = (
        "A \(item.kind.title) is met by recording it, not ticked off: Enter opens where to record it.",
        true
      )
      return
    }
    run(.markDone(AggregateID(item.pupil.id), [item.opens], on: list.today, summary: nil))
  }
}

#if canImport(Glibc)
  import Glibc
#endif

extension CaseloadApp {
  /// The login and full name of the person running Caseload, for `mine` on the deadlines screen.
  static var myNames: [String] {
    guard let pw = getpwuid(geteuid()) else { return [] }
    var names: [String] = []
    if let login = pw.pointee.pw_name { names.append(String(cString: login)) }
    if let gecos = pw.pointee.pw_gecos {
      let full = String(cString: gecos).split(separator: ",").first.map(String.init) ?? ""
      if let surname = full.split(separator: " ").last { names.append(String(surname)) }
    }
    return names.filter { !$0.isEmpty && $0 != "root" }
  }
}
