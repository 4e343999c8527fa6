import Foundation

/// The census SEN provision code: one per pupil at a time.
public enum CensusCode: String, Codable, Sendable, CaseIterable, Comparable {
  case N, K, E

  public var meaning: String {
    switch self {
    case .N: return "no special educational need"
    case .K: return "SEN support"
    case .E: return "EHC plan"
    }
  }

  /// Reads a code from an import, mapping the retired codes (S → E, A/P → K). `retired` is true for those.
  public static func reading(_ text: String) -> (code: CensusCode, retired: Bool)? {
    switch text.trimmingCharacters(in: .whitespaces).uppercased() {
    case "N": return (.N, false)
    case "K": return (.K, false)
    case "E": return (.E, false)
    case "S": return (.E, true)
    case "A", "P": return (.K, true)
    default: return nil
    }
  }

  public static func < (a: CensusCode, b: CensusCode) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The four broad areas of need in the Code of Practice.
public enum NeedArea: String, Codable, Sendable, CaseIterable {
  case cognitionAndLearning = "cognition-and-learning"
  case communicationAndInteraction = "communication-and-interaction"
  case semh = "semh"
  case sensoryPhysical = "sensory-physical"
  case other = "other"

  public var title: String {
    switch self {
    case .cognitionAndLearning: return "cognition and learning"
    case .communicationAndInteraction: return "communication and interaction"
    case .semh: return "social, emotional and mental health"
    case .sensoryPhysical: return "sensory and/or physical"
    case .other: return "other"
    }
  }
}

/// A census type of need.
public enum NeedType: String, Codable, Sendable, CaseIterable {
  case SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, HI, VI, MSI, PD, DS, OTH, NSA

  public var meaning: String {
    switch self {
    case .SPLD: return "specific learning difficulty"
    case .MLD: return "moderate learning difficulty"
    case .SLD: return "severe learning difficulty"
    case .PMLD: return "profound and multiple learning difficulty"
    case .SEMH: return "social, emotional and mental health"
    case .SLCN: return "speech, language and communication needs"
    case .ASD: return "autistic spectrum disorder"
    case .HI: return "hearing impairment"
    case .VI: return "vision impairment"
    case .MSI: return "multi-sensory impairment"
    case .PD: return "physical disability"
    case .DS: return "Down syndrome"
    case .OTH: return "other difficulty or disability"
    case .NSA: return "SEN support but no specialist assessment of type of need"
    }
  }

  public var area: NeedArea {
    switch self {
    case .SPLD, .MLD, .SLD, .PMLD, .DS: return .cognitionAndLearning
    case .SEMH: return .semh
    case .SLCN, .ASD: return .communicationAndInteraction
    case .HI, .VI, .MSI, .PD: return .sensoryPhysical
    case .OTH, .NSA: return .other
    }
  }

  /// Case-insensitive, accepting `SpLD`.
  public init?(code: String) {
    self.init(rawValue: code.trimmingCharacters(in: .whitespaces).uppercased())
  }
}

/// The census rules for types of need against a provision code; nil when they hold.
public func censusRuleBroken(code: CensusCode, needs: [NeedType]) -> String? {
  if needs.count > 2 {
    return "At most two types of need can be recorded (primary and secondary)."
  }
  if needs.count == 2, needs[0] == needs[1] {
    return "The primary and secondary need cannot be the same (\(needs[0].rawValue))."
  }
  switch code {
  case .N where !needs.isEmpty:
    return
      "A pupil without SEN support or an EHC plan (census code N) cannot have a type of need recorded."
  case .K, .E:
    if needs.isEmpty {
      return
        "A type of need is required for a pupil with \(code.meaning) (census code \(code.rawValue))."
    }
    if code == .E, needs.contains(.NSA) {
      return
        "NSA (no specialist assessment) can only be used with SEN support (K), not with an EHC plan."
    }
  default: break
  }
  if needs.count == 2, needs.contains(.NSA) {
    return
      "NSA means no specialist assessment of need, so it cannot be recorded beside another type."
  }
  return nil
}
