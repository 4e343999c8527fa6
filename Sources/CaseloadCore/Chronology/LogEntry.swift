import Foundation

/// What kind of entry in a pupil's chronology.
public enum LogKind: String, Codable, Sendable, CaseIterable {
  case concern, meeting, call, letter, email, note

  public var title: String {
    switch self {
    case .concern: return "concern"
    case .meeting: return "meeting"
    case .call: return "phone call"
    case .letter: return "letter"
    case .email: return "email"
    case .note: return "note"
    }
  }
}

/// A concern raised, or a contact with parents or professionals: the chronology an EHC request draws on.
public struct LogEntry: Hashable, Codable, Sendable, Identifiable {
  public var id: Int
  public var kind: LogKind
  public var date: Day
  /// Who raised the concern, or who the contact was with.
  public var who: String
  /// Whether parents or carers took part: parent meetings count towards the three a year.
  public var withParents: Bool
  public var summary: String
  public var action: String
  public var followUp: Day?
  /// When the follow-up was marked done: it then leaves the agenda and stays in the chronology.
  public var followUpDone: Day?

  public init(
    id: Int = 0, kind: LogKind, date: Day, who: String, withParents: Bool = false, summary: String,
    action: String = "", followUp: Day? = nil
  ) {
    self.id = id
    self.kind = kind
    self.date = date
    self.who = Text.clean(who)
    self.withParents = withParents
    self.summary = Text.cleanMultiline(summary)
    self.action = Text.cleanMultiline(action)
    self.followUp = followUp
  }

  public var isParentMeeting: Bool { kind == .meeting && withParents }
}
