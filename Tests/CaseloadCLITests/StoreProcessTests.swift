import CaseloadCore
import CaseloadStore
import Foundation
import Testing

/// The store's promises, tested with real processes writing to one file.
@Suite(.serialized) struct StoreProcessTests {
  @Test func twoProcessesCommittingAtOnceLoseNothing() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    // Create the pupil first so neither writer races to add them.
    try run(
      Binary.bench,
      ["hammer", "--store", path, "--pupil", "pshared", "--count", "1", "--label", "setup"])
    let writers = ["first", "second"].map { label -> Process in
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Binary.bench)
      p.arguments = [
        "hammer", "--store", path, "--pupil", "pshared", "--count", "500", "--label", label,
      ]
      p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
      let err = Pipe()
      p.standardError = err
      return p
    }
    for w in writers { try w.run() }
    for w in writers { w.waitUntilExit() }
    for w in writers {
      let stderr = String(
        decoding: (w.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(),
        as: UTF8.self)
      #expect(w.terminationStatus == 0, "writer failed: \(stderr)")
      #expect(!stderr.contains("locked"))
    }
    let store = try Store.open(at: path, create: false)
    let pupil = try #require(try store.pupil(AggregateID("pshared"))).value
    #expect(try store.eventCount() == 1 + 1 + 1_000)  // creation, setup note, 1,000 notes
    for label in ["first", "second"] {
      let notes = Set(pupil.chronology.map(\.summary).filter { $0.hasPrefix(label + " ") })
      #expect(notes.count == 500)
    }
    #expect(try store.integrityCheck() == "ok")
  }

  @Test func aWriterKilledMidBurstLosesNoAcknowledgedEdit() throws {
    let folder = TemporaryFolder()
    let path = folder.file("caseload.sqlite")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Binary.bench)
    p.arguments = [
      "hammer", "--store", path, "--pupil", "pkill", "--count", "100000", "--label", "burst",
    ]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    var acknowledged = 0
    var buffer = ""
    let reader = out.fileHandleForReading
    while acknowledged < 300 {
      let chunk = reader.availableData
      if chunk.isEmpty { break }
      buffer += String(decoding: chunk, as: UTF8.self)
      let lines = buffer.split(separator: "\n", omittingEmptySubsequences: false)
      for line in lines.dropLast() where line.hasPrefix("ack ") {
        acknowledged = Int(line.dropFirst(4)) ?? acknowledged
      }
      buffer = String(lines.last ?? "")
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal)
    #expect(acknowledged >= 300)

    let store = try Store.open(at: path, create: false)
    #expect(try store.integrityCheck() == "ok")
    let notes = Set(
      try #require(try store.pupil(AggregateID("pkill"))).value.chronology.map(\.summary))
    for k in 1...acknowledged {
      #expect(notes.contains("burst \(k)"), "acknowledged edit \(k) is missing")
    }
  }
}
