import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

/// A save over another session's change: the other session saves one field, this one saves another from the
/// version it loaded before, so every save here goes through the three-way merge. On a generated school's pupils
/// and on the pupil with ten years of history.
struct MergeMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge", abstract: "Time saves that merge with another session's change.")
  @Option(help: "Folder for the generated stores (kept for reuse).") var folder =
    "/tmp/caseload-bench"
  @Option var runs = 200
  @Option var today = "2026-11-29"
  @Option var pupils = 2_000

  func run() throws {
    guard let day = Day(iso: today) else { throw ValidationError("--today: use 2026-11-29.") }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let school = "\(folder)/bench-\(pupils)-100000.sqlite"
    if !FileManager.default.fileExists(atPath: school) {
      try Generator.generate(at: school, pupils: pupils, events: 100_000, today: day)
    }
    let mine = try Store.open(at: school)
    let ids = try mine.summaries().filter { $0.status != .none }.map(\.id)
    guard !ids.isEmpty else {
      throw ValidationError("The generated store has no pupil on the register.")
    }
    let typical = try measure(school, ids: ids, day: day)

    // Each run adds log entries: the ten-year pupil is written afresh for each measure, so every run (and the
    // two rows) start from the same 1,000 contacts rather than from what earlier runs left.
    let heavyPath = "\(folder)/merge-heavy-pupil.sqlite"
    func freshHeavyPupil() throws -> [AggregateID] {
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: heavyPath + suffix)
      }
      return [try HeavyPupil.write(at: heavyPath, today: day)]
    }
    let heavy = try measure(heavyPath, ids: try freshHeavyPupil(), day: day)
    let plain = try measure(heavyPath, ids: try freshHeavyPupil(), day: day, merging: false)

    print("| save merged with another session's change | p50 | p95 | target |")
    print("|---|---:|---:|---:|")
    print(
      "| a pupil of the \(pupils)-pupil school | \(HistoryMeasure.ms(typical, 0.5)) | \(HistoryMeasure.ms(typical, 0.95)) | ≤ 10 ms |"
    )
    print(
      "| the pupil with ten years of history | \(HistoryMeasure.ms(heavy, 0.5)) | \(HistoryMeasure.ms(heavy, 0.95)) | |"
    )
    print(
      "| the same save, not merged (their version read) | \(HistoryMeasure.ms(plain, 0.5)) | \(HistoryMeasure.ms(plain, 0.95)) | |"
    )
  }

  /// Each run: this session loads a pupil, another changes the registration group and logs a call, and this one
  /// logs a concern: a field and an item each side, so the merge joins both lists and renumbers.
  /// Without `merging`, this session saves as if it had loaded the pupil after the other's save: the same
  /// reading of their version, no merge.
  func measure(_ path: String, ids: [AggregateID], day: Day, merging: Bool = true) throws
    -> [Double]
  {
    let mine = try Store.open(at: path)
    let theirs = try Store.open(
      at: path, actor: ChangeActor(user: "colleague", host: "office", via: "bench"))
    var times: [Double] = []
    for i in 0..<runs {
      let id = ids[i % ids.count]
      guard let base = try mine.pupil(id) else { continue }
      try theirs.perform { step in
        try step.edit(id, .setRegistrationGroup("R\(i % 90)"), today: day)
        try step.edit(
          id, .log(LogEntry(kind: .call, date: day, who: "Mr Khan", summary: "Rang home (\(i))")),
          today: day)
      }
      let concern = LogEntry(
        kind: .concern, date: day, who: "Mrs Airey", summary: "Tired in the mornings (\(i))")
      let t0 = DispatchTime.now().uptimeNanoseconds
      guard merging else {
        try mine.edit(id, .log(concern), today: day)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        continue
      }
      let (_, step) = try mine.perform {
        try $0.edit(id, [.log(concern)], over: base, today: day)
      }
      times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      guard step?.warnings.contains(where: { $0.contains("merged") }) == true else {
        throw ValidationError(
          "A save of \(id) did not go through the merge: \(step.map { "\($0.summary) \($0.warnings)" } ?? "nothing saved")."
        )
      }
    }
    return times
  }
}
