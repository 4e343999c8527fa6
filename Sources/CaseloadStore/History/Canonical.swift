/// Any valid JSON brought to the form Caseload stores its records in: no spaces, keys in byte order, strings
/// escaped as Swift's `JSONEncoder` escapes them, numbers as written. A backup that another tool pretty-printed or
/// re-escaped (`python3 -m json.tool`) comes back as the bytes Caseload wrote, so its history still chains.
///
/// This is the strict reader for bytes from outside: every escape is checked (a lone surrogate is refused), text
/// must be UTF-8, nesting is limited, and a key may not appear twice.
enum Canonical {
  static func canonical(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [UInt8] {
    var parser = Parser(p: bytes)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    try parser.value(into: &out, depth: 0)
    parser.i = JSONBytes.skipSpace(bytes, parser.i)
    guard parser.i == bytes.count else { throw parser.fail("text after the value") }
    return out
  }

  static func canonical(_ bytes: [UInt8]) throws -> [UInt8] {
    try bytes.withUnsafeBufferPointer { try canonical($0) }
  }

  /// Appends `text` (UTF-8, unescaped) as a JSON string.
  static func appendString(_ text: [UInt8], to out: inout [UInt8]) {
    out.append(0x22)
    for b in text {
      switch b {
      case 0x22: out.append(contentsOf: [0x5C, 0x22])
      case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
      case 0x08: out.append(contentsOf: [0x5C, 0x62])
      case 0x0C: out.append(contentsOf: [0x5C, 0x66])
      case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
      case 0x0D: out.append(contentsOf: [0x5C, 0x72])
      case 0x09: out.append(contentsOf: [0x5C, 0x74])
      case 0..<0x20:
        out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
      default: out.append(b)
      }
    }
    out.append(0x22)
  }

  static let hex = Array("0123456789abcdef".utf8)

  struct Parser {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    init(p: UnsafeBufferPointer<UInt8>) { self.p = p }

    func fail(_ reason: String) -> JSONBytes.Malformed {
      JSONBytes.Malformed(offset: i, reason: reason)
    }

    mutating func value(into out: inout [UInt8], depth: Int) throws {
      guard depth < JSONBytes.maxDepth else { throw fail("nested too deeply") }
      i = JSONBytes.skipSpace(p, i)
      guard i < p.count else { throw fail("a value is missing") }
      switch p[i] {
      case 0x7B: try object(into: &out, depth: depth)
      case 0x5B: try array(into: &out, depth: depth)
      case 0x22: Canonical.appendString(try string(), to: &out)
      case 0x74: try literal("true", into: &out)
      case 0x66: try literal("false", into: &out)
      case 0x6E: try literal("null", into: &out)
      default: try number(into: &out)
      }
    }

    mutating func literal(_ word: String, into out: inout [UInt8]) throws {
      let bytes = Array(word.utf8)
      guard i + bytes.count <= p.count, Array(p[i..<(i + bytes.count)]) == bytes
      else { throw fail("not a JSON value") }
      out.append(contentsOf: bytes)
      i += bytes.count
    }

    mutating func number(into out: inout [UInt8]) throws {
      let start = i
      func digits() -> Int {
        let s = i
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        return i - s
      }
      if i < p.count, p[i] == 0x2D { i += 1 }
      guard i < p.count, p[i] >= 0x30, p[i] <= 0x39 else { throw fail("not a JSON value") }
      if p[i] == 0x30 { i += 1 } else { _ = digits() }
      if i < p.count, p[i] == 0x2E {
        i += 1
        guard digits() > 0 else { throw fail("a number has no digits after its point") }
      }
      if i < p.count, p[i] == 0x65 || p[i] == 0x45 {
        i += 1
        if i < p.count, p[i] == 0x2B || p[i] == 0x2D { i += 1 }
        guard digits() > 0 else { throw fail("a number's exponent has no digits") }
      }
      out.append(contentsOf: p[start..<i])
    }

    /// The string at `i`, unescaped, as UTF-8.
    mutating func string() throws -> [UInt8] {
      guard i < p.count, p[i] == 0x22 else { throw fail("expected a string") }
      i += 1
      var text: [UInt8] = []
      while true {
        guard i < p.count else { throw fail("a string does not end") }
        let c = p[i]
        switch c {
        case 0x22:
          i += 1
          guard String(validating: text, as: UTF8.self) != nil else {
            throw fail("a string is not UTF-8 text")
          }
          return text
        case 0x5C:
          guard i + 1 < p.count else { throw fail("a string does not end") }
          let e = p[i + 1]
          i += 2
          switch e {
          case 0x22, 0x5C, 0x2F: text.append(e)
          case 0x62: text.append(0x08)
          case 0x66: text.append(0x0C)
          case 0x6E: text.append(0x0A)
          case 0x72: text.append(0x0D)
          case 0x74: text.append(0x09)
          case 0x75:
            var unit = try hex4()
            if (0xDC00...0xDFFF).contains(unit) { throw fail("a \\u escape is half a character") }
            if (0xD800...0xDBFF).contains(unit) {
              guard i + 1 < p.count, p[i] == 0x5C, p[i + 1] == 0x75 else {
                throw fail("a \\u escape is half a character")
              }
              i += 2
              let low = try hex4()
              guard (0xDC00...0xDFFF).contains(low) else {
                throw fail("a \\u escape is half a character")
              }
              unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(unit) else {
              throw fail("a \\u escape is not a character")
            }
            text.append(contentsOf: Array(String(Character(scalar)).utf8))
          default: throw fail("an unknown escape in a string")
          }
        case 0..<0x20: throw fail("a control character inside a string")
        default:
          text.append(c)
          i += 1
        }
      }
    }

    mutating func hex4() throws -> UInt32 {
      guard i + 4 <= p.count else { throw fail("a \\u escape is cut short") }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let c = p[i]
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        default: throw fail("a \\u escape is not four hex digits")
        }
        v = v << 4 | d
        i += 1
      }
      return v
    }

    mutating func array(into out: inout [UInt8], depth: Int) throws {
      i += 1
      out.append(0x5B)
      i = JSONBytes.skipSpace(p, i)
      if i < p.count, p[i] == 0x5D {
        i += 1
        out.append(0x5D)
        return
      }
      while true {
        try value(into: &out, depth: depth + 1)
        i = JSONBytes.skipSpace(p, i)
        guard i < p.count else { throw fail("a list does not end") }
        if p[i] == 0x2C {
          i += 1
          out.append(0x2C)
          continue
        }
        guard p[i] == 0x5D else { throw fail("expected ',' or ']'") }
        i += 1
        out.append(0x5D)
        return
      }
    }

    mutating func object(into out: inout [UInt8], depth: Int) throws {
      i += 1
      i = JSONBytes.skipSpace(p, i)
      var members: [(key: [UInt8], value: [UInt8])] = []
      if i < p.count, p[i] == 0x7D {
        i += 1
        out.append(contentsOf: [0x7B, 0x7D])
        return
      }
      while true {
        i = JSONBytes.skipSpace(p, i)
        let key = try string()
        i = JSONBytes.skipSpace(p, i)
        guard i < p.count, p[i] == 0x3A else { throw fail("expected ':'") }
        i += 1
        var value: [UInt8] = []
        try self.value(into: &value, depth: depth + 1)
        members.append((key, value))
        i = JSONBytes.skipSpace(p, i)
        guard i < p.count else { throw fail("an object does not end") }
        if p[i] == 0x2C {
          i += 1
          continue
        }
        guard p[i] == 0x7D else { throw fail("expected ',' or '}'") }
        i += 1
        break
      }
      members.sort { $0.key.lexicographicallyPrecedes($1.key) }
      out.append(0x7B)
      for (n, m) in members.enumerated() {
        if n > 0 {
          guard members[n - 1].key != m.key else { throw fail("a key appears twice in one object") }
          out.append(0x2C)
        }
        Canonical.appendString(m.key, to: &out)
        out.append(0x3A)
        out.append(contentsOf: m.value)
      }
      out.append(0x7D)
    }
  }
}
