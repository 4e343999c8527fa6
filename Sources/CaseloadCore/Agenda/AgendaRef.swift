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

  public init?(rawValue: String) {
    if rawValue.isEmpty {
      self = .none
      return
    }
    if rawValue == "ehc" {
      self = .ehc
      return
    }
    if rawValue == "contacts" {
      self = .contacts
      return
    }
    let parts = rawValue.split(separator: ":", maxSplits: 1)
    guard parts.count == 2 else { return nil }
    let numbers = parts[1].split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
    guard numbers.allSatisfy({ $0 != nil }) else { return nil }
    let n = numbers.compactMap { $0 }
    switch (parts[0], n.count) {
    case ("cycle", 1): self = .cycle(n[0])
    case ("log", 1): self = .log(n[0])
    case ("provision", 2): self = .provision(cycle: n[0], id: n[1])
    case ("action", 2): self = .action(cycle: n[0], index: n[1])
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
