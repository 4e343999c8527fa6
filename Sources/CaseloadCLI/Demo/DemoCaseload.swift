import CaseloadCore
import CaseloadResources
import Foundation

/// The invented demo caseload: school settings and, for each pupil, the edits that build their record.
///
/// The data lives in `Resources/demo/caseload.json` with every date written relative to `today` (see
/// `Resources/README.md`), so overdue reviews stay overdue and year groups stay put whatever day the demo runs.
/// Each edit is applied as the list is built, which checks the data and lets later steps name outcomes,
/// provision and annual reviews by position.
public struct DemoCaseload: Sendable {
  public var settings: SchoolSettings
  /// One entry per pupil: the edits, in order, that build their record; the first is `.create`.
  public var pupils: [[PupilEdit]]

  public init(settings: SchoolSettings, pupils: [[PupilEdit]]) {
    self.settings = settings
    self.pupils = pupils
  }

  /// Reads the demo shipped with Caseload and resolves its dates against `today`.
  public static func load(today: Day) throws -> DemoCaseload {
    try load(json: CaseloadResources.data("demo/caseload.json"), today: today)
  }

  /// Reads demo data in the `caseload.json` format.
  public static func load(json data: Data, today: Day) throws -> DemoCaseload {
    let root: DemoJSON
    do {
      root = try DemoJSON(JSONSerialization.jsonObject(with: data))
    } catch let error as DemoDataError {
      throw error
    } catch {
      throw DemoDataError("demo/caseload.json is not valid JSON: \(error.localizedDescription)")
    }
    let top = try DemoFields(root, "the file")
    try top.allowOnly(["format", "dates", "school", "pupils"])
    guard try top.string("format") == DemoCaseload.format else {
      throw DemoDataError("demo/caseload.json: format must be \"\(DemoCaseload.format)\".")
    }
    let dates = DemoDates(today: today)
    let school = try DemoFields(top.value("school"), "school")
    try school.allowOnly(["name", "localAuthority", "sendEmail"])
    var settings = SchoolSettings.defaults(today: today)
    do {
      settings = try SettingsEdit.setSchool(
        name: school.string("name"), localAuthority: school.string("localAuthority"),
        sendEmail: school.string("sendEmail")
      ).apply(to: settings)
    } catch let error as EditError {
      throw DemoDataError("demo/caseload.json, school: \(error.message)")
    }

    guard case .array(let list) = try top.value("pupils") else {
      throw DemoDataError("demo/caseload.json: pupils must be a list.")
    }
    var pupils: [[PupilEdit]] = []
    for (i, item) in list.enumerated() {
      var builder = DemoPupilBuilder(number: i + 1, today: today, dates: dates, settings: settings)
      try builder.build(item)
      pupils.append(builder.edits)
    }
    return DemoCaseload(settings: settings, pupils: pupils)
  }

  /// The `format` the loader understands.
  public static let format = "caseload-demo 1"

  /// The id of the demo's `number`th pupil (from 1): `pdemo0001`, so the demo is the same every time.
  public static func pupilID(_ number: Int) -> AggregateID {
    let digits = String(number)
    return AggregateID("pdemo" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits)
  }
}

/// Malformed demo data, naming the pupil and step at fault.
public struct DemoDataError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

// MARK: - Dates

/// Turns the demo's relative dates into days.
///
/// - `today`, or `-1y2m3w4d` / `+10d`: counted from today (years and months first, then weeks and days).
///   A past date that falls on a weekend moves back to the Friday, a future one forward to the Monday.
/// - `sy40%`: 40% of the way from 1 September of today's school year to today, so a meeting "this school year"
///   stays in it; a weekend moves to the nearest weekday inside the school year and never after today.
struct DemoDates: Sendable {
  var today: Day
  /// `caseload apply` writes real dates: `YYYY-MM-DD` (or `today`) only, taken as they are.
  var absolute = false

  func resolve(_ text: String) throws(DemoDataError) -> Day {
    if let day = Day(iso: text) { return day }
    let t = text.trimmingCharacters(in: .whitespaces)
    if let day = Day(iso: t) { return day }
    if absolute {
      guard t == "today" else {
        throw DemoDataError("\(text) is not a date: write it as YYYY-MM-DD, such as 2024-09-05.")
      }
      return today
    }
    if t == "today" { return weekday(today) }
    if t.hasPrefix("sy"), t.hasSuffix("%") {
      guard let percent = Double(t.dropFirst(2).dropLast()), (0...100).contains(percent) else {
        throw DemoDataError(
          "\(text) is not a date: write sy followed by a percentage, such as sy40%.")
      }
      let start = SchoolYear(containing: today).firstDay
      let day = start.adding(
        days: Int((percent / 100 * Double(start.days(until: today))).rounded()))
      return schoolYearWeekday(day, start: start)
    }
    guard let first = t.first, first == "-" || first == "+" else {
      throw DemoDataError(
        "\(text) is not a demo date: write today, an offset such as -1y2m or +10d, or a school-year point such as sy40%."
      )
    }
    let sign = first == "-" ? -1 : 1
    let (months, days) = try offset(String(t.dropFirst()), original: text)
    return weekday(today.adding(months: sign * months).adding(days: sign * days))
  }

