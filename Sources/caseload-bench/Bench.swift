import ArgumentParser
import CaseloadCLI
import CaseloadCore
import CaseloadStore
import Foundation

/// Generates stores and measures Caseload's hot paths. Timings belong here, never in the tests.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "caseload-bench",
    abstract: "Benchmarks for Caseload (build with -c release).",
    subcommands: [
      Generate.self, Measure.self, ScreenMeasure.self, Hammer.self, ImportMeasure.self,
      ExportMeasure.self, HistoryMeasure.self, ApplyMeasure.self, MergeMeasure.self,
    ],
    defaultSubcommand: Measure.self)
}

/// Writes a store of invented pupils with a long history.
struct Generate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Generate a store of N pupils and M events.")
  @Option var store: String
  @Option var pupils = 2_000
  @Option var events = 100_000
  @Option var today = "2026-11-29"

  func run() throws {
    let day = Day(iso: today)!
    let started = Date()
    try Generator.generate(at: store, pupils: pupils, events: events, today: day)
    print(
      "generated \(pupils) pupils, \(events) events in \(String(format: "%.1f", Date().timeIntervalSince(started))) s"
    )
  }
}

/// Commits edits one by one and prints a line after each durable commit: the tests use it to hammer a store
/// from several processes and to kill a writer mid-burst.
struct Hammer: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Commit N edits, printing `ack K` after each.")
  @Option var store: String
  @Option var pupil: String
  @Option var count = 500
  @Option var label = "writer"
  @Option var today = "2026-11-29"

  func run() throws {
    let day = Day(iso: today)!
    let s = try Store.open(at: store)
    let id = AggregateID(pupil)
    if try s.pupil(id) == nil {
      _ = try? s.perform {
        try $0.add(
          Pupil(
            id: id, legalName: PersonName(given: "Test", family: "Pupil"),
            dateOfBirth: Day(iso: "2016-05-01")!), today: day)
      }
    }
    for k in 1...count {
      let entry = LogEntry(kind: .note, date: day, who: label, summary: "\(label) \(k)")
      try s.edit(id, .log(entry), today: day)
      FileHandle.standardOutput.write(Data("ack \(k)\n".utf8))
    }
  }
}
