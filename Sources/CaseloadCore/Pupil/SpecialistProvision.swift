/// A place in a SEN unit or a resourced provision, as the school census records it (two indicators, of which a
/// pupil has at most one). The census accepts either only for a pupil on SEN support (K) or an EHC plan (E).
public enum SpecialistProvision: String, Codable, Sendable, CaseIterable {
  case senUnit = "sen-unit"
  case resourcedProvision = "resourced-provision"

  public var title: String {
    switch self {
    case .senUnit: return "SEN unit"
    case .resourcedProvision: return "resourced provision"
    }
  }

  /// Whether a pupil with `code` may hold the place.
  public static func allowed(with code: CensusCode) -> Bool { code == .K || code == .E }
}