  /// A duration after another date, such as `2w` or `10d`: months and days.
  func offset(_ body: String, original: String) throws(DemoDataError) -> (months: Int, days: Int) {
    var months = 0
    var days = 0
    var digits = ""
    var seenUnit = false
    for c in body {
      if c.isASCII, c.isNumber {
        digits.append(c)
        continue
      }
      guard let n = Int(digits) else {
        throw DemoDataError(
          "\(original) is not a demo date: each unit (y, m, w, d) needs a number before it.")
      }
      switch c {
      case "y": months += 12 * n
      case "m": months += n
      case "w": days += 7 * n
      case "d": days += n
      default:
        throw DemoDataError("\(original) is not a demo date: \(c) is not a unit (y, m, w, d).")
      }
      digits = ""
      seenUnit = true
    }
    guard digits.isEmpty, seenUnit else {
      throw DemoDataError(
        "\(original) is not a demo date: end each number with a unit (y, m, w, d).")
    }
    return (months, days)
  }

  /// Past dates on a weekend go back to Friday, future ones forward to Monday: both keep dates in order.
  private func weekday(_ day: Day) -> Day {
    switch day.isoWeekday {
    case 6: return day <= today ? day.adding(days: -1) : day.adding(days: 2)
    case 7: return day <= today ? day.adding(days: -2) : day.adding(days: 1)
    default: return day
    }
  }

  private func schoolYearWeekday(_ day: Day, start: Day) -> Day {
    guard day.isoWeekday > 5 else { return day }
    let friday = day.adding(days: 5 - day.isoWeekday)
    if friday >= start { return friday }
    return min(day.adding(days: 8 - day.isoWeekday), today)
  }
}

// MARK: - JSON

/// Just enough JSON to read the demo with helpful messages.
///
/// Read through `JSONSerialization`, which is many times faster than a `Decodable` enum here.
enum DemoJSON: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([DemoJSON])
  case object([String: DemoJSON])

  init(_ any: Any) throws(DemoDataError) {
    // Objects and arrays first: asking whether one is an NSNumber bridges the whole of it to check.
    switch any {
    case let s as String: self = .string(s)
    case let o as [String: Any]:
      var fields: [String: DemoJSON] = [:]
      fields.reserveCapacity(o.count)
      for (k, v) in o { fields[k] = try DemoJSON(v) }
      self = .object(fields)
    case let a as [Any]:
      var items: [DemoJSON] = []
      items.reserveCapacity(a.count)
      for item in a { items.append(try DemoJSON(item)) }
      self = .array(items)
    case is NSNull: self = .null
    // Booleans come back as NSNumbers whose type is `c` (char); JSON numbers are never stored that way.
    case let n as NSNumber:
      self = String(cString: n.objCType) == "c" ? .bool(n.boolValue) : .number(n.doubleValue)
    default: throw DemoDataError("demo/caseload.json holds a value that is not JSON: \(any).")
    }
  }

  var kind: String {
    switch self {
    case .null: return "null"
    case .bool: return "true/false"
    case .number: return "a number"
    case .string: return "text"
    case .array: return "a list"
    case .object: return "an object"
    }
  }
}

/// The fields of one JSON object, read with messages that say what was expected.
struct DemoFields {
  var fields: [String: DemoJSON]
  var what: String

  init(_ json: DemoJSON, _ what: String) throws(DemoDataError) {
    guard case .object(let fields) = json else {
      throw DemoDataError("\(what) must be an object, not \(json.kind).")
    }
    self.fields = fields
    self.what = what
  }

  func allowOnly(_ keys: Set<String>) throws(DemoDataError) {
    if let stray = fields.keys.sorted().first(where: { !keys.contains($0) }) {
      throw DemoDataError(
        "\(what) has an unknown field \"\(stray)\"; expected \(keys.sorted().joined(separator: ", "))."
      )
    }
  }

  func has(_ key: String) -> Bool {
    if case .some(.null) = fields[key] { return false }
    return fields[key] != nil
  }

  func value(_ key: String) throws(DemoDataError) -> DemoJSON {
    guard let v = fields[key], has(key) else { throw DemoDataError("\(what) needs \"\(key)\".") }
    return v
  }

  func string(_ key: String) throws(DemoDataError) -> String {
    guard case .string(let s) = try value(key) else {
      throw DemoDataError("\"\(key)\" in \(what) must be text, not \(try value(key).kind).")
    }
    return s
  }

  func string(_ key: String, default fallback: String) throws(DemoDataError) -> String {
    has(key) ? try string(key) : fallback
  }

  func optionalString(_ key: String) throws(DemoDataError) -> String? {
    has(key) ? try string(key) : nil
  }

  func int(_ key: String) throws(DemoDataError) -> Int {
    guard case .number(let n) = try value(key), n == n.rounded(), abs(n) < 1e9 else {
      throw DemoDataError("\"\(key)\" in \(what) must be a whole number.")
    }
    return Int(n)
  }

