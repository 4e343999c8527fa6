import CaseloadCore
import CaseloadExchange
import CaseloadStore
import Foundation
import TerminalUI

/// The doors where bytes from outside enter Caseload. Each takes any bytes and must return without trapping:
/// a refusal is a thrown error or a nil, never a crash.
enum FuzzTarget: String, CaseIterable {
  case mis, backup, keys, date, money

  func run(_ bytes: [UInt8]) {
    switch self {
    case .mis:
      guard let file = try? MISFile.read(Data(bytes), name: "fuzz.csv", mapping: nil) else {
        return
      }
      var n = 0
      let plan = ImportPlan.make(
        file: file, pupils: Fuzz.pupils, today: Fuzz.today,
        newID: {
          n += 1
          return AggregateID("pfuzz\(n)")
        })
      _ = plan.reportLines()
    case .backup:
      _ = try? Fuzz.store.restoreBackup(Data(bytes), source: "fuzz.json", dryRun: true)
    case .keys:
      var decoder = KeyDecoder()
      var start = 0
      // Fed in pieces, as reads from a terminal arrive.
      while start < bytes.count {
        let end = min(bytes.count, start + 1 + Int(bytes[start] % 7))
        _ = decoder.feed(Array(bytes[start..<end]))
        start = end
      }
      _ = decoder.flushPending()
    case .date:
      let text = String(decoding: bytes, as: UTF8.self)
      if case .success(let day) = DateEntry.parse(text, today: Fuzz.today, settings: Fuzz.settings)
      {
        _ = DateEntry.describe(day, today: Fuzz.today)
        _ = day.british
      }
    case .money:
      if case .success(let money) = MoneyEntry.parse(String(decoding: bytes, as: UTF8.self)) {
        _ = money.description
      }
    }
  }
}

/// What the targets share, made once.
enum Fuzz {
  static let today = Day(iso: "2026-11-29") ?? Day(ordinal: 0)
  static let settings = SchoolSettings.defaults(today: today)
  static let pupils: [Loaded<Pupil>] = [
    Loaded(
      value: Pupil(
        id: AggregateID("pfuzzknown"), legalName: PersonName(given: "Zoë", family: "Ndlovu-Price"),
        dateOfBirth: Day(iso: "2016-05-01") ?? today, upn: "A123456789012"), version: 1)
  ]
  nonisolated(unsafe) static var store: Store = {
    let folder = NSTemporaryDirectory() + "/caseload-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    do {
      return try Store.open(at: folder + "/fuzz.sqlite")
    } catch {
      FileHandle.standardError.write(Data("cannot make the fuzzing store: \(error)\n".utf8))
      exit(2)
    }
  }()
}
