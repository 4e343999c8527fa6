import ArgumentParser
import CaseloadCore
import CaseloadStore
import Foundation

/// How the history grows with one pupil's record: a pupil with ten years of it (30 reviewed plan cycles and 1,000
/// contacts and concerns, every one its own step), the store's size per event, what one more contact costs, a
/// commit and an undo at that length, and the subject access export of that pupil.
struct HistoryMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history", abstract: "Time and size the history of a pupil with ten years of it.")
  @Option(help: "Folder for the generated stores (kept for reuse).") var folder =
    "/tmp/caseload-bench"
  @Option var runs = 200
  @Option var today = "2026-11-29"
  @Option(help: "Also size a generated store of this many pupils and 100,000 events (0: skip).")
  var pupils = 2_000

  func run() throws {
    let day = Day(iso: today)!
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = "\(folder)/heavy-pupil.sqlite"
    for suffix in ["", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
    let started = Date()
    let id = try HeavyPupil.write(at: path, today: day)
    let built = Date().timeIntervalSince(started)
    let store = try Store.open(at: path)
    let events = try store.eventCount()
    try store.checkpoint()
    let size = Self.fileSize(path)
    print(
      "heavy pupil: \(events) events written in \(String(format: "%.1f", built)) s; store \(Self.mb(size)) (\(size / max(events, 1)) bytes an event)"
    )

    var contactBytes: [Double] = []
    var commit: [Double] = []
    var undo: [Double] = []
    for i in 0..<runs {
      let before = try store.historyBytes()
      let t0 = DispatchTime.now().uptimeNanoseconds
      try store.edit(
        id,
        .log(
          LogEntry(
            kind: .call, date: day, who: "Parent", withParents: true,
            summary: "Called about the school trip and the new reading book (\(i))")), today: day)
      commit.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
      contactBytes.append(Double(try store.historyBytes() - before))
      if i % 2 == 1 {
        let u0 = DispatchTime.now().uptimeNanoseconds
        _ = try store.undo()
        undo.append(Double(DispatchTime.now().uptimeNanoseconds - u0) / 1e6)
      }
    }
    print("| measure | p50 | p95 | target |")
    print("|---|---:|---:|---:|")
    print(
      "| history bytes for one more contact | \(Int(Self.q(contactBytes, 0.5))) B | \(Int(Self.q(contactBytes, 0.95))) B | ≤ 1 KB |"
    )
    print("| edit commit (durable) | \(Self.ms(commit, 0.5)) | \(Self.ms(commit, 0.95)) | ≤ 2 ms |")
    print("| undo (in process) | \(Self.ms(undo, 0.5)) | \(Self.ms(undo, 0.95)) | ≤ 20 ms |")

    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent().appendingPathComponent("caseload").path
    var exportTimes: [Double] = []
    var exportMemory = 0
    var undoProcess: [Double] = []
    for i in 0..<5 {
      let (ms, rss) = try Self.timeWithMemory(
        exe, ["export", "pupil", id.rawValue, "--json", "--store", path, "--today", today])
      exportTimes.append(ms)
      exportMemory = max(exportMemory, rss)
      try store.edit(
        id, .log(LogEntry(kind: .note, date: day, who: "Bench", summary: "Bench \(i)")), today: day)
      undoProcess.append(try Self.timeWithMemory(exe, ["undo", "--store", path]).ms)
    }
    print(
      "| `caseload undo` (whole process) | \(Self.ms(undoProcess, 0.5)) | \(Self.ms(undoProcess, 0.95)) | ≤ 20 ms |"
    )
    print(
      "| `export pupil --json` of this pupil | \(Self.ms(exportTimes, 0.5)) | \(Self.ms(exportTimes, 0.95)) | ≤ 1 s |"
    )
    print("| peak memory of that export | \(Self.mb(exportMemory)) | | ≤ 50 MB |")

    if pupils > 0 {
      let big = "\(folder)/bench-\(pupils)-100000.sqlite"
      if !FileManager.default.fileExists(atPath: big) {
        try Generator.generate(at: big, pupils: pupils, events: 100_000, today: day)
      }
      let s = try Store.open(at: big)
      try s.checkpoint()
      let n = try s.eventCount()
      print(
        "\(pupils) pupils, \(n) events: store \(Self.mb(Self.fileSize(big))) (\(Self.fileSize(big) / max(n, 1)) bytes an event) — target ≤ 60 MB"
      )
    }
  }

  static func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
  }

  static func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

  static func q(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, max(0, Int((Double(s.count) * p).rounded(.up)) - 1))]
  }

  static func ms(_ xs: [Double], _ p: Double) -> String { String(format: "%.2f ms", q(xs, p)) }

  /// Wall time of a whole process, and its peak resident memory as GNU time reports it (0 when the machine has
  /// no /usr/bin/time; a spawned child's own rusage counts its parent's pages too).
  static func timeWithMemory(_ exe: String, _ args: [String]) throws -> (ms: Double, rss: Int) {
    let ms = try Measure.time(exe, args)
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return (ms, 0) }
    let report = NSTemporaryDirectory() + "/caseload-bench-rss-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: report) }
    _ = try Measure.time("/usr/bin/time", ["-f", "%M", "-o", report, exe] + args)
    let kb =
      (try? String(contentsOfFile: report, encoding: .utf8))?
      .split(separator: "\n").last.flatMap { Int($0) } ?? 0
    return (ms, kb * 1_024)
  }
}