  func int(_ key: String, default fallback: Int) throws(DemoDataError) -> Int {
    has(key) ? try int(key) : fallback
  }

  func bool(_ key: String, default fallback: Bool) throws(DemoDataError) -> Bool {
    guard has(key) else { return fallback }
    guard case .bool(let b) = try value(key) else {
      throw DemoDataError("\"\(key)\" in \(what) must be true or false.")
    }
    return b
  }

  func list(_ key: String) throws(DemoDataError) -> [DemoJSON] {
    guard has(key) else { return [] }
    guard case .array(let a) = try value(key) else {
      throw DemoDataError("\"\(key)\" in \(what) must be a list.")
    }
    return a
  }

  func strings(_ key: String) throws(DemoDataError) -> [String] {
    try list(key).map { (item) throws(DemoDataError) -> String in
      guard case .string(let s) = item else {
        throw DemoDataError("\"\(key)\" in \(what) must be a list of text.")
      }
      return s
    }
  }

  func ints(_ key: String) throws(DemoDataError) -> [Int] {
    try list(key).map { (item) throws(DemoDataError) -> Int in
      guard case .number(let n) = item, n == n.rounded(), abs(n) < 1e9 else {
        throw DemoDataError("\"\(key)\" in \(what) must be a list of whole numbers.")
      }
      return Int(n)
    }
  }

  func object(_ key: String) throws(DemoDataError) -> DemoFields {
    try DemoFields(try value(key), "\"\(key)\" in \(what)")
  }
}

// MARK: - Pupils

/// Builds one pupil's edits, applying each so that positions can be turned into ids and mistakes caught.
struct DemoPupilBuilder {
  let number: Int
  let today: Day
  let dates: DemoDates
  let settings: SchoolSettings
  private(set) var edits: [PupilEdit] = []
  private var pupil: Pupil?
  /// The pupil's usual planning team, for cycles that do not list their own participants.
  private var team: [Participant] = []
  private var label: String

  init(number: Int, today: Day, dates: DemoDates, settings: SchoolSettings) {
    self.number = number
    self.today = today
    self.dates = dates
    self.settings = settings
    self.label = "pupil \(number)"
  }

  /// Continues the record of a pupil already in the store (`caseload apply`): later steps build on it.
  init(existing: Pupil, today: Day, dates: DemoDates, settings: SchoolSettings) {
    self.init(number: 0, today: today, dates: dates, settings: settings)
    pupil = existing
    team = existing.currentCycle?.plan.participants ?? []
    label = existing.displayName
  }

  /// The pupil as the steps so far leave them.
  var built: Pupil? { pupil }

  static let newPupilKeys: Set<String> = [
    "name", "preferred", "familyFirst", "dateOfBirth", "yearOffset", "upn", "reg", "joined", "team",
  ]

  /// A new pupil from `caseload apply`: the fields of the demo's pupils, with a real date of birth.
  mutating func create(_ json: DemoJSON, id: AggregateID) throws(DemoDataError) {
    let f = try DemoFields(json, "new")
    try f.allowOnly(Self.newPupilKeys)
    let legal = try name(f, "name")
    label = legal.full
    team = try participants(f.list("team"), in: "team")
    let new = Pupil(
      id: id, legalName: legal,
      preferredName: f.has("preferred") ? try name(f, "preferred") : nil,
      dateOfBirth: try date(f, "dateOfBirth"), yearGroupOffset: try f.int("yearOffset", default: 0),
      upn: try f.optionalString("upn"), registrationGroup: try f.optionalString("reg"),
      joined: try optionalDate(f, "joined"))
    try emit(.create(new))
  }

  /// One step, as a line of `caseload apply` or an entry of a demo pupil's `steps` names it.
  mutating func step(_ key: String, _ value: DemoJSON) throws(DemoDataError) {
    try apply(step: key, value)
  }

  static let pupilKeys: Set<String> = [
    "name", "preferred", "familyFirst", "year", "yearOffset", "born", "upn", "reg", "joined",
    "team", "steps",
  ]

  mutating func build(_ json: DemoJSON) throws(DemoDataError) {
    let f: DemoFields
    do throws(DemoDataError) {
      f = try DemoFields(json, label)
      let legal = try name(f, "name")
      label = "pupil \(number) (\(legal.full))"
      try f.allowOnly(Self.pupilKeys)
      team = try participants(f.list("team"), in: "team")
      let new = Pupil(
        id: DemoCaseload.pupilID(number), legalName: legal,
        preferredName: f.has("preferred") ? try name(f, "preferred") : nil,
        dateOfBirth: try dateOfBirth(f), yearGroupOffset: try f.int("yearOffset", default: 0),
        upn: try f.optionalString("upn"), registrationGroup: try f.optionalString("reg"),
        joined: try f.optionalString("joined").map { (s) throws(DemoDataError) in
          try dates.resolve(s)
        })
      try emit(.create(new))
    } catch {
      throw DemoDataError("demo/caseload.json, \(label): \(error.message)")
    }
    guard case .array(let steps) = f.fields["steps"] ?? .array([]) else {
      throw DemoDataError("demo/caseload.json, \(label): steps must be a list.")
    }
    for (i, step) in steps.enumerated() {
      var key = "?"
      do throws(DemoDataError) {
        guard case .object(let one) = step, one.count == 1, let (k, v) = one.first else {
          throw DemoDataError(
            "a step is an object with one field naming the edit, such as {\"endSEN\": \"-2w\"}.")
        }
        key = k
        try apply(step: k, v)
      } catch {
        throw DemoDataError(
          "demo/caseload.json, \(label), step \(i + 1) (\(key)): \(error.message)")
      }
    }
  }

