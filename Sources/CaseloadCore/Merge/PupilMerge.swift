import Foundation

extension RecordMerge {
  /// Merges a pupil. Parts of the record only one side changed are taken whole; lists of items (contacts, log
  /// entries, cycles) are joined item by item, and only values both sides changed are compared as JSON, so a merge
  /// costs what changed, not the ten years of record around it. Items both sides added under the same local id
  /// are told apart first (yours take new ids, and what refers to them follows), and the result passes the record
  /// check.
  public static func pupil(
    base: Pupil, mine: Pupil, theirs: Pupil, picks: [String: MergePick] = [:]
  ) throws -> MergeOutcome<Pupil> {
    var mine = mine
    var theirs = theirs
    let baseIDs = base.localIDs
    let theirsAdded = theirs.localIDs.subtracting(baseIDs)
    let collisions = mine.localIDs.subtracting(baseIDs).intersection(theirsAdded).sorted()
    var next = max(mine.nextLocalID, theirs.nextLocalID)
    // The ids the renumbering hands out stay within what a record may hold: a counter read from a damaged
    // record is refused, not wrapped round.
    guard next <= RecordCheck.largestID - collisions.count else {
      throw EditError(
        "Your change and theirs cannot both stand: the record's next local id \(next) is out of range."
      )
    }
    if !collisions.isEmpty {
      var map: [Int: Int] = [:]
      for id in collisions {
        map[id] = next
        next += 1
      }
      mine = mine.renumbered(map)
    }
    mine.nextLocalID = next
    theirs.nextLocalID = next

    var parts = PupilParts(base: base, mine: mine, theirs: theirs, merger: JSONMerger(picks: picks))
    try parts.whole(\.id, "id")
    try parts.whole(\.legalName, "legalName")
    try parts.whole(\.preferredName, "preferredName")
    try parts.whole(\.dateOfBirth, "dateOfBirth")
    try parts.whole(\.yearGroupOffset, "yearGroupOffset")
    try parts.whole(\.upn, "upn")
    try parts.whole(\.registrationGroup, "registrationGroup")
    try parts.whole(\.joined, "joined")
    try parts.whole(\.left, "left")
    try parts.whole(\.senPeriods, "senPeriods")
    try parts.items(\.contacts, "contacts")
    try parts.items(\.cycles, "cycles")
    try parts.items(\.chronology, "chronology")
    try parts.whole(\.ehc, "ehc")
    try parts.whole(\.nextLocalID, "nextLocalID")
    try parts.whole(\.specialistProvision, "specialistProvision")
    guard parts.merger.clashes.isEmpty else { return .clashes(parts.merger.clashes) }
    if let first = RecordCheck.problems(in: parts.merged).first {
      throw EditError("Your change and theirs cannot both stand: \(first).")
    }
    return .merged(parts.merged)
  }

  /// The parts of a pupil's record `pupil` merges, by their names in the record: a test holds this to every
  /// stored property, so a part added later is not left out of merges.
  static let pupilParts: Set<String> = [
    "id", "legalName", "preferredName", "dateOfBirth", "yearGroupOffset", "upn",
    "registrationGroup",
    "joined", "left", "senPeriods", "contacts", "cycles", "chronology", "ehc", "nextLocalID",
    "specialistProvision",
  ]
}

/// A pupil merged part by part, starting from theirs.
struct PupilParts {
  let base: Pupil
  let mine: Pupil
  let theirs: Pupil
  var merger: JSONMerger
  var merged: Pupil

  init(base: Pupil, mine: Pupil, theirs: Pupil, merger: JSONMerger) {
    self.base = base
    self.mine = mine
    self.theirs = theirs
    self.merger = merger
    merged = theirs
  }

  /// A part compared whole, and merged as JSON only when both sides changed it.
  mutating func whole<Part: Codable & Equatable>(
    _ part: WritableKeyPath<Pupil, Part>, _ name: String
  )
    throws
  {
    let (b, m, t) = (base[keyPath: part], mine[keyPath: part], theirs[keyPath: part])
    merged[keyPath: part] =
      try RecordMerge.oneSided(b, m, t) ?? merge(b, m, t, at: MergePath().member(name))
  }

