import CaseloadCore
import CaseloadStore
import CaseloadText
import Foundation

/// Loads the demo caseload into a store through the ordinary edits, so it has a real history.
enum DemoWriter {
  static func write(into store: Store, today: Day) throws {
    let demo = try DemoCaseload.load(today: today)
    try store.perform(summary: "demo caseload loaded (\(demo.pupils.count) invented pupils)") {
      step in
      // Checked inside the write, so two demos started at once cannot both fill one store.
      let existing = try step.pupilCount()
      if existing > 0 {
        throw CLIError(
          "The store \(store.path) already holds \(existing) pupils; the demo goes into a new store."
        )
      }
      try step.putSettings(demo.settings, summary: "demo school settings")
      for edits in demo.pupils {
        guard case .create(let first) = edits.first else { continue }
        for edit in edits { try step.edit(first.id, edit, today: today) }
        if let pupil = try step.pupil(first.id) {
          for edit in doneLongAgo(pupil, today: today) {
            try step.edit(first.id, edit, today: today)
          }
        }
      }
    }
  }

  /// A real SENCo ticks off follow-ups, actions and provision endings as they go: in the demo, those due more
  /// than a fortnight ago were done on their day, so the agenda shows the recent and the coming, not years of
  /// invented history.
  static func doneLongAgo(_ pupil: Pupil, today: Day) -> [PupilEdit] {
    let cutoff = today.adding(days: -14)
    guard !pupil.hasLeft else { return [] }
    return pupil.enteredItems.compactMap { d in
      guard d.kind.isMarkedDone, d.met == nil, d.due < cutoff else { return nil }
      return .markDone(d.ref, on: d.due)
    }
  }
}