  // MARK: Applying

  private mutating func emit(_ edit: PupilEdit) throws(DemoDataError) {
    do {
      if var p = pupil, !edit.isCreate {
        // Changed where it stands: a copy per line would make a long history cost its length squared. A
        // refused line stops the whole file or demo, so a part-changed record is never used.
        pupil = nil
        try edit.applyInPlace(to: &p, today: today)
        pupil = p
      } else {
        pupil = try edit.apply(to: pupil, today: today)
      }
    } catch {
      throw DemoDataError(error.message)
    }
    edits.append(edit)
  }

  private var current: Pupil {
    get throws(DemoDataError) {
      guard let pupil else { throw DemoDataError("the pupil has not been created.") }
      return pupil
    }
  }

  private func date(_ text: String) throws(DemoDataError) -> Day { try dates.resolve(text) }

  private func date(_ f: DemoFields, _ key: String) throws(DemoDataError) -> Day {
    try date(f.string(key))
  }

  private func optionalDate(_ f: DemoFields, _ key: String) throws(DemoDataError) -> Day? {
    try f.optionalString(key).map { (s) throws(DemoDataError) in try date(s) }
  }

  /// A step whose value is a bare date, such as `{"endSEN": "-2w"}`.
  private func dateValue(_ v: DemoJSON, _ step: String) throws(DemoDataError) -> Day {
    guard case .string(let s) = v else {
      throw DemoDataError("\(step) takes a date such as \"-2w\".")
    }
    return try date(s)
  }

