import CaseloadCore
import CaseloadExchange
import CaseloadStore
import CaseloadText
import Foundation

/// A `caseload apply` file read and checked: every line turned into edits on a pupil (new or in the store), each
/// applied in memory as it is read so a bad line is found before anything is saved.
///
/// One JSON object a line (blank lines are skipped):
/// - `{"new": {"name": [given, family], "dateOfBirth": "2017-11-03", …}, "as": "oisin"}` adds a pupil, whom later
///   lines name by `as` (or by the id or UPN once saved);
/// - `{"pupil": "oisin", "startSENSupport": {"on": "2023-01-09", "needs": ["SPLD"]}}`: one step, in the
///   vocabulary of the demo caseload (`Resources/README.md`), with dates as `YYYY-MM-DD`;
/// - `{"school": {"name": …, "localAuthority": …, "sendEmail": …}}` sets the school's details, and
///   `{"settings": {…}}` the meetings a year, retention, phase transfers, rating scale and staff roles.
struct ApplyScript {
  /// A pupil the file writes to, in the order first named.
  struct Target {
    var id: AggregateID
    var isNew: Bool
    var version: Int?
    var builder: DemoPupilBuilder
    var lines: Int = 0
  }

  var targets: [Target] = []
  /// The settings lines' edits, in file order.
  var settings: [SettingsEdit] = []
  var lineCount = 0
  private var byName: [String: Int] = [:]

