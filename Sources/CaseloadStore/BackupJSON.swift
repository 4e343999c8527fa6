import Foundation

/// JSON written and read byte by byte for full backups: the stored documents go into the file as they are and
/// come back out as the same bytes, which a `Codable` round trip cannot promise, and a store with a hundred
/// thousand events is written in well under a second.
struct BackupJSONWriter {
  private(set) var bytes: [UInt8] = []
  /// Called with each full chunk, so a large store never sits in memory whole.
  let sink: (Data) throws -> Void
  static let chunk = 1 << 20

  init(sink: @escaping (Data) throws -> Void) {
    self.sink = sink
    bytes.reserveCapacity(Self.chunk + 65_536)
  }

  mutating func raw(_ s: StaticString) {
    s.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  mutating func raw(_ data: Data) {
    data.withUnsafeBytes { bytes.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
  }

  mutating func string(_ s: String) {
    Canonical.appendString(Array(s.utf8), to: &bytes)
  }

  mutating func string(_ s: String?) {
    if let s { string(s) } else { raw("null") }
  }

  mutating func int(_ n: Int64?) {
    if let n { bytes.append(contentsOf: String(n).utf8) } else { raw("null") }
  }

  mutating func int(_ n: Int?) { int(n.map(Int64.init)) }

  /// A document as stored (compact JSON, one line), or null.
  mutating func document(_ data: Data?) throws {
    guard let data, !data.isEmpty else { return raw("null") }
    let whole = data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
      let b = buffer.bindMemory(to: UInt8.self)
      guard b.first == UInt8(ascii: "{"), b.last == UInt8(ascii: "}"),
        memchr(buffer.baseAddress!, 0x0A, buffer.count) == nil
      else { return false }
      bytes.append(contentsOf: b)
      return true
    }
    guard whole else {
      throw StoreError(
        .damaged, "A record in the store is not a JSON document; the store may be damaged.")
    }
  }

  /// An event's change list as stored (compact JSON, one line).
  mutating func changeList(_ data: Data?) throws {
    let whole = data.map { data in
      data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Bool in
        let b = buffer.bindMemory(to: UInt8.self)
        guard b.first == UInt8(ascii: "["), b.last == UInt8(ascii: "]"), !b.contains(0x0A) else {
          return false
        }
        bytes.append(contentsOf: b)
        return true
      }
    }
    guard whole == true else {
      throw StoreError(
        .damaged, "An event in the store's history cannot be read; the store may be damaged.")
    }
  }

  /// `"key": `
  mutating func key(_ s: StaticString, first: Bool = false) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    bytes.append(0x22)
    raw(s)
    raw("\":")
  }

  mutating func flushIfFull() throws {
    if bytes.count >= Self.chunk { try flush() }
  }

  mutating func flush() throws {
    guard !bytes.isEmpty else { return }
    try sink(Data(bytes))
    bytes.removeAll(keepingCapacity: true)
  }
}

/// Reads a backup: strings, integers and null are decoded; documents are handed back as the exact bytes that
/// were written. Reads straight from the file's bytes, which must outlive the reader.
struct BackupJSONReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var i = 0

  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  struct Malformed: Error {
    var offset: Int
    var reason: String
  }

  func fail(_ reason: String) -> Malformed { Malformed(offset: i, reason: reason) }

  mutating func skipSpace() {
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    {
      i += 1
    }
  }

  mutating func expect(_ c: Character) throws {
    skipSpace()
    guard i < bytes.count, bytes[i] == c.asciiValue! else { throw fail("expected “\(c)”") }
    i += 1
  }

  /// The next byte after white space, without taking it.
  mutating func peek() -> UInt8? {
    skipSpace()
    return i < bytes.count ? bytes[i] : nil
  }

  mutating func takeNull() -> Bool {
    skipSpace()
    guard bytes.count - i >= 4, bytes[i] == 0x6E, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C,
      bytes[i + 3] == 0x6C
    else { return false }
    i += 4
    return true
  }

  /// Calls `body` with each key of an object; `body` must read the key's value.
  mutating func object(_ body: (inout BackupJSONReader, String) throws -> Void) throws {
    try expect("{")
    if peek() == UInt8(ascii: "}") {
      i += 1
      return
    }
    while true {
      let key = try string()
      try expect(":")
      try body(&self, key)
      skipSpace()
      guard i < bytes.count else { throw fail("the file ends inside an object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return
      }
      throw fail("expected “,” or “}”")
    }
  }

  /// Calls `body` for each element of an array; `body` must read the element.
  mutating func array(_ body: (inout BackupJSONReader) throws -> Void) throws {
    try expect("[")
    if peek() == UInt8(ascii: "]") {
      i += 1
      return
    }
    while true {
      try body(&self)
      skipSpace()
      guard i < bytes.count else { throw fail("the file ends inside a list") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return
      }
      throw fail("expected “,” or “]”")
    }
  }

  mutating func string() throws -> String {
    skipSpace()
    var parser = Canonical.Parser(p: bytes)
    parser.i = i
    defer { i = parser.i }
    do {
      return String(decoding: try parser.string(), as: UTF8.self)
    } catch let m as JSONBytes.Malformed {
      throw Malformed(offset: m.offset, reason: m.reason)
    }
  }

  mutating func optionalString() throws -> String? { takeNull() ? nil : try string() }

  mutating func int() throws -> Int64 {
    skipSpace()
    let start = i
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
    guard i > start, let n = Int64(String(decoding: bytes[start..<i], as: UTF8.self)) else {
      throw fail("expected a whole number")
    }
    return n
  }

  mutating func optionalInt() throws -> Int64? { takeNull() ? nil : try int() }

  /// An object read whole and handed back in the form Caseload stores (compact, keys sorted), or nil for null:
  /// a backup another tool pretty-printed or re-escaped restores as the bytes Caseload wrote.
  mutating func document() throws -> Data? {
    if takeNull() { return nil }
    guard peek() == UInt8(ascii: "{") else { throw fail("expected a document (an object) or null") }
    return Data(try canonicalValue())
  }

  /// Any value, checked strictly and brought to the stored form.
  mutating func canonicalValue() throws -> [UInt8] {
    skipSpace()
    var parser = Canonical.Parser(p: bytes)
    parser.i = i
    var out: [UInt8] = []
    do {
      try parser.value(into: &out, depth: 0)
    } catch let m as JSONBytes.Malformed {
      throw Malformed(offset: m.offset, reason: m.reason)
    }
    i = parser.i
    return out
  }

  /// Steps over any value, however deep, without recursion.
  mutating func skipValue() throws {
    do {
      i = try JSONBytes.skipValue(bytes, i)
    } catch let m as JSONBytes.Malformed {
      throw Malformed(offset: m.offset, reason: m.reason)
    }
  }

  mutating func end() throws {
    skipSpace()
    guard i == bytes.count else { throw fail("more follows the end of the backup") }
  }
}
