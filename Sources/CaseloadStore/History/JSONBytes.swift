/// JSON read as bytes, without building a tree: the history works on stored documents (compact, sorted keys) a
/// slice at a time, so a change to a large record costs what changed, not the record.
///
/// Every read checks its bounds and nesting, so damaged bytes give `JSONBytes.Malformed`, never a trap.
enum JSONBytes {
  struct Malformed: Error, Hashable {
    var offset: Int
    var reason: String
  }

  /// Deeper nesting than any record has: a crafted file cannot exhaust the stack or the time.
  static let maxDepth = 64

  typealias Bytes = UnsafeBufferPointer<UInt8>

  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  static func skipSpace(_ p: Bytes, _ i: Int) -> Int {
    var i = i
    while i < p.count, isSpace(p[i]) { i += 1 }
    return i
  }

  /// The index just past the string whose opening quote is at `i`: finds each quote with `memchr` and counts
  /// the backslashes before it, since most of a record's bytes are text.
  @inline(__always)
  static func skipString(_ p: Bytes, _ i: Int) throws -> Int {
    guard i < p.count, p[i] == 0x22, let base = p.baseAddress else {
      throw Malformed(offset: i, reason: "expected a string")
    }
    var from = i + 1
    while from < p.count {
      guard let hit = memchr(base + from, 0x22, p.count - from) else { break }
      let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      var k = quote - 1
      var backslashes = 0
      while k > i, p[k] == 0x5C {
        backslashes += 1
        k -= 1
      }
      if backslashes % 2 == 0 { return quote + 1 }
      from = quote + 1
    }
    throw Malformed(offset: p.count, reason: "a string does not end")
  }

  /// The index just past the value that starts at `i` (after any spaces). Checks brackets and quotes only:
  /// `canonical` is the full check for bytes from outside.
  static func skipValue(_ p: Bytes, _ start: Int) throws -> Int {
    var i = skipSpace(p, start)
    guard i < p.count else { throw Malformed(offset: i, reason: "a value is missing") }
    switch p[i] {
    case 0x22: return try skipString(p, i)
    case 0x7B, 0x5B:
      var depth = 0
      while i < p.count {
        switch p[i] {
        case 0x22:
          i = try skipString(p, i)
          continue
        case 0x7B, 0x5B:
          depth += 1
          guard depth <= maxDepth else { throw Malformed(offset: i, reason: "nested too deeply") }
        case 0x7D, 0x5D:
          depth -= 1
          if depth == 0 { return i + 1 }
        default: break
        }
        i += 1
      }
      throw Malformed(offset: p.count, reason: "an object or list does not end")
    default:
      let first = i
      while i < p.count {
        let c = p[i]
        if c == 0x2C || c == 0x7D || c == 0x5D || isSpace(c) { break }
        i += 1
      }
      guard i > first else { throw Malformed(offset: i, reason: "a value is missing") }
      return i
    }
  }

  /// The members of the object at `range`: each key (its quoted bytes) and value.
  static func members(_ p: Bytes, _ range: Range<Int>) throws -> [(
    key: Range<Int>, value: Range<Int>
  )] {
    var i = skipSpace(p, range.lowerBound)
    guard i < range.upperBound, p[i] == 0x7B else {
      throw Malformed(offset: i, reason: "expected an object")
    }
    i = skipSpace(p, i + 1)
    var out: [(key: Range<Int>, value: Range<Int>)] = []
    if i < range.upperBound, p[i] == 0x7D { return out }
    while true {
      let keyStart = i
      i = try skipString(p, i)
      let key = keyStart..<i
      i = skipSpace(p, i)
      guard i < range.upperBound, p[i] == 0x3A else {
        throw Malformed(offset: i, reason: "expected ':'")
      }
      let valueStart = skipSpace(p, i + 1)
      i = try skipValue(p, valueStart)
      out.append((key, valueStart..<i))
      i = skipSpace(p, i)
      guard i < range.upperBound else {
        throw Malformed(offset: i, reason: "an object does not end")
      }
      if p[i] == 0x2C {
        i = skipSpace(p, i + 1)
        continue
      }
      guard p[i] == 0x7D else { throw Malformed(offset: i, reason: "expected ',' or '}'") }
      return out
    }
  }

  /// The elements of the list at `range`.
  static func elements(_ p: Bytes, _ range: Range<Int>) throws -> [Range<Int>] {
    var i = skipSpace(p, range.lowerBound)
    guard i < range.upperBound, p[i] == 0x5B else {
      throw Malformed(offset: i, reason: "expected a list")
    }
    i = skipSpace(p, i + 1)
    var out: [Range<Int>] = []
    if i < range.upperBound, p[i] == 0x5D { return out }
    while true {
      let start = i
      i = try skipValue(p, i)
      out.append(start..<i)
      i = skipSpace(p, i)
      guard i < range.upperBound else { throw Malformed(offset: i, reason: "a list does not end") }
      if p[i] == 0x2C {
        i = skipSpace(p, i + 1)
        continue
      }
      guard p[i] == 0x5D else { throw Malformed(offset: i, reason: "expected ',' or ']'") }
      return out
    }
  }

  static func isObject(_ p: Bytes, _ r: Range<Int>) -> Bool {
    !r.isEmpty && p[r.lowerBound] == 0x7B
  }
  static func isArray(_ p: Bytes, _ r: Range<Int>) -> Bool { !r.isEmpty && p[r.lowerBound] == 0x5B }

  static func equal(_ p: Bytes, _ a: Range<Int>, _ q: Bytes, _ b: Range<Int>) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    guard let x = p.baseAddress, let y = q.baseAddress else { return false }
    return memcmp(x + a.lowerBound, y + b.lowerBound, a.count) == 0
  }

  /// A JSON string's bytes (with quotes) for a key written by Caseload: plain text needs no escapes.
  static func quoted(_ key: String) -> [UInt8] {
    var out: [UInt8] = []
    Canonical.appendString(Array(key.utf8), to: &out)
    return out
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
