/// The record an agenda item belongs to: where `Enter` takes the SENCo, and what marking it done changes.
/// Written as short text (`log:12`, `action:3.0`) so the store can keep it in a column and a calendar in a UID.
public enum AgendaRef: Hashable, Sendable, Codable, CustomStringConvertible {
  case none
  /// A plan cycle: its review.
  case cycle(Int)
  /// A provision in a cycle's plan, by cycle and provision id.
  case provision(cycle: Int, id: Int)
  /// A chronology entry (a concern or contact) with a follow-up date.
  case log(Int)
  /// The `index`th action agreed at a cycle's review.
  case action(cycle: Int, index: Int)
  /// The EHC needs assessment or plan.
  case ehc
  /// The pupil's contacts with parents.
  case contacts

  public var rawValue: String {
    switch self {
    case .none: return ""
    case .cycle(let c): return "cycle:\(c)"
    case .provision(let c, let id): return "provision:\(c).\(id)"
    case .log(let id): return "log:\(id)"
    case .action(let c, let i): return "action:\(c).\(i)"
    case .ehc: return "ehc"
    case .contacts: return "contacts"
    }
  }

  /// Reads the text form; anything else (a damaged row) is nil. Read for every agenda row, so byte by byte.
  public init?(rawValue: String) {
    switch rawValue {
    case "":
      self = .none
      return
    case "ehc":
      self = .ehc
      return
    case "contacts":
      self = .contacts
      return
    default: break
    }
    let bytes = rawValue.utf8
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    var numbers: (Int, Int?) = (0, nil)
    var current = 0
    var digits = 0
    var dots = 0
    for b in bytes[bytes.index(after: colon)...] {
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        // Eighteen digits cannot overflow; no record has more than a few.
        guard digits < 18 else { return nil }
        current = current * 10 + Int(b - UInt8(ascii: "0"))
        digits += 1
      case UInt8(ascii: ".") where dots == 0 && digits > 0:
        numbers.0 = current
        current = 0
        digits = 0
        dots = 1
      default: return nil
      }
    }
    guard digits > 0 else { return nil }
    if dots == 0 { numbers.0 = current } else { numbers.1 = current }
    let name = bytes[..<colon]
    func named(_ s: StaticString) -> Bool {
      s.withUTF8Buffer { name.elementsEqual($0) }
    }
    switch numbers {
    case (let n, nil) where named("cycle"): self = .cycle(n)
    case (let n, nil) where named("log"): self = .log(n)
    case (let c, let id?) where named("provision"): self = .provision(cycle: c, id: id)
    case (let c, let i?) where named("action"): self = .action(cycle: c, index: i)
    default: return nil
    }
  }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let ref = AgendaRef(rawValue: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "“\(text)” is not a record."))
    }
    self = ref
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }
}
