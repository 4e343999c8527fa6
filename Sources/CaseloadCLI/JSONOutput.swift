import CaseloadCore
import CaseloadExchange
import CaseloadText
import Foundation

/// JSON for scripts: sorted keys, dates as YYYY-MM-DD.
enum JSON {
  static func print<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    var data = JSONText.neutralised(try encoder.encode(value))
    data.append(0x0A)
    FileHandle.standardOutput.write(data)
  }
}

/// Phase timings on stderr when `CASELOAD_TRACE` is set: for finding where a slow command spends its time.
struct PhaseClock {
  // getenv, not ProcessInfo: building the whole environment costs a status run more than its report.
  private let enabled = getenv("CASELOAD_TRACE") != nil
  private var last = DispatchTime.now().uptimeNanoseconds

  mutating func mark(_ phase: String) {
    guard enabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    FileHandle.standardError.write(
      Data(String(format: "%@ %.2f ms\n", phase, Double(now - last) / 1e6).utf8))
    last = now
  }
}

/// JSON for long lists, written directly: the agenda of a large school is thousands of items, and going
/// through `JSONEncoder` costs most of `due --json`'s time. Keys are sorted as `JSON.print` sorts them, so both
/// write the same document; one item to a line.
struct JSONLines {
  private(set) var bytes: [UInt8] = []

  /// Room for about `items` agenda items (some 300 bytes each), so the buffer is not copied as it grows.
  init(items: Int = 0) { bytes.reserveCapacity(items * 300) }

  mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

  /// A JSON string: the text's bytes copied in runs between the few that need escaping.
  mutating func string(_ s: String) {
    bytes.append(0x22)
    var text = s
    text.withUTF8 { buf in
      var start = 0
      for i in buf.indices {
        let b = buf[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i]))
        escape(b)
        start = i + 1
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...]))
    }
    bytes.append(0x22)
  }

  private mutating func escape(_ b: UInt8) {
    switch b {
    case 0x22, 0x5C:
      bytes.append(0x5C)
      bytes.append(b)
    case 0x0A: bytes.append(contentsOf: #"\n"#.utf8)
    case 0x0D: bytes.append(contentsOf: #"\r"#.utf8)
    case 0x09: bytes.append(contentsOf: #"\t"#.utf8)
    default:
      let hex = Array("0123456789abcdef".utf8)
      bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]]
    }
  }

  /// `,"key":` (or `{"key":` for the first).
  mutating func key(_ k: StaticString, first: Bool = false) {
    bytes.append(first ? 0x7B : 0x2C)
    bytes.append(0x22)
    k.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(0x22)
    bytes.append(0x3A)
  }

  mutating func pupil(_ p: StatusReport.PupilRef) {
    key("dateOfBirth", first: true)
    string(p.dateOfBirth.iso)
    key("id")
    string(p.id)
    key("name")
    string(p.name)
    key("year")
    string(p.year)
    raw("}")
  }

  /// An agenda item, with the fields of `AgendaItem`'s `Codable` form, keys sorted.
  mutating func item(_ i: AgendaItem) {
    key("days", first: true)
    raw(String(i.days))
    key("detail")
    string(i.detail)
    key("due")
    string(i.due.iso)
    key("key")
    string(i.key)
    key("kind")
    string(i.kind.rawValue)
    key("opens")
    string(i.opens.rawValue)
    if let owner = i.owner {
      key("owner")
      string(owner)
    }
    key("pupil")
    pupil(i.pupil)
    key("state")
    string(i.state)
    key("title")
    string(i.title)
    raw("}")
  }
}
