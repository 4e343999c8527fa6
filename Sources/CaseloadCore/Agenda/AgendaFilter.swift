/// The deadlines screen's filter: the list's words for the pupil (`y6`, `K`, `ASD`, `do`), `overdue` and
/// `due:14` for the item itself, kinds of item (`ehc`, `follow-up`, `action`, `provision`, `parents`), and any
/// other word an owner's name (`pattinson`); `mine` keeps the actions of the person running Caseload. The
/// search words must all appear in the pupil's names, the item's words or its owner.
public struct AgendaFilter: Sendable {
  public private(set) var query = ""
  public private(set) var search = ""
  var pupil = CaseloadFilter()
  var kinds: Set<String> = []
  var owners: [String] = []
  var words = SearchWords("")
  /// Folded names that `mine` stands for.
  let me: [String]

  static let kindWords = ["ehc", "follow-up", "action", "provision", "parents"]

  /// `me`: the names of the person running Caseload (their login and full name); "SENCo" is always theirs.
  public init(me: [String] = []) {
    self.me = (me + ["senco"]).map(Text.searchKey).filter { !$0.isEmpty }
  }

  public var isEmpty: Bool { query.isEmpty && search.isEmpty }

  /// Reads the filter words; none is refused, since a word the list does not know is an owner's name.
  public mutating func apply(query: String) {
    self.query = query
    var filterWords: [String] = []
    kinds = []
    owners = []
    for word in query.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) {
      let folded = Text.searchKey(word)
      if Self.kindWords.contains(folded) {
        kinds.insert(folded)
      } else if folded == "mine" {
        owners += me.isEmpty ? ["senco"] : me
      } else {
        var probe = CaseloadFilter()
        if CaseloadFilter.read(word, into: &probe) {
          filterWords.append(word)
        } else {
          owners.append(folded)
        }
      }
    }
    var f = CaseloadFilter()
    try? f.apply(query: filterWords.joined(separator: " "))
    pupil = f
  }

  public mutating func apply(search: String) {
    self.search = search
    words = SearchWords(search)
  }

  public func matches(_ item: AgendaItem, pupil s: PupilSummary?, urgency: Urgency) -> Bool {
    var forPupil = pupil
    let overdueOnly = forPupil.overdueOnly
    let within = forPupil.dueWithinDays
    forPupil.overdueOnly = false
    forPupil.dueWithinDays = nil
    if overdueOnly, !item.isMissed { return false }
    if let within, item.days > within { return false }
    if let s, forPupil.hasConditions,
      !forPupil.matcher(urgency).matches(
        s, searchKey: SearchWords.plainKey(s.searchKey))
    {
      return false
    }
    if !kinds.isEmpty, !kinds.contains(Self.kindWord(item.kind)) { return false }
    if !owners.isEmpty {
      let owner = Text.searchKey(item.owner ?? "")
      guard !owner.isEmpty, owners.contains(where: { owner.contains($0) }) else { return false }
    }
    if !words.isEmpty {
      let text = [s?.searchKey ?? Text.searchKey(item.pupil.name), item.title, item.owner ?? ""]
        .map(Text.searchKey).joined(separator: " ")
      guard words.matches(text) else { return false }
    }
    return true
  }

  static func kindWord(_ kind: DeadlineKind) -> String {
    switch kind {
    case .followUp: return "follow-up"
    case .reviewAction: return "action"
    case .provisionEnd: return "provision"
    case .parentMeeting: return "parents"
    default: return kind.isEHC ? "ehc" : ""
    }
  }
}
