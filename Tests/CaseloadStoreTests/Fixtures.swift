import CaseloadCore
import CaseloadStore
@_exported import CaseloadTestSupport
import Foundation

let today = Day(iso: "2026-11-29")!
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

func invented(_ n: Int, given: String = "Ada", family: String = "Lovelace") -> Pupil {
  Pupil(
    id: AggregateID("ptest\(n)"),
    legalName: PersonName(given: given, family: "\(family)\(n == 0 ? "" : " \(n)")"),
    dateOfBirth: Day(iso: "2017-03-12")!)
}

func openStore(_ folder: TemporaryFolder, as actor: ChangeActor = alice) throws -> Store {
  try Store.open(at: folder.file("caseload.sqlite"), actor: actor, clock: steppingClock())
}

/// A pupil on SEN support with an open cycle, ready for plan edits.
func addSupportedPupil(_ store: Store, _ n: Int = 1) throws -> AggregateID {
  let p = invented(n)
  try store.perform { step in
    try step.add(p, today: today)
    try step.edit(
      p.id, .startSENSupport(on: Day(iso: "2026-09-10")!, needs: [.SPLD], parentsInformed: nil),
      today: today)
    try step.edit(p.id, .startCycle(on: Day(iso: "2026-09-10")!, carryForward: false), today: today)
  }
  return p.id
}