  private mutating func apply(step: String, _ v: DemoJSON) throws(DemoDataError) {
    func fields(_ keys: Set<String>) throws(DemoDataError) -> DemoFields {
      let f = try DemoFields(v, step)
      try f.allowOnly(keys)
      return f
    }
    switch step {
    case "cycle": try cycle(fields(Self.cycleKeys))
    case "setJoined": try emit(.setJoined(dateValue(v, step)))
    case "recordLeaving": try emit(.recordLeaving(on: dateValue(v, step)))
    case "setYearGroupOffset":
      // A whole number in range, checked as every other number is: 1e300 must not reach Int().
      try emit(.setYearGroupOffset(DemoFields(.object(["offset": v]), step).int("offset")))
    case "setUPN":
      guard case .string(let s) = v else { throw DemoDataError("setUPN takes text.") }
      try emit(.setUPN(s))
    case "addContact":
      let f = try fields(["name", "rel", "phone", "email", "pr", "notes"])
      try emit(
        .addContact(
          Contact(
            name: f.string("name"), relationship: f.string("rel"), phone: f.optionalString("phone"),
            email: f.optionalString("email"), parentalResponsibility: f.bool("pr", default: true),
            notes: f.optionalString("notes"))))
    case "startMonitoring": try emit(.startMonitoring(on: dateValue(v, step)))
    case "startSENSupport":
      let f = try fields(["on", "needs", "told"])
      try emit(
        .startSENSupport(
          on: date(f, "on"), needs: needs(f), parentsInformed: optionalDate(f, "told")))
    case "setNeeds":
      try emit(.setNeeds(needs(DemoFields(.object(["needs": v]), step))))
    case "setParentsInformed": try emit(.setParentsInformed(dateValue(v, step)))
    case "startEHCPlanStatus":
      let f = try fields(["on", "needs"])
      try emit(.startEHCPlanStatus(on: date(f, "on"), needs: f.has("needs") ? needs(f) : nil))
    case "endSEN": try emit(.endSEN(on: dateValue(v, step)))
    case "log":
      try emit(
        .log(
          logEntry(
            fields([
              "kind", "on", "who", "parents", "summary", "action", "followUpIn", "followUp",
              "followUpDone",
            ]))))

    case "startCycle":
      if case .string = v {
        try emit(.startCycle(on: dateValue(v, step), carryForward: false))
      } else {
        let f = try fields(["on", "carry"])
        try emit(.startCycle(on: date(f, "on"), carryForward: f.bool("carry", default: false)))
      }
    case "enterStage":
      let f = try fields(["stage", "on"])
      try emit(.enterStage(stage(f.string("stage")), on: date(f, "on")))
    case "updateAssessment": try emit(.updateAssessment(assessment(fields(Self.assessmentKeys))))
    case "setProfile": try emit(.setProfile(profile(fields(Self.profileKeys))))
    case "addOutcome": try emit(.addOutcome(outcome(fields(Self.outcomeKeys))))
    case "updateOutcome":
      let f = try fields(Self.outcomeKeys.union(["n"]))
      let n = try f.int("n")
      let old = try outcomes()[try position(n, of: outcomes().count, "outcome")]
      var o = try outcome(f, base: old)
      o.id = old.id
      try emit(.updateOutcome(o))
    case "addProvision": try emit(.addProvision(provision(fields(Self.provisionKeys))))
    case "setStrategies": try emit(.setStrategies(DemoFields(.object(["s": v]), step).strings("s")))
    case "setParticipants": try emit(.setParticipants(participants(list(v, step), in: step)))
    case "setPupilVoice": try emit(.setPupilVoice(text(v, step)))
    case "setParentViews": try emit(.setParentViews(text(v, step)))
    case "setTrainingNeeds": try emit(.setTrainingNeeds(text(v, step)))
    case "recordAgreement":
      let f = try fields(["by", "on"])
      try emit(.recordAgreement(Agreement(agreedBy: f.string("by"), on: date(f, "on"))))
    case "setReviewDate": try emit(.setReviewDate(dateValue(v, step)))
    case "addDeliveryNote":
      try emit(.addDeliveryNote(deliveryNote(fields(["on", "provision", "note"]))))
    case "recordReview": try emit(.recordReview(review(fields(Self.reviewKeys))))

    case "requestEHCAssessment":
      let f = try fields(["by", "on"])
      guard let by = Requester(rawValue: try f.string("by")) else {
        throw DemoDataError("\"by\" must be school or parent.")
      }
      try emit(.requestEHCAssessment(by: by, on: date(f, "on")))
    case "recordLADecision":
      let f = try fields(["decision", "on"])
      guard let decision = LADecision(rawValue: try f.string("decision")) else {
        throw DemoDataError("\"decision\" must be assess or refuse.")
      }
      try emit(.recordLADecision(decision, on: date(f, "on")))
    case "recordAdviceRequested": try emit(.recordAdviceRequested(on: dateValue(v, step)))
    case "recordAdviceReturned": try emit(.recordAdviceReturned(on: dateValue(v, step)))
    case "recordDraftPlan": try emit(.recordDraftPlan(on: dateValue(v, step)))
    case "recordFinalPlan": try emit(.recordFinalPlan(on: dateValue(v, step)))
    case "recordNoPlanNotice": try emit(.recordNoPlanNotice(on: dateValue(v, step)))
    case "recordAppeal": try emit(.recordAppeal(on: dateValue(v, step)))
    case "withdrawEHCRequest": try emit(.withdrawEHCRequest(on: dateValue(v, step)))
    case "scheduleAnnualReview": try emit(.scheduleAnnualReview(meeting: dateValue(v, step)))
    case "updateAnnualReview":
      try emit(.updateAnnualReview(annualReview(fields(Self.annualReviewKeys))))
    case "recordHeldEHCPlan":
      let f = try fields(["issued", "authority", "lastReview", "needs"])
      try emit(
        .recordHeldEHCPlan(
          issued: date(f, "issued"), authority: f.string("authority"),
          lastReview: optionalDate(f, "lastReview"), needs: f.has("needs") ? needs(f) : nil))
    case "recordMediationCertificate":
      try emit(.recordMediationCertificate(on: dateValue(v, step)))
    case "recordAmendmentNotice": try emit(.recordAmendmentNotice(on: dateValue(v, step)))
    case "recordEarlierPeriod":
      let f = try fields(["status", "from", "until", "needs"])
      guard let status = SENStatus(rawValue: try f.string("status")) else {
        throw DemoDataError("\"status\" must be monitoring, sen-support or ehc-plan.")
      }
      try emit(
        .recordEarlierPeriod(
          status, from: date(f, "from"), until: date(f, "until"),
          needs: f.has("needs") ? needs(f) : []))
    case "setSpecialistProvision":
      var place: SpecialistProvision?
      if case .string(let s) = v {
        guard let p = SpecialistProvision(rawValue: s) else {
          throw DemoDataError("setSpecialistProvision takes sen-unit, resourced-provision or null.")
        }
        place = p
      }
      try emit(.setSpecialistProvision(place))
    case "ceaseEHCPlan":
      let f = try fields(["on", "then"])
      var then: SENStatus?
      if let s = try f.optionalString("then") {
        guard let status = SENStatus(rawValue: s) else {
          throw DemoDataError(
            "\"then\" must be monitoring or sen-support (or left out for no SEN).")
        }
        then = status
      }
      try emit(.ceaseEHCPlan(on: date(f, "on"), then: then))
    default:
      throw DemoDataError("\(step) is not a demo step; see Resources/README.md for the list.")
    }
  }

  // MARK: The cycle shorthand

  static let cycleKeys: Set<String> = [
    "start", "carry", "assessment", "plan", "profile", "outcomes", "provision", "strategies",
    "participants",
    "pupilVoice", "parentViews", "training", "reviewDate", "agreed", "do", "notes", "reviewStage",
    "reviewed",
  ]

