import CaseloadCore
import Foundation
import Testing

@testable import CaseloadStore

/// A JSON value for generating documents: written canonically (compact, keys in byte order).
indirect enum Tree: Equatable {
  case number(Int)
  case text(String)
  case flag(Bool)
  case none
  case list([Tree])
  case object([String: Tree])

  var bytes: [UInt8] {
    switch self {
    case .number(let n): return Array(String(n).utf8)
    case .text(let s):
      var out: [UInt8] = []
      Canonical.appendString(Array(s.utf8), to: &out)
      return out
    case .flag(let b): return Array((b ? "true" : "false").utf8)
    case .none: return Array("null".utf8)
    case .list(let items):
      return [0x5B] + items.map(\.bytes).joined(separator: [0x2C]) + [0x5D]
    case .object(let members):
      let sorted = members.sorted {
        Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8))
      }
      return [0x7B]
        + sorted.map { Tree.text($0.key).bytes + [0x3A] + $0.value.bytes }.joined(separator: [0x2C])
        + [0x7D]
    }
  }

  static func random(_ rng: inout SeededRandom, depth: Int = 0) -> Tree {
    let roll = rng.next() % (depth > 3 ? 4 : 7)
    switch roll {
    case 0: return .number(Int(rng.next() % 1000) - 500)
    case 1:
      return .text(["", "Zoë", "a \"quote\"", "line\nbreak", "Oisín", "x"][Int(rng.next() % 6)])
    case 2: return .flag(rng.next() % 2 == 0)
    case 3: return .none
    case 4, 5:
      return .list((0..<Int(rng.next() % 6)).map { _ in random(&rng, depth: depth + 1) })
    default:
      var m: [String: Tree] = [:]
      for _ in 0..<Int(rng.next() % 6) {
        m[["id", "name", "Ab", "b", "chronology", "é", "z9", "z10"][Int(rng.next() % 8)]] = random(
          &rng, depth: depth + 1)
      }
      return .object(m)
    }
  }

  /// The tree with a few random changes somewhere inside.
  func mutated(_ rng: inout SeededRandom, depth: Int = 0) -> Tree {
    switch self {
    case .list(var items):
      switch rng.next() % 4 {
      case 0:
        items.insert(
          Tree.random(&rng, depth: depth + 1), at: Int(rng.next() % UInt64(items.count + 1)))
      case 1 where !items.isEmpty: items.remove(at: Int(rng.next() % UInt64(items.count)))
      case 2 where !items.isEmpty:
        let k = Int(rng.next() % UInt64(items.count))
        items[k] = items[k].mutated(&rng, depth: depth + 1)
      default: items.append(Tree.random(&rng, depth: depth + 1))
      }
      return .list(items)
    case .object(var m):
      let key = ["id", "name", "Ab", "b", "chronology", "é", "z9", "z10", "new"][
        Int(rng.next() % 9)]
      switch rng.next() % 3 {
      case 0: m[key] = nil
      case 1:
        m[key] = m[key]?.mutated(&rng, depth: depth + 1) ?? Tree.random(&rng, depth: depth + 1)
      default: m[key] = Tree.random(&rng, depth: depth + 1)
      }
      return .object(m)
    default: return Tree.random(&rng, depth: depth)
    }
  }
}