  /// A line that cannot be applied: its number and why.
  struct LineError: Error, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message) Nothing was saved." }
  }

  static func read(
    _ data: Data, store: Store, today: Day, settings: SchoolSettings,
    newID: () -> AggregateID = { AggregateID.newPupil() }
  ) throws -> ApplyScript {
    var script = ApplyScript()
    let dates = DemoDates(today: today, absolute: true)
    // Read as the MIS import reads its files: a byte-order mark (Notepad writes one) dropped, UTF-16 or
    // Windows-1252 converted.
    let text = ImportText.decode(data).text
    var number = 0
    // CRLF is one Character in Swift: split on it as well as on LF, or a Windows file is one long line.
    for raw in text.split(
      omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    {
      number += 1
      // JSON needs no trimming; a line of only spaces (or a CR) is blank.
      if raw.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let line = raw
      script.lineCount += 1
      do {
        let json: DemoJSON
        do {
          json = try DemoJSON(JSONSerialization.jsonObject(with: Data(line.utf8)))
        } catch is DemoDataError {
          throw DemoDataError("it holds a value that is not JSON.")
        } catch {
          throw DemoDataError("it is not a JSON object: \(Self.short(String(line))).")
        }
        guard case .object(let fields) = json else {
          throw DemoDataError("it is not a JSON object: \(Self.short(String(line))).")
        }
        try script.take(
          fields, store: store, dates: dates, today: today, settings: settings, newID: newID)
      } catch let error as DemoDataError {
        throw LineError(line: number, message: error.message.capitalizedFirst)
      }
    }
    return script
  }

  private mutating func take(
    _ fields: [String: DemoJSON], store: Store, dates: DemoDates, today: Day,
    settings: SchoolSettings, newID: () -> AggregateID
  ) throws {
    if let new = fields["new"] {
      guard Set(fields.keys).isSubset(of: ["new", "as"]) else {
        throw DemoDataError("a line adding a pupil has only \"new\" and \"as\".")
      }
      var builder = DemoPupilBuilder(number: 0, today: today, dates: dates, settings: settings)
      try builder.create(new, id: newID())
      guard let made = builder.built else { throw DemoDataError("the pupil could not be made.") }
      if case .string(let handle)? = fields["as"] {
        guard byName[handle] == nil else {
          throw DemoDataError("\"\(handle)\" already names a pupil in this file.")
        }
        byName[handle] = targets.count
      }
      targets.append(Target(id: made.id, isNew: true, version: nil, builder: builder, lines: 1))
      return
    }
    if let school = fields["school"] {
      guard fields.count == 1 else { throw DemoDataError("a \"school\" line has nothing else.") }
      let f = try DemoFields(school, "school")
      try f.allowOnly(["name", "localAuthority", "sendEmail"])
      try checked(
        .setSchool(
          name: try f.string("name"), localAuthority: try f.string("localAuthority"),
          sendEmail: try f.optionalString("sendEmail") ?? ""), settings: settings)
      return
    }
    if let given = fields["settings"] {
      guard fields.count == 1 else { throw DemoDataError("a \"settings\" line has nothing else.") }
      let f = try DemoFields(given, "settings")
      try f.allowOnly([
        "parentMeetingsPerYear", "retentionYears", "phaseTransfers", "staffRoles", "ratingScale",
      ])
      if f.has("parentMeetingsPerYear") {
        try checked(.setParentMeetingsPerYear(f.int("parentMeetingsPerYear")), settings: settings)
      }
      if f.has("retentionYears") {
        try checked(.setRetentionYears(f.int("retentionYears")), settings: settings)
      }
      if f.has("phaseTransfers") {
        try checked(.setPhaseTransfers(f.ints("phaseTransfers")), settings: settings)
      }
      if f.has("ratingScale") {
        guard let scale = RatingScale(rawValue: try f.string("ratingScale")) else {
          throw DemoDataError(
            "\"ratingScale\" must be one of \(RatingScale.allCases.map(\.rawValue).joined(separator: ", "))."
          )
        }
        try checked(.setRatingScale(scale), settings: settings)
      }
      if f.has("staffRoles") {
        let roles = try f.list("staffRoles").map { (item) throws(DemoDataError) -> StaffRole in
          guard case .array(let pair) = item, pair.count == 2, case .string(let name) = pair[0],
            case .number(let pence) = pair[1], pence == pence.rounded(), (0...1e9).contains(pence)
          else {
            throw DemoDataError(
              "each staff role is [name, hourly rate in pence], such as [\"HLTA\", 1950].")
          }
          return StaffRole(name: name, hourlyRate: Money(pence: Int(pence)))
        }
        try checked(.setStaffRoles(roles), settings: settings)
      }
      return
    }
    guard case .string(let who)? = fields["pupil"] else {
      throw DemoDataError(
        "each line adds a pupil (\"new\"), names one (\"pupil\") with one step, or sets the \"school\"."
      )
    }
    let steps = fields.filter { $0.key != "pupil" }
    guard steps.count == 1, let (key, value) = steps.first else {
      throw DemoDataError("a \"pupil\" line has exactly one step besides the pupil.")
    }
    let index = try target(who, store: store, dates: dates, today: today, settings: settings)
    try targets[index].builder.step(key, value)
    targets[index].lines += 1
  }

  /// A settings edit, checked against the settings as the lines before it leave them.
  private mutating func checked(_ edit: SettingsEdit, settings start: SchoolSettings) throws {
    var now = start
    for earlier in self.settings { now = try earlier.apply(to: now) }
    do {
      _ = try edit.apply(to: now)
    } catch {
      throw DemoDataError(error.message)
    }
    self.settings.append(edit)
  }

  /// The pupil a line names: one added earlier in the file (by `as`), else one in the store by id or UPN. Names
  /// are not matched: two children share names, and a script must not write to the wrong one.
  private mutating func target(
    _ who: String, store: Store, dates: DemoDates, today: Day, settings: SchoolSettings
  ) throws -> Int {
    if let i = byName[who] { return i }
    let match = try store.findPupil(who)
    guard case .one(let summary) = match,
      summary.id.rawValue == who || summary.upn?.uppercased() == who.uppercased()
    else {
      throw DemoDataError(
        "no pupil is named \"\(who)\": use the \"as\" of a pupil added earlier in the file, or a pupil's id or UPN."
      )
    }
    if let i = targets.firstIndex(where: { $0.id == summary.id }) { return i }
    guard let loaded = try store.pupil(summary.id) else {
      throw DemoDataError("no pupil is named \"\(who)\".")
    }
    targets.append(
      Target(
        id: summary.id, isNew: false, version: loaded.version,
        builder: DemoPupilBuilder(
          existing: loaded.value, today: today, dates: dates, settings: settings)))
    byName[who] = targets.count - 1
    return targets.count - 1
  }

  var newCount: Int { targets.filter(\.isNew).count }
  var changedCount: Int { targets.filter { !$0.isNew && !$0.builder.edits.isEmpty }.count }

  /// "Apply of history.jsonl: 3 new, 1 changed"
  func summary(file: String) -> String {
    "Apply of \(file): \(newCount) new, \(changedCount) changed"
      + (settings.isEmpty ? "" : ", school settings")
  }

  /// Saves everything as one step; a pupil saved by someone else since the file was read stops it all.
  func save(to store: Store, file: String, today: Day) throws -> StepRecord? {
    try store.perform(summary: summary(file: file)) { step in
      for edit in settings { try step.editSettings(edit, today: today) }
      for t in targets {
        if t.isNew {
          // A new pupil goes in as the lines made them: one record written, not one per line.
          guard let made = t.builder.built else { continue }
          try step.edit(t.id, .create(made), today: today)
          continue
        }
        for (i, edit) in t.builder.edits.enumerated() {
          try step.edit(t.id, edit, today: today, expectedVersion: i == 0 ? t.version : nil)
        }
      }
    }.1
  }

  static func short(_ line: String) -> String {
    line.count > 60 ? String(line.prefix(60)) + "…" : line
  }
}