  /// A whole APDR cycle in one step, expanded to the edits a SENCo would make, in order: start, assessment,
  /// plan stage, profile, outcomes, provision, strategies, participants, views, training needs, review date,
  /// agreement, do stage, delivery notes, review stage, review. Stages are entered only when their date is given.
  private mutating func cycle(_ f: DemoFields) throws(DemoDataError) {
    try emit(.startCycle(on: date(f, "start"), carryForward: f.bool("carry", default: false)))
    if f.has("assessment") {
      let a = try f.object("assessment")
      try a.allowOnly(Self.assessmentKeys)
      try emit(.updateAssessment(assessment(a)))
    }
    if f.has("plan") { try emit(.enterStage(.plan, on: date(f, "plan"))) }
    if f.has("profile") {
      let p = try f.object("profile")
      try p.allowOnly(Self.profileKeys)
      try emit(.setProfile(profile(p)))
    }
    for (i, item) in try f.list("outcomes").enumerated() {
      let o = try DemoFields(item, "outcome \(i + 1)")
      try o.allowOnly(Self.outcomeKeys)
      try emit(.addOutcome(outcome(o)))
    }
    for (i, item) in try f.list("provision").enumerated() {
      let v = try DemoFields(item, "provision \(i + 1)")
      try v.allowOnly(Self.provisionKeys)
      try emit(.addProvision(provision(v)))
    }
    if f.has("strategies") { try emit(.setStrategies(f.strings("strategies"))) }
    if f.has("participants") {
      try emit(.setParticipants(participants(f.list("participants"), in: "participants")))
    } else if !team.isEmpty, try current.currentCycle?.plan.participants.isEmpty ?? true {
      try emit(.setParticipants(team))
    }
    if f.has("pupilVoice") { try emit(.setPupilVoice(f.string("pupilVoice"))) }
    if f.has("parentViews") { try emit(.setParentViews(f.string("parentViews"))) }
    if f.has("training") { try emit(.setTrainingNeeds(f.string("training"))) }
    if f.has("reviewDate") { try emit(.setReviewDate(date(f, "reviewDate"))) }
    if f.has("agreed") {
      let a = try f.object("agreed")
      try a.allowOnly(["by", "on"])
      try emit(.recordAgreement(Agreement(agreedBy: a.string("by"), on: date(a, "on"))))
    }
    if f.has("do") { try emit(.enterStage(.do, on: date(f, "do"))) }
    for (i, item) in try f.list("notes").enumerated() {
      let n = try DemoFields(item, "note \(i + 1)")
      try n.allowOnly(["on", "provision", "note"])
      try emit(.addDeliveryNote(deliveryNote(n)))
    }
    if f.has("reviewed") {
      let r = try f.object("reviewed")
      try r.allowOnly(Self.reviewKeys)
      try emit(
        .enterStage(.review, on: f.has("reviewStage") ? date(f, "reviewStage") : date(r, "on")))
      try emit(.recordReview(review(r)))
    } else if f.has("reviewStage") {
      try emit(.enterStage(.review, on: date(f, "reviewStage")))
    }
  }

  // MARK: Pieces

  private func name(_ f: DemoFields, _ key: String) throws(DemoDataError) -> PersonName {
    let parts = try f.list(key)
    guard parts.count == 2, case .string(let given) = parts[0], case .string(let family) = parts[1]
    else {
      throw DemoDataError("\"\(key)\" must be [given name, family name].")
    }
    return PersonName(
      given: given, family: family, familyFirst: try f.bool("familyFirst", default: false))
  }

  /// `year` (the year group now; 0 is Reception) and `born` (`MM-DD`) give a date of birth in the right cohort
  /// for today's school year. 29 February becomes 28 February in years without it.
  private func dateOfBirth(_ f: DemoFields) throws(DemoDataError) -> Day {
    let year = try f.int("year")
    let born = try f.string("born").split(separator: "-")
    guard born.count == 2, let month = Int(born[0]), let day = Int(born[1]),
      (1...12).contains(month),
      (1...31).contains(day)
    else { throw DemoDataError("\"born\" must be a month and day, MM-DD, such as 03-14.") }
    let cohort =
      SchoolYear(containing: today).startYear - 5 - (year - (try f.int("yearOffset", default: 0)))
    let calendarYear = month >= 9 ? cohort : cohort + 1
    let leapFallback = month == 2 && day == 29 && !Day.isLeap(calendarYear)
    guard let dob = Day(year: calendarYear, month: month, day: leapFallback ? 28 : day) else {
      throw DemoDataError("\"born\" \(born.joined(separator: "-")) is not a date.")
    }
    return dob
  }

  private func needs(_ f: DemoFields) throws(DemoDataError) -> [NeedType] {
    try f.strings("needs").map { (code) throws(DemoDataError) -> NeedType in
      guard let need = NeedType(code: code) else {
        throw DemoDataError("\(code) is not a census type of need.")
      }
      return need
    }
  }

  private func stage(_ s: String) throws(DemoDataError) -> Stage {
    guard let stage = Stage(rawValue: s) else {
      throw DemoDataError("\(s) is not a stage (assess, plan, do, review).")
    }
    return stage
  }