@Suite("History as changes") struct DocumentDeltaTests {
  @Test(arguments: 1...8)
  func aDeltaTurnsBeforeIntoAfterAndBackAgain(seed: Int) throws {
    var rng = SeededRandom(seed: UInt64(seed))
    for _ in 0..<300 {
      var before = Tree.random(&rng)
      if case .object = before {} else { before = .object(["chronology": before]) }
      var after = before
      for _ in 0...Int(rng.next() % 3) { after = after.mutated(&rng) }
      let (a, b) = (before.bytes, after.bytes)
      let delta = try DocumentDelta.between(a, b)
      #expect(
        try delta.apply(to: a) == b,
        "\(String(decoding: a, as: UTF8.self)) → \(String(decoding: b, as: UTF8.self))")
      #expect(try delta.reversed.apply(to: b) == a)
      #expect(try DocumentDelta(json: delta.json) == delta)
      #expect(
        try Canonical.canonical(delta.json) == delta.json, "the change list is itself canonical")
      if a == b { #expect(delta.changes.isEmpty) }
    }
  }

  @Test func creatingAndRemovingARecordAreChangesOfTheWholeRecord() throws {
    let doc = Tree.object(["id": .text("p1")]).bytes
    let made = try DocumentDelta.between([], doc)
    #expect(made.json == Array(#"[{"after":{"id":"p1"},"path":[]}]"#.utf8))
    #expect(try made.apply(to: []) == doc)
    #expect(try made.reversed.apply(to: doc) == [])
    #expect(try DocumentDelta.between(doc, []).apply(to: doc) == [])
  }

  @Test func applyingToARecordThatIsNotAsTheChangeSaysIsRefused() throws {
    let a = Tree.object(["name": .text("Ada"), "list": .list([.number(1), .number(2)])]).bytes
    let b = Tree.object([
      "name": .text("Ada L"), "list": .list([.number(1), .number(2), .number(3)]),
    ]).bytes
    let other = Tree.object(["name": .text("Bea"), "list": .list([.number(1)])]).bytes
    let delta = try DocumentDelta.between(a, b)
    #expect(throws: DocumentDelta.Mismatch.self) { try delta.apply(to: other) }
    #expect(throws: (any Error).self) { try delta.apply(to: []) }
    #expect(throws: (any Error).self) { try DocumentDelta(json: Array("[{\"at\":1}]".utf8)) }
  }

  /// The heart of the format: an event costs what changed, whatever the length of the record's history.
  @Test func aContactOnAPupilWithAThousandContactsCostsTheContact() throws {
    var pupil = Pupil(
      id: AggregateID("pheavy"), legalName: PersonName(given: "Amir", family: "Haddad"),
      dateOfBirth: Day(iso: "2015-01-10")!)
    for i in 0..<1_000 {
      pupil = try PupilEdit.log(
        LogEntry(
          kind: i % 5 == 0 ? .concern : .meeting, date: today.adding(days: -i), who: "Staff",
          summary: "Note \(i)")
      ).apply(to: pupil, today: today)
    }
    let before = [UInt8](try Documents.encode(pupil))
    let next = try PupilEdit.log(
      LogEntry(
        kind: .call, date: today, who: "Mum", withParents: true, summary: "Called about the trip")
    ).apply(to: pupil, today: today)
    let after = [UInt8](try Documents.encode(next))
    let delta = try HistoryDelta.make(before, after)
    #expect(before.count > 100_000)
    #expect(
      delta.json.count <= 1_024,
      "\(delta.json.count) bytes: \(String(decoding: delta.json, as: UTF8.self))")
  }

  @Test func aBackupPrettyPrintedOrReEscapedByAnotherToolComesBackAsStored() throws {
    let stored = Array(#"{"a":"Zoë \"x\"\n\u0001","b":[1,2.5,-3e+2,true,null],"c":{}}"#.utf8)
    let pretty = Array(
      """
      {
          "c": { },
          "b": [ 1, 2.5, -3e+2, true, null ],
          "a": "Zo\\u00eb \\"x\\"\\n\\u0001"
      }
      """.utf8)
    #expect(try Canonical.canonical(pretty) == stored)
    #expect(try Canonical.canonical(Array(#"["\ud83d\ude00"]"#.utf8)) == Array(#"["😀"]"#.utf8))
  }

  @Test(arguments: [
    #"["\udc00"]"#, #"["\ud83d"]"#, #"["\ud83d\u0041"]"#, #"["\u12"]"#, #"{"a":1,"a":2}"#, "[1,]",
    "{\"a\"}", "01",
    "[\"\u{1}\"]", "nul", "[1e]", "",
  ])
  func malformedJSONIsRefusedNotTrapped(text: String) {
    #expect(throws: JSONBytes.Malformed.self) { try Canonical.canonical(Array(text.utf8)) }
  }

  @Test func deepNestingIsRefusedWithoutExhaustingTheStack() {
    let deep =
      Array(repeating: UInt8(ascii: "["), count: 100_000)
      + Array(repeating: UInt8(ascii: "]"), count: 100_000)
    #expect(throws: JSONBytes.Malformed.self) { try Canonical.canonical(deep) }
    #expect(throws: JSONBytes.Malformed.self) {
      try deep.withUnsafeBufferPointer { try JSONBytes.skipValue($0, 0) }
    }
  }

  /// The store encodes a large pupil from the items it encoded before: the bytes must be the encoder's exactly.
  @Test func aPupilEncodedFromCachedItemsIsTheEncodersBytes() throws {
    let cache = PupilCache()
    var pupil = Pupil(
      id: AggregateID("pmany"), legalName: PersonName(given: "Zoë", family: "Ndlovu-Price"),
      dateOfBirth: Day(iso: "2016-01-10")!)
    pupil = try PupilEdit.startSENSupport(
      on: today.adding(days: -400), needs: [.SLCN], parentsInformed: nil
    )
    .apply(to: pupil, today: today)
    for i in 0..<40 {
      pupil = try PupilEdit.log(
        LogEntry(
          kind: .meeting, date: today.adding(days: -i), who: "Mr \"Q\" \(i)",
          summary: "Note \(i)\n—")
      )
      .apply(to: pupil, today: today)
      #expect(try cache.encode(pupil) == [UInt8](try Documents.encode(pupil)))
    }
    var changed = pupil
    changed.chronology[7].summary = "Changed in the middle"
    changed.chronology.remove(at: 3)
    #expect(try cache.encode(changed) == [UInt8](try Documents.encode(changed)))
    #expect(try cache.encode(pupil) == [UInt8](try Documents.encode(pupil)))
  }

  /// A process that has a pupil decoded still sees another process's later save of them.
  @Test func anotherSessionsSaveIsSeenThroughTheCache() throws {
    let folder = TemporaryFolder()
    let a = try openStore(folder, as: alice)
    let b = try openStore(folder, as: bob)
    let id = try addSupportedPupil(a)
    for i in 0..<20 {
      try a.edit(
        id, .log(LogEntry(kind: .note, date: today, who: "A", summary: "a \(i)")), today: today)
    }
    _ = try a.pupil(id)
    try b.edit(id, .setPupilVoice("Bob's words"), today: today)
    #expect(try a.pupil(id)?.value.cycles.last?.plan.pupilVoice == "Bob's words")
    try a.edit(
      id, .log(LogEntry(kind: .note, date: today, who: "A", summary: "after Bob")), today: today)
    let seen = try #require(try b.pupil(id)?.value)
    #expect(seen.cycles.last?.plan.pupilVoice == "Bob's words")
    #expect(seen.chronology.last?.summary == "after Bob")
    try ReplayTests.expectUnbrokenHistory(a)
  }
}