/// A pupil with ten years of history, written step by step through the real edits.
enum HeavyPupil {
  static func write(at path: String, today: Day) throws -> AggregateID {
    let store = try Store.open(at: path)
    let id = AggregateID("pheavy01")
    let start = today.adding(days: -(30 * 120 + 30))
    let pupil = Pupil(
      id: id, legalName: PersonName(given: "Amir", family: "Haddad"),
      dateOfBirth: start.adding(years: -5))
    try store.batch { batch in
      try batch.step { try $0.add(pupil, today: today) }
      try batch.step {
        try $0.edit(
          id, .startSENSupport(on: start, needs: [.SLCN], parentsInformed: start), today: today)
      }
      var note = 0
      for c in 0..<30 {
        let from = start.adding(days: c * 120 + 1)
        let review = from.adding(days: 100)
        var edits: [PupilEdit] = [
          .startCycle(on: from, carryForward: false),
          .enterStage(.plan, on: from.adding(days: 7)),
        ]
        for o in 0..<3 {
          edits.append(
            .addOutcome(
              Outcome(
                area: .communicationAndInteraction,
                text: "Takes part in a conversation of four turns in a small group (\(c).\(o))",
                successCriteria: "Seen three times in a week by the class teacher",
                targetDate: review)))
        }
        edits += [
          .setProfile(
            PupilProfile(
              strengths: "Kind and curious; loves building things", needs: "Expressive language",
              whatWorks: "Visual prompts and time to answer")),
          .setStrategies(["Visual timetable", "Pre-teach vocabulary", "Wait ten seconds"]),
          .setPupilVoice("I like it when I can draw my ideas first (\(c))."),
          .setParentViews("He talks more at home now (\(c))."),
          .setTrainingNeeds("Makaton refresher (\(c))"),
          .recordAgreement(Agreement(agreedBy: "Parents and pupil", on: from.adding(days: 8))),
          .setReviewDate(review),
          .enterStage(.do, on: from.adding(days: 14)),
          .setTrainingNeeds("Makaton refresher done (\(c))"),
          .enterStage(.review, on: review),
        ]
        for edit in edits { try batch.step { try $0.edit(id, edit, today: today) } }
        // Contacts and concerns through the cycle: 1,000 in all.
        let count = c < 10 ? 34 : 33
        for k in 0..<count {
          let kind: LogKind = k % 4 == 0 ? .concern : (k % 4 == 1 ? .meeting : .call)
          let entry = LogEntry(
            kind: kind, date: from.adding(days: 15 + k * 2), who: "Ms Staff \(note % 7)",
            withParents: kind != .concern,
            summary: "Talked about his week: settled in class, more words at break (\(note)).")
          try batch.step { try $0.edit(id, .log(entry), today: today) }
          note += 1
        }
        try batch.step { step in
          guard let cycle = try step.pupil(id)?.currentCycle else { return }
          let ratings = cycle.plan.outcomes.map {
            OutcomeRating(outcomeID: $0.id, rating: .achieved)
          }
          try step.edit(
            id,
            .recordReview(
              Review(date: review, ratings: ratings, progress: .expected, decision: .continue)),
            today: today)
        }
      }
    }
    return id
  }
}
