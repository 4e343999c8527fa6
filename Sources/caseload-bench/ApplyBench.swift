import ArgumentParser
import CaseloadCore
import Foundation

/// Times `caseload apply` of a generated file: pupils with five school years of history each (SEN support from
/// the start, two reviewed cycles a year, parent meetings, calls and a concern), about 50 lines a pupil.
struct ApplyMeasure: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "apply", abstract: "Time caseload apply of a generated history (whole processes).")
  @Option(help: "Pupils in the generated file.") var pupils = 2_000
  @Option(help: "Folder for the file and the stores.") var folder = "/tmp/caseload-bench-apply"
  @Option var runs = 3
  @Option var today = "2026-11-29"

  func run() throws {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
      .appendingPathComponent("caseload").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let file = "\(folder)/history-\(pupils).jsonl"
    let text = Self.history(pupils: pupils)
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let lines = text.split(separator: "\n").count
    var dry: [Double] = []
    var apply: [Double] = []
    var size = 0
    for n in 0..<runs {
      let store = "\(folder)/store-\(n).sqlite"
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: store + suffix)
      }
      dry.append(
        try Measure.time(exe, ["apply", file, "--dry-run", "--store", store, "--today", today]))
      apply.append(try Measure.time(exe, ["apply", file, "--store", store, "--today", today]))
      size = (try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int) ?? 0
      for suffix in ["", "-wal", "-shm"] {
        try? FileManager.default.removeItem(atPath: store + suffix)
      }
    }
    print("| caseload apply, \(pupils) pupils, \(lines) lines (whole process, ms) | p50 / p95 |")
    print("|---|---:|")
    print("| dry run, no store yet | \(Measure.fmt(dry)) |")
    print("| apply into a new store (one step) | \(Measure.fmt(apply)) |")
    print("store after: \(size / 1_048_576) MB")
  }

  /// Five school years from September 2021 for each pupil; every date before 29/11/2026.
  static func history(pupils: Int) -> String {
    var out = ""
    out.reserveCapacity(pupils * 12_000)
    func line(_ s: String) { out += s + "\n" }
    let given = ["Amara", "Oisín", "Zoë", "Kacper", "Priya", "Björn", "Siobhán", "Ayşe"]
    let family = ["Testington", "Plumtree", "Quillfeather", "Brackenby", "Ndlovu-Price", "Åkesson"]
    for n in 0..<pupils {
      let who = "p\(n)"
      let born = 2012 + n % 4
      line(
        #"{"new": {"name": ["\#(given[n % given.count])", "\#(family[n % family.count])"], "dateOfBirth": "\#(born)-0\#(1 + n % 9)-1\#(n % 9)", "joined": "2021-09-01", "team": [["senco", "Mrs H Greenhow"], ["parent-carer", "Parent \#(n)"]]}, "as": "\#(who)"}"#
      )
      line(
        #"{"pupil": "\#(who)", "startSENSupport": {"on": "2021-09-06", "needs": ["SPLD"], "told": "2021-09-06"}}"#
      )
      for year in 2021...2025 {
        let y1 = year + 1
        line(
          #"{"pupil": "\#(who)", "log": {"kind": "concern", "on": "\#(year)-10-04", "who": "Class teacher", "summary": "Spelling lags behind reading; copies slowly from the board.", "action": "Check the word list at home.", "followUp": "\#(year)-10-18", "followUpDone": "\#(year)-10-18"}}"#
        )
        for (start, review) in [("\(year)-09-13", "\(year)-12-06"), ("\(y1)-01-10", "\(y1)-04-04")]
        {
          line(
            #"{"pupil": "\#(who)", "cycle": {"start": "\#(start)", "plan": "\#(start)", "outcomes": [{"area": "SPLD", "text": "Spells 20 of the statutory words in dictation.", "criteria": "20 of 20 twice", "target": "\#(review)"}], "provision": [{"what": "Precision teaching", "by": "Mrs Dawson", "sessions": 5, "minutes": 10, "weeks": 10, "role": "Teaching assistant", "start": "\#(start)", "for": [1]}], "reviewDate": "\#(review)", "agreed": {"by": "Parent \#(n)", "on": "\#(start)"}, "do": "\#(start)", "reviewed": {"on": "\#(review)", "ratings": ["partly"], "progress": "expected", "decision": "continue"}}}"#
          )
        }
        for (month, kind) in [
          ("11-15", "meeting"), ("02-07", "meeting"), ("05-09", "meeting"), ("03-14", "call"),
          ("06-13", "email"), ("06-27", "letter"),
        ] {
          let y = month.hasPrefix("11") ? year : y1
          line(
            #"{"pupil": "\#(who)", "log": {"kind": "\#(kind)", "on": "\#(y)-\#(month)", "who": "Parent \#(n)", "parents": true, "summary": "Talked through the plan and what helps at home."}}"#
          )
        }
        line(
          #"{"pupil": "\#(who)", "log": {"kind": "note", "on": "\#(y1)-07-11", "who": "Pupil", "summary": "I like the spelling games in \#(y1)."}}"#
        )
      }
    }
    return out
  }
}