  private func text(_ v: DemoJSON, _ step: String) throws(DemoDataError) -> String {
    guard case .string(let s) = v else { throw DemoDataError("\(step) takes text.") }
    return s
  }

  private func list(_ v: DemoJSON, _ step: String) throws(DemoDataError) -> [DemoJSON] {
    guard case .array(let a) = v else { throw DemoDataError("\(step) takes a list.") }
    return a
  }

  /// `[["senco", "Mrs H Greenhow"], ["pupil", "Oisín"]]`
  private func participants(_ items: [DemoJSON], in what: String) throws(DemoDataError)
    -> [Participant]
  {
    try items.map { (item) throws(DemoDataError) -> Participant in
      guard case .array(let pair) = item, pair.count == 2, case .string(let r) = pair[0],
        case .string(let name) = pair[1]
      else {
        throw DemoDataError(
          "each of \(what) is [role, name], such as [\"senco\", \"Mrs Greenhow\"].")
      }
      guard let role = ParticipantRole(rawValue: r) else {
        throw DemoDataError(
          "\(r) is not a participant role (\(ParticipantRole.allCases.map(\.rawValue).joined(separator: ", ")))."
        )
      }
      return Participant(role: role, name: name)
    }
  }

  private func logEntry(_ f: DemoFields) throws(DemoDataError) -> LogEntry {
    guard let kind = LogKind(rawValue: try f.string("kind")) else {
      throw DemoDataError(
        "\"kind\" must be one of \(LogKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    let on = try date(f, "on")
    var followUp = try optionalDate(f, "followUp")
    if let after = try f.optionalString("followUpIn") {
      let (months, days) = try dates.offset(after, original: after)
      followUp = on.adding(months: months).adding(days: days)
    }
    var entry = LogEntry(
      kind: kind, date: on, who: try f.string("who"),
      withParents: try f.bool("parents", default: false),
      summary: try f.string("summary"), action: try f.string("action", default: ""),
      followUp: followUp)
    entry.followUpDone = try optionalDate(f, "followUpDone")
    return entry
  }

  static let assessmentKeys: Set<String> = [
    "teacher", "progress", "peers", "parents", "pupil", "advice", "senDecision",
  ]

  private func assessment(_ f: DemoFields) throws(DemoDataError) -> Assessment {
    Assessment(
      teacherAssessment: try f.string("teacher", default: ""),
      progressAndAttainment: try f.string("progress", default: ""),
      comparisonWithPeers: try f.string("peers", default: ""),
      parentConcerns: try f.string("parents", default: ""),
      pupilViews: try f.string("pupil", default: ""),
      outsideAdvice: try f.string("advice", default: ""),
      senDecision: try optionalDate(f, "senDecision"))
  }

  static let profileKeys: Set<String> = ["strengths", "needs", "works", "doesNot"]

  private func profile(_ f: DemoFields) throws(DemoDataError) -> PupilProfile {
    PupilProfile(
      strengths: try f.string("strengths", default: ""), needs: try f.string("needs", default: ""),
      whatWorks: try f.string("works", default: ""),
      whatDoesNot: try f.string("doesNot", default: ""))
  }

  static let outcomeKeys: Set<String> = ["area", "text", "criteria", "target"]

  /// `area` is a broad area (`semh`) or a type of need whose area it takes (`SPLD`).
  private func outcome(_ f: DemoFields, base: Outcome? = nil) throws(DemoDataError) -> Outcome {
    var area = base?.area
    if let a = try f.optionalString("area") {
      guard let found = NeedArea(rawValue: a) ?? NeedType(code: a)?.area else {
        throw DemoDataError("\(a) is neither an area of need nor a type of need.")
      }
      area = found
    }
    guard let area else { throw DemoDataError("an outcome needs its \"area\".") }
    return Outcome(
      area: area, text: try f.string("text", default: base?.text ?? ""),
      successCriteria: try f.string("criteria", default: base?.successCriteria ?? ""),
      targetDate: f.has("target") ? try date(f, "target") : base?.targetDate,
      carriedFrom: base?.carriedFrom)
  }

  private func outcomes() throws(DemoDataError) -> [Outcome] {
    guard let cycle = try current.currentCycle else {
      throw DemoDataError("there is no cycle yet.")
    }
    return cycle.plan.outcomes
  }

  private func position(_ n: Int, of count: Int, _ what: String) throws(DemoDataError) -> Int {
    guard n >= 1, n <= count else {
      throw DemoDataError("there is no \(what) \(n); the current cycle has \(count).")
    }
    return n - 1
  }

  static let provisionKeys: Set<String> = [
    "what", "by", "sessions", "minutes", "group", "weeks", "role", "ratePence", "start", "for",
  ]

  /// The hourly rate comes from the school's staff role unless `ratePence` gives one; `for` lists outcome
  /// positions in the current cycle.
  private func provision(_ f: DemoFields) throws(DemoDataError) -> Provision {
    let role = try f.string("role")
    var rate = settings.rate(for: role)
    if f.has("ratePence") { rate = Money(pence: try f.int("ratePence")) }
    guard let rate else {
      throw DemoDataError(
        "\(role) is not one of the school's staff roles (\(settings.staffRoles.map(\.name).joined(separator: ", "))); give ratePence."
      )
    }
    let all = try outcomes()
    let ids = try f.ints("for").map { (n) throws(DemoDataError) -> Int in
      all[try position(n, of: all.count, "outcome")].id
    }
    return Provision(
      intervention: try f.string("what"), deliveredBy: try f.string("by", default: ""),
      sessionsPerWeek: try f.int("sessions"), minutesPerSession: try f.int("minutes"),
      groupSize: try f.int("group", default: 1), weeks: try f.int("weeks"), staffRole: role,
      hourlyRate: rate,
      start: try optionalDate(f, "start"), outcomeIDs: ids)
  }

  /// `provision` is the position of the intervention in the current cycle's plan.
  private func deliveryNote(_ f: DemoFields) throws(DemoDataError) -> DeliveryNote {
    var provisionID: Int?
    if f.has("provision") {
      guard let plan = try current.currentCycle?.plan else {
        throw DemoDataError("there is no cycle yet.")
      }
      provisionID =
        plan.provision[try position(f.int("provision"), of: plan.provision.count, "provision")].id
    }
    return DeliveryNote(
      date: try date(f, "on"), provisionID: provisionID, note: try f.string("note"))
  }

  static let reviewKeys: Set<String> = [
    "on", "ratings", "progress", "pupil", "parents", "supportRight", "decision", "participants",
  ]

  /// `ratings` follow the outcomes in order: a code (`achieved`, `partly`, `not-yet`, `-2`…`+2`) or
  /// `[code, note]`. Without `participants`, those of the plan took part.
  private func review(_ f: DemoFields) throws(DemoDataError) -> Review {
    let all = try outcomes()
    let items = try f.list("ratings")
    guard items.count == all.count else {
      throw DemoDataError("the review rates \(items.count) outcomes but the plan has \(all.count).")
    }
    var ratings: [OutcomeRating] = []
    for (item, o) in zip(items, all) {
      var code = ""
      var note = ""
      switch item {
      case .string(let s): code = s
      case .array(let pair) where pair.count == 2:
        guard case .string(let c) = pair[0], case .string(let n) = pair[1] else { fallthrough }
        code = c
        note = n
      default: throw DemoDataError("each rating is a code or [code, note].")
      }
      guard let rating = Rating(code: code) else {
        throw DemoDataError("\(code) is not a rating (achieved, partly, not-yet, or -2 to +2).")
      }
      ratings.append(OutcomeRating(outcomeID: o.id, rating: rating, note: note))
    }
    guard let progress = Progress(rawValue: try f.string("progress")) else {
      throw DemoDataError(
        "\"progress\" must be one of \(Progress.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    guard let decision = ReviewDecision(rawValue: try f.string("decision")) else {
      throw DemoDataError(
        "\"decision\" must be one of \(ReviewDecision.allCases.map(\.rawValue).joined(separator: ", "))."
      )
    }
    let people =
      f.has("participants")
      ? try participants(f.list("participants"), in: "participants")
      : try current.currentCycle?.plan.participants ?? []
    return Review(
      date: try date(f, "on"), ratings: ratings, progress: progress,
      pupilViews: try f.string("pupil", default: ""),
      parentViews: try f.string("parents", default: ""),
      supportRight: try f.string("supportRight", default: ""),
      decision: decision, participants: people)
  }

  static let annualReviewKeys: Set<String> = [
    "n", "invitationsSent", "reportSent", "laDecision", "laDecisionDate", "amendmentsProposed",
    "amendedPlanIssued",
  ]

  /// `n` is the review's position in the plan (1 = first); without it, the latest.
  private func annualReview(_ f: DemoFields) throws(DemoDataError) -> EHCAnnualReview {
    guard let plan = try current.ehc.plan else { throw DemoDataError("there is no EHC plan.") }
    let reviews = plan.reviews
    let i =
      try f.has("n") ? position(f.int("n"), of: reviews.count, "annual review") : reviews.count - 1
    guard reviews.indices.contains(i) else {
      throw DemoDataError("no annual review has been scheduled.")
    }
    var r = reviews[i]
    if f.has("invitationsSent") { r.invitationsSent = try date(f, "invitationsSent") }
    if f.has("reportSent") { r.reportSent = try date(f, "reportSent") }
    if let s = try f.optionalString("laDecision") {
      guard let outcome = EHCReviewOutcome(rawValue: s) else {
        throw DemoDataError("\"laDecision\" must be keep, amend or cease.")
      }
      r.laDecision = outcome
    }
    if f.has("laDecisionDate") { r.laDecisionDate = try date(f, "laDecisionDate") }
    if f.has("amendmentsProposed") { r.amendmentsProposed = try date(f, "amendmentsProposed") }
    if f.has("amendedPlanIssued") { r.amendedPlanIssued = try date(f, "amendedPlanIssued") }
    return r
  }
}