  /// A list of items with local ids, joined item by item; only items both sides changed go through JSON.
  mutating func items<Item: Codable & Equatable & Identifiable>(
    _ part: WritableKeyPath<Pupil, [Item]>, _ name: String
  ) throws where Item.ID == Int {
    let (b, m, t) = (base[keyPath: part], mine[keyPath: part], theirs[keyPath: part])
    let path = MergePath().member(name)
    if let oneSided = RecordMerge.oneSided(b, m, t) {
      merged[keyPath: part] = oneSided
      return
    }
    // Two items under one id (a damaged record) cannot be told apart: the list is merged whole instead,
    // rather than one of them quietly dropped.
    guard let byB = Self.byID(b), let byM = Self.byID(m), let byT = Self.byID(t) else {
      merged[keyPath: part] = try merge(b, m, t, at: path)
      return
    }
    let byID = (b: byB, m: byM, t: byT)
    var out: [Item] = []
    for id in MergeOrder.ids(base: b.map(\.id), mine: m.map(\.id), theirs: t.map(\.id)) {
      let (bi, mi, ti) = (byID.b[id], byID.m[id], byID.t[id])
      if let oneSided = RecordMerge.oneSided(bi, mi, ti) {
        if let item = oneSided { out.append(item) }
      } else {
        let named = try JSONValue(encoding: mi ?? ti ?? bi)
        let itemPath = path.item(Int64(id), in: name, named)
        if let item: Item = try merge(bi, mi, ti, at: itemPath) { out.append(item) }
      }
    }
    merged[keyPath: part] = out
  }

  /// The items by id, or nil when two share one.
  static func byID<Item: Identifiable>(_ items: [Item]) -> [Item.ID: Item]? {
    var out: [Item.ID: Item] = [:]
    for item in items where out.updateValue(item, forKey: item.id) != nil { return nil }
    return out
  }

  /// Values both sides changed, as JSON: what only one side changed inside them is kept, the rest are clashes.
  mutating func merge<Part: Codable>(_ b: Part, _ m: Part, _ t: Part, at path: MergePath) throws
    -> Part
  {
    let value = merger.merge(
      try JSONValue(encoding: b), try JSONValue(encoding: m), try JSONValue(encoding: t), at: path)
    return try RecordCheck.strictDecoder().decode(Part.self, from: (value ?? .null).data)
  }
}

extension Pupil {
  /// Every local id the record uses: contacts, log entries, outcomes, provision, delivery notes, EHC requests and
  /// annual reviews.
  var localIDs: Set<Int> {
    var ids = Set(contacts.map(\.id))
    ids.formUnion(chronology.map(\.id))
    for c in cycles {
      ids.formUnion(c.plan.outcomes.map(\.id))
      ids.formUnion(c.plan.provision.map(\.id))
      ids.formUnion(c.delivery.map(\.id))
    }
    ids.formUnion(ehc.requests.map(\.id))
    ids.formUnion(ehc.plan?.reviews.map(\.id) ?? [])
    return ids
  }

  /// The record with local ids changed by `map`, and everything that refers to them.
  func renumbered(_ map: [Int: Int]) -> Pupil {
    func r(_ id: Int) -> Int { map[id] ?? id }
    var p = self
    for i in p.contacts.indices { p.contacts[i].id = r(p.contacts[i].id) }
    for i in p.chronology.indices { p.chronology[i].id = r(p.chronology[i].id) }
    for c in p.cycles.indices {
      for o in p.cycles[c].plan.outcomes.indices {
        p.cycles[c].plan.outcomes[o].id = r(p.cycles[c].plan.outcomes[o].id)
        p.cycles[c].plan.outcomes[o].carriedFrom = p.cycles[c].plan.outcomes[o].carriedFrom.map(r)
      }
      for v in p.cycles[c].plan.provision.indices {
        p.cycles[c].plan.provision[v].id = r(p.cycles[c].plan.provision[v].id)
        p.cycles[c].plan.provision[v].outcomeIDs = p.cycles[c].plan.provision[v].outcomeIDs.map(r)
      }
      for d in p.cycles[c].delivery.indices {
        p.cycles[c].delivery[d].id = r(p.cycles[c].delivery[d].id)
        p.cycles[c].delivery[d].provisionID = p.cycles[c].delivery[d].provisionID.map(r)
      }
      if let ratings = p.cycles[c].review?.ratings {
        p.cycles[c].review?.ratings = ratings.map {
          var rating = $0
          rating.outcomeID = r($0.outcomeID)
          return rating
        }
      }
    }
    for i in p.ehc.requests.indices { p.ehc.requests[i].id = r(p.ehc.requests[i].id) }
    if let reviews = p.ehc.plan?.reviews {
      p.ehc.plan?.reviews = reviews.map {
        var review = $0
        review.id = r($0.id)
        return review
      }
    }
    return p
  }
}
