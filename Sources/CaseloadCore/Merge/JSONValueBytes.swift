import Foundation

/// JSON text to and from `JSONValue` without going through `Codable` value by value: the merge reads whole records,
/// and decoding each value by trying every kind in turn costs a thrown error per miss.
extension JSONValue {
  struct Malformed: Error, CustomStringConvertible {
    var offset: Int
    var description: String { "The record is not JSON (at byte \(offset))." }
  }

  /// Parses JSON text, as `JSONEncoder` writes it.
  init(parsing data: Data) throws {
    self = try data.withUnsafeBytes { raw in
      var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
      let value = try parser.value(depth: 0)
      parser.skipSpace()
      guard parser.at == parser.bytes.count else { throw Malformed(offset: parser.at) }
      return value
    }
  }

  /// Compact JSON text with sorted keys.
  var data: Data {
    var out: [UInt8] = []
    write(into: &out)
    return Data(out)
  }

  func write(into out: inout [UInt8]) {
    switch self {
    case .null: out += Array("null".utf8)
    case .bool(let b): out += Array((b ? "true" : "false").utf8)
    case .int(let i): out += Array(String(i).utf8)
    case .double(let d): out += Array("\(d)".utf8)
    case .string(let s): Self.writeString(s, into: &out)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (n, item) in items.enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        item.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (n, key) in members.keys.sorted().enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        Self.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        members[key]?.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out += [0x5C, 0x22]
      case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      case 0x0D: out += [0x5C, UInt8(ascii: "r")]
      case 0x09: out += [0x5C, UInt8(ascii: "t")]
      case 0..<0x20:
        let hex = Array("0123456789abcdef".utf8)
        out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    /// Deeper than any record Caseload writes: a hostile document cannot exhaust the stack.
    static let maxDepth = 64

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipSpace() {
      while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
    }

    mutating func value(depth: Int) throws -> JSONValue {
      guard depth < Self.maxDepth else { throw Malformed(offset: at) }
      skipSpace()
      guard at < bytes.count else { throw Malformed(offset: at) }
      switch bytes[at] {
      case UInt8(ascii: "{"):
        at += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
          at += 1
          return .object(members)
        }
        while true {
          skipSpace()
          let key = try string()
          skipSpace()
          try expect(UInt8(ascii: ":"))
          members[key] = try value(depth: depth + 1)
          skipSpace()
          guard at < bytes.count else { throw Malformed(offset: at) }
          if bytes[at] == UInt8(ascii: ",") {
            at += 1
            continue
          }
          try expect(UInt8(ascii: "}"))
          return .object(members)
        }
      case UInt8(ascii: "["):
        at += 1
        var items: [JSONValue] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
          at += 1
          return .array(items)
        }
        while true {
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard at < bytes.count else { throw Malformed(offset: at) }
          if bytes[at] == UInt8(ascii: ",") {
            at += 1
            continue
          }
          try expect(UInt8(ascii: "]"))
          return .array(items)
        }
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "t"):
        try literal("true")
        return .bool(true)
      case UInt8(ascii: "f"):
        try literal("false")
        return .bool(false)
      case UInt8(ascii: "n"):
        try literal("null")
        return .null
      default: return try number()
      }
    }

    mutating func expect(_ byte: UInt8) throws {
      guard at < bytes.count, bytes[at] == byte else { throw Malformed(offset: at) }
      at += 1
    }

    mutating func literal(_ word: String) throws {
      for byte in word.utf8 { try expect(byte) }
    }

    mutating func number() throws -> JSONValue {
      let start = at
      var integral = true
      while at < bytes.count {
        let b = bytes[at]
        if (0x30...0x39).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
          at += 1
        } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
          integral = false
          at += 1
        } else {
          break
        }
      }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
      if integral, let i = Int64(text) { return .int(i) }
      guard let d = Double(text), d.isFinite else { throw Malformed(offset: start) }
      return .double(d)
    }

    mutating func string() throws -> String {
      try expect(UInt8(ascii: "\""))
      let start = at
      var plain = true
      while at < bytes.count, bytes[at] != UInt8(ascii: "\"") {
        if bytes[at] == UInt8(ascii: "\\") {
          plain = false
          at += 1
        }
        at += 1
      }
      guard at < bytes.count else { throw Malformed(offset: start) }
      let raw = UnsafeBufferPointer(rebasing: bytes[start..<at])
      at += 1
      if plain { return String(decoding: raw, as: UTF8.self) }
      // Escapes are rare in records: let Foundation read them.
      var quoted = [UInt8(ascii: "\"")]
      quoted += raw
      quoted.append(UInt8(ascii: "\""))
      guard let s = try? JSONDecoder().decode(String.self, from: Data(quoted)) else {
        throw Malformed(offset: start)
      }
      return s
    }
  }
}
