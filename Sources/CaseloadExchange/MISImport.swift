import CaseloadCore
import CaseloadStore
import Foundation

/// What an import of an MIS export would do, worked out before anything is saved: every row of the file
/// classified as new, changed (field by field), unchanged or rejected (with its line and the reason), and the
/// pupils in Caseload the file does not mention. The dry run prints it; the import applies exactly it.
public struct ImportPlan: Sendable, Hashable {
  public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
    case new, changed, unchanged, rejected
  }

  /// One row of the file and what becomes of it.
  public struct Row: Sendable, Hashable {
    /// The line of the file the row starts on.
    public var line: Int
    public var outcome: Outcome
    /// The pupil's name as the row gives it (legal, with the preferred name where there is one).
    public var name: String
    public var dateOfBirth: Day?
    public var upn: String?
    /// The pupil in Caseload the row matched, or the id a new pupil will have.
    public var pupilID: AggregateID?
    /// For a new pupil, what is recorded ("Y5 · 5B · K: SPLD"); for a changed one, each change ("Year group Y4
    /// → Y5", "SEN status K → E").
    public var changes: [String] = []
    /// Why a rejected row is not imported.
    public var reason: String?
    /// What the person should check, though the row is imported (a retired SEN code read as its successor).
    public var warnings: [String] = []
    /// The edits that make the change, in order; a new pupil's start with `.create`.
    public var edits: [PupilEdit] = []
    /// The version of the matched pupil the plan was made from: the import refuses to overwrite a later one.
    public var expectedVersion: Int?
    /// A new pupil as the edits leave them: the import adds them in one go.
    public var pupil: Pupil?
  }

  /// A pupil in Caseload whom the file does not mention: listed, never removed.
  public struct Missing: Sendable, Hashable, Codable {
    public var id: AggregateID
    public var name: String
    public var dateOfBirth: Day
    public var yearGroup: String
    public var upn: String?
  }

  public var fileName: String
  public var today: Day
  /// How the file was read (encoding, header line).
  public var notes: [String]
  public var columns: MISColumns
  public var rows: [Row]
  public var missingFromFile: [Missing]

  public func rows(_ outcome: Outcome) -> [Row] { rows.filter { $0.outcome == outcome } }
  public func count(_ outcome: Outcome) -> Int { rows.lazy.filter { $0.outcome == outcome }.count }
  /// Whether applying the plan would change anything.
  public var hasChanges: Bool { rows.contains { $0.outcome == .new || $0.outcome == .changed } }

  /// "Import of pupils.csv: 3 new, 2 changed": the history's name for the step.
  public var stepSummary: String {
    "Import of \(fileName): \(count(.new)) new, \(count(.changed)) changed"
  }
}

extension ImportPlan {
  /// Plans the import of `file` into a caseload holding `pupils` (every pupil, leavers included), on `today`.
  public static func make(
    file: MISFile, pupils: [Loaded<Pupil>], today: Day, noSENColumn: Bool = false,
    remedies: ImportRemedies = .unspecified,
    newID: () -> AggregateID = { AggregateID.newPupil() }
  ) -> ImportPlan {
    var planner = Planner(file: file, pupils: pupils, today: today)
    planner.noSENColumn = noSENColumn
    let rows = file.rows.map { planner.plan($0, newID: newID) }
    let seen = Set(rows.compactMap { $0.outcome == .new ? nil : $0.pupilID })
    let missing = pupils.map(\.value).filter { !$0.hasLeft && !seen.contains($0.id) }
      .sorted { (Text.searchKey($0.sortName), $0.id) < (Text.searchKey($1.sortName), $1.id) }
      .map {
        Missing(
          id: $0.id, name: $0.nameWithLegal, dateOfBirth: $0.dateOfBirth,
          yearGroup: $0.yearGroup(on: today).description, upn: $0.upn)
      }
    return ImportPlan(
      fileName: file.name, today: today,
      notes: Self.senColumnNote(file, noSENColumn: noSENColumn, remedies: remedies) + file.notes
        + Self.rolloverNote(rows, today: today),
      columns: file.columns, rows: rows, missingFromFile: missing)
  }

  /// Without an SEN provision column every new pupil would come in as N: an EHC plan lost without a word.
  static func senColumnNote(_ file: MISFile, noSENColumn: Bool, remedies: ImportRemedies)
    -> [String]
  {
    guard !file.columns.has(.senProvision) else { return [] }
    if noSENColumn {
      return [
        "The file has no SEN provision column: new pupils come in as N (no SEN), as asked; pupils already in Caseload keep their status."
      ]
    }
    let looked = MISField.senProvision.headers.prefix(4).map { "“\($0)”" }.joined(separator: ", ")
    return [
      "Warning: no SEN provision column was recognised (looked for \(looked), …), so new pupils are NOT imported: they would all come in as N (no SEN). Name the column \(remedies.mapping) (`sen-provision = Column Header`), or, if the file really has no SEN column, \(remedies.noSENColumn). Pupils already in Caseload keep their status."
    ]
  }

  /// A file whose year groups move most known pupils up (or down) a year was probably exported either side of the
  /// MIS's summer rollover: importing it would leave every pupil a year out once Caseload's own year turns.
  static func rolloverNote(_ rows: [Row], today: Day) -> [String] {
    let matched = rows.filter { $0.outcome == .changed || $0.outcome == .unchanged }
    let moved = matched.filter { row in row.changes.contains { $0.hasPrefix("Year group ") } }
    guard matched.count >= 4, moved.count * 2 > matched.count else { return [] }
    return [
      "Warning: \(moved.count) of the \(matched.count) pupils already in Caseload would change year group. If the MIS has already moved to next school year's groups (or not yet to this one's), this import would put them a year out from \(SchoolYear(containing: today)): import it once the MIS and Caseload are in the same school year, or remove the year column."
    ]
  }

  /// Reads an export and plans its import into `store`.
  public static func make(
    data: Data, fileName: String, mapping: MISMapping? = nil, noSENColumn: Bool = false,
    remedies: ImportRemedies = .unspecified, store: Store?, today: Day
  ) throws -> ImportPlan {
    let file = try MISFile.read(data, name: fileName, mapping: mapping, remedies: remedies)
    return make(
      file: file, pupils: try store?.allPupils() ?? [], today: today,
      noSENColumn: noSENColumn || mapping?.noSENColumn == true, remedies: remedies)
  }
}

/// A row's values, read and checked.
struct MISRecord {
  var legal: PersonName
  var preferred: PersonName?
  /// Whether the file has a preferred-name column with something in it on this row.
  var hasPreferred: Bool
  var dateOfBirth: Day
  var upn: String?
  var yearGroup: YearGroup?
  var registrationGroup: String?
  var code: CensusCode?
  var needs: [NeedType]?
  var admission: Day?
  var leaving: Day?
  /// Whether the file has a leaving-date column: only then does an empty cell mean "has not left".
  var speaksOfLeaving: Bool
  var warnings: [String]
}

/// Works through the rows, remembering what earlier rows claimed (pupils matched, UPNs, new names).
struct Planner {
  /// The MIS says E but not when the plan was issued: without that no statutory date can be known.
  static let heldPlanWarning =
    "On an EHC plan (E) with no plan recorded: record it as held (E on the pupil: issue date, local authority, last annual review) so its annual review and phase transfer are known."
  let file: MISFile
  let pupils: [Loaded<Pupil>]
  let today: Day
  /// New pupils may come in without an SEN provision column (as N) only when the person said so.
  var noSENColumn = false
  var byUPN: [String: Int] = [:]
  var byNameAndBirth: [String: [Int]] = [:]
  /// Lines of the file per UPN, to reject every row of a UPN given twice.
  var upnLines: [String: [Int]] = [:]
  /// The line that first matched each pupil, and each new pupil's name-and-birth key.
  var claimed: [AggregateID: Int] = [:]
  var newKeys: [String: Int] = [:]

  init(file: MISFile, pupils: [Loaded<Pupil>], today: Day) {
    self.file = file
    self.pupils = pupils
    self.today = today
    for (i, loaded) in pupils.enumerated() {
      let p = loaded.value
      if let upn = p.upn { byUPN[upn.uppercased()] = i }
      byNameAndBirth[Self.key(p.legalName, p.dateOfBirth), default: []].append(i)
    }
    if let column = file.columns.index[.upn] {
      for row in file.rows where column < row.fields.count {
        let upn = Self.normalisedUPN(row.fields[column])
        if !upn.isEmpty { upnLines[upn, default: []].append(row.line) }
      }
    }
  }

  static func key(_ name: PersonName, _ born: Day) -> String {
    fold(name.given) + "\u{1F}" + fold(name.family) + "\u{1F}" + born.iso
  }

  /// `Text.searchKey`, quicker for the plain ASCII most names in an export are written in.
  static func fold(_ s: String) -> String {
    guard s.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x60 }) else { return Text.searchKey(s) }
    return s.lowercased()
  }

  static func normalisedUPN(_ text: String) -> String {
    text.replacingOccurrences(of: " ", with: "").uppercased()
  }

  func cell(_ row: MISFile.Row, _ field: MISField) -> String? {
    guard let i = file.columns.index[field], i < row.fields.count else { return nil }
    return row.fields[i]
  }

  func header(_ field: MISField) -> String { file.columns.header[field] ?? field.title }

  mutating func plan(_ row: MISFile.Row, newID: () -> AggregateID) -> ImportPlan.Row {
    var out = ImportPlan.Row(line: row.line, outcome: .rejected, name: "")
    let surname = cell(row, .surname) ?? ""
    let forename = cell(row, .forename) ?? ""
    out.name = [forename, surname].filter { !$0.isEmpty }.joined(separator: " ")
    if out.name.isEmpty { out.name = "(no name)" }
    func reject(_ reason: String) -> ImportPlan.Row {
      out.outcome = .rejected
      out.reason = reason
      out.changes = []
      out.edits = []
      out.pupil = nil
      return out
    }
    let width = file.header.count
    if row.fields.count < width {
      return reject(
        "The row has \(row.fields.count) \(row.fields.count == 1 ? "column" : "columns") where the header has \(width): a column is missing (a comma, or a closing quote)."
      )
    }
    if row.fields.count > width, row.fields[width...].contains(where: { !$0.isEmpty }) {
      return reject(
        "The row has \(row.fields.count) columns where the header has \(width): a comma inside a value needs the value in quotes."
      )
    }
    let record: MISRecord
    switch read(row) {
    case .success(let r): record = r
    case .failure(let error): return reject(error.message)
    }
    out.dateOfBirth = record.dateOfBirth
    out.upn = record.upn
    out.name = nameText(record.legal, record.preferred)
    out.warnings = record.warnings
    if let upn = record.upn, let lines = upnLines[upn], lines.count > 1 {
      let list = lines.map(String.init)
      return reject(
        "The UPN \(upn) is on lines \(list.dropLast().joined(separator: ", ")) and \(list.last!) of the file; none of them is imported, since Caseload cannot tell which is right."
      )
    }

    // The pupil in Caseload: by UPN, then by legal name and date of birth.
    var match: Int?
    var matchedByUPN = false
    if let upn = record.upn, let i = byUPN[upn] {
      match = i
      matchedByUPN = true
    } else {
      let candidates = byNameAndBirth[Self.key(record.legal, record.dateOfBirth)] ?? []
      if candidates.count > 1 {
        return reject(
          "\(candidates.count) pupils in Caseload have this name and date of birth; add the UPN to the file to say which one this is."
        )
      }
      match = candidates.first
    }
    guard let index = match else {
      let key = Self.key(record.legal, record.dateOfBirth)
      if let earlier = newKeys[key] {
        return reject(
          "Line \(earlier) has a pupil with the same name and date of birth; give each a UPN if they are two pupils."
        )
      }
      if !file.columns.has(.senProvision), !noSENColumn {
        return reject(
          "New pupil not imported: the file has no SEN provision column, so whether they are on the SEN register is unknown (see the note at the top)."
        )
      }
      let result = planNew(record, id: newID())
      if result.reason == nil { newKeys[key] = row.line }
      out.pupilID = result.pupilID
      if let reason = result.reason { return reject(reason) }
      out.outcome = .new
      out.changes = result.changes
      out.warnings += result.warnings
      out.edits = result.edits
      out.pupil = result.pupil
      return out
    }
    let loaded = pupils[index]
    out.pupilID = loaded.value.id
    out.expectedVersion = loaded.version
    // Two children's records must never become one: a match that disagrees on identity is for a person to check.
    let known = loaded.value
    let who = "\(known.nameWithLegal), born \(known.dateOfBirth.british)"
    if !matchedByUPN, let upn = record.upn, let theirs = known.upn, theirs.uppercased() != upn {
      return reject(
        "\(who) has the UPN \(theirs) in Caseload, but this line gives \(upn); check which is right (a typing mistake would merge two pupils)."
      )
    }
    if matchedByUPN, record.dateOfBirth != known.dateOfBirth,
      Self.key(record.legal, known.dateOfBirth) != Self.key(known.legalName, known.dateOfBirth)
    {
      return reject(
        "The UPN \(record.upn ?? "") belongs to \(who) in Caseload, but this line gives another name and date of birth; it may be another child's row or a mistyped UPN."
      )
    }
    if let earlier = claimed[loaded.value.id] {
      return reject(
        "Line \(earlier) is the same pupil (\(loaded.value.nameWithLegal), born \(loaded.value.dateOfBirth.british)); only the first line for a pupil is read."
      )
    }
    claimed[loaded.value.id] = row.line
    let result = planChange(record, to: loaded.value)
    if let reason = result.reason { return reject(reason) }
    out.warnings += result.warnings
    out.changes = result.changes
    out.edits = result.edits
    out.outcome = result.edits.isEmpty ? .unchanged : .changed
    return out
  }

  func nameText(_ legal: PersonName, _ preferred: PersonName?) -> String {
    guard let preferred, preferred.full != legal.full else { return legal.full }
    return "\(preferred.full) (\(legal.full))"
  }

  // MARK: - Reading a row

  func read(_ row: MISFile.Row) -> Result<MISRecord, ImportError> {
    func value(_ f: MISField) -> String? {
      cell(row, f).flatMap { $0.isEmpty ? nil : $0 }
    }
    func date(_ f: MISField) -> Result<Day?, ImportError> {
      guard let text = value(f) else { return .success(nil) }
      guard let day = MISValues.date(text) else {
        return .failure(
          ImportError(
            "The \(f.title) “\(text)” (column “\(header(f))”) is not a date; dates are read as dd/mm/yyyy or yyyy-mm-dd."
          ))
      }
      guard RecordCheck.years.contains(day.year) else {
        return .failure(
          ImportError(
            "The \(f.title) “\(text)” (column “\(header(f))”) is outside the years Caseload works with (\(RecordCheck.years.lowerBound)–\(RecordCheck.years.upperBound))."
          ))
      }
      return .success(day)
    }
    guard let surname = value(.surname) else {
      return .failure(ImportError("No surname: the “\(header(.surname))” column is empty."))
    }
    guard let forename = value(.forename) else {
      return .failure(ImportError("No forename: the “\(header(.forename))” column is empty."))
    }
    guard value(.dateOfBirth) != nil else {
      return .failure(
        ImportError("No date of birth: the “\(header(.dateOfBirth))” column is empty."))
    }
    var warnings: [String] = []
    var familyFirst = false
    if file.columns.has(.nameOrder) {
      let text = value(.nameOrder) ?? ""
      guard let first = MISValues.familyFirst(text) else {
        return .failure(
          ImportError(
            "The name order “\(text)” (column “\(header(.nameOrder))”) is not one Caseload reads: write “surname first” or “forename first” (or yes / no)."
          ))
      }
      familyFirst = first
    }
    let legal = PersonName(given: forename, family: surname, familyFirst: familyFirst)
    let preferredGiven = value(.preferredForename)
    let preferredFamily = value(.preferredSurname)
    var preferred: PersonName?
    if preferredGiven != nil || preferredFamily != nil {
      let name = PersonName(
        given: preferredGiven ?? forename, family: preferredFamily ?? surname,
        familyFirst: familyFirst)
      preferred = name == legal ? nil : name
    }
    let born: Day?
    let admission: Day?
    let leaving: Day?
    switch (date(.dateOfBirth), date(.admissionDate), date(.leavingDate)) {
    case (.failure(let e), _, _), (_, .failure(let e), _), (_, _, .failure(let e)):
      return .failure(e)
    case (.success(let b), .success(let a), .success(let l)):
      (born, admission, leaving) = (b, a, l)
    }
    // A school's admissions and leavings are within living memory: a typing slip (1920 for 2020) is caught here.
    for (field, day) in [(MISField.admissionDate, admission), (.leavingDate, leaving)] {
      guard let day else { continue }
      if let born, day < born {
        return .failure(
          ImportError(
            "The \(field.title) \(day.british) (column “\(header(field))”) is before the date of birth \(born.british)."
          ))
      }
      guard Self.schoolYears.contains(day.year) else {
        return .failure(
          ImportError(
            "The \(field.title) \(day.british) (column “\(header(field))”) is outside \(Self.schoolYears.lowerBound)–\(Self.schoolYears.upperBound); check the year."
          ))
      }
    }
    var hasLeft = leaving
    if let day = leaving, day > today {
      // Schools enter leaving dates ahead (the end of Year 6): the pupil is still here.
      warnings.append(
        "The leaving date \(day.british) is still to come, so it is not recorded; import a file again once they have left."
      )
      hasLeft = nil
    }
    var upn: String?
    if let text = value(.upn) {
      let normalised = Self.normalisedUPN(text)
      if let problem = UPN.problem(normalised) { return .failure(ImportError(problem)) }
      upn = normalised
    }
    var year: YearGroup?
    if let text = value(.yearGroup) {
      guard let y = MISValues.yearGroup(text) else {
        return .failure(
          ImportError(
            "The year group “\(text)” (column “\(header(.yearGroup))”) is not one Caseload reads: write N, R, 1 to 14, Y7 or Year 7."
          ))
      }
      year = y
    }
    var code: CensusCode?
    if file.columns.has(.senProvision) {
      let text = value(.senProvision) ?? ""
      guard let reading = MISValues.provision(text) else {
        return .failure(
          ImportError(
            "The SEN provision “\(text)” (column “\(header(.senProvision))”) is not a census code: N, K or E (the retired S, A and P are read too)."
          ))
      }
      code = reading.code
      if let retired = reading.retired {
        warnings.append(
          "The retired SEN code \(retired) (\(MISValues.retiredMeaning(retired))) was read as \(reading.code.rawValue) (\(reading.code.meaning))."
        )
      }
    }
    var needs: [NeedType]?
    if file.columns.has(.primaryNeed) || file.columns.has(.secondaryNeed) {
      var list: [NeedType] = []
      for f in [MISField.primaryNeed, .secondaryNeed] {
        guard let text = value(f) else { continue }
        guard let need = MISValues.need(text) else {
          return .failure(
            ImportError(
              "The \(f.title) “\(text)” (column “\(header(f))”) is not a census type of need (\(NeedType.allCases.map(\.rawValue).joined(separator: ", ")))."
            ))
        }
        list.append(need)
      }
      if value(.primaryNeed) == nil, let secondary = list.first {
        return .failure(
          ImportError(
            "A secondary need (\(secondary.rawValue)) is given without a primary need."))
      }
      needs = list
    }
    return .success(
      MISRecord(
        legal: legal, preferred: preferred,
        hasPreferred: preferredGiven != nil || preferredFamily != nil, dateOfBirth: born!,
        upn: upn, yearGroup: year, registrationGroup: value(.registrationGroup), code: code,
        needs: needs, admission: admission, leaving: hasLeft,
        speaksOfLeaving: file.columns.has(.leavingDate), warnings: warnings))
  }

  // MARK: - Planning

  struct Planned {
    var pupilID: AggregateID?
    var pupil: Pupil?
    var changes: [String] = []
    var edits: [PupilEdit] = []
    var warnings: [String] = []
    var reason: String?
  }

  /// Checks the edits by applying them to a copy, as the store will: the pupil they make, or the rule they
  /// break, which rejects the row.
  func simulate(_ edits: [PupilEdit], on pupil: Pupil?) -> Result<Pupil?, EditError> {
    var current = pupil
    for edit in edits {
      do throws(EditError) {
        current = try edit.apply(to: current, today: today)
      } catch {
        return .failure(error)
      }
    }
    return .success(current)
  }

  /// The years an admission or leaving date can fall in.
  static let schoolYears = 1990...2100

  /// Schools hold pupils back or move them on: a year group one or two away from the date of birth's is taken,
  /// with a warning naming both.
  func offsetWarning(for year: YearGroup, born: Day) -> String? {
    let natural = YearGroup(dateOfBirth: born, in: SchoolYear(containing: today))
    let offset = year.number - natural.number
    guard offset != 0, (-2...2).contains(offset) else { return nil }
    return
      "The year group \(year) is \(abs(offset)) year\(abs(offset) == 1 ? "" : "s") \(offset > 0 ? "above" : "below") the one the date of birth \(born.british) gives (\(natural)); imported as \(year)."
  }

  /// Year groups above or below the one the date of birth gives, as `setYearGroupOffset` allows.
  func offset(for year: YearGroup, born: Day) -> Result<Int, ImportError> {
    let natural = YearGroup(dateOfBirth: born, in: SchoolYear(containing: today))
    let offset = year.number - natural.number
    guard (-2...2).contains(offset) else {
      return .failure(
        ImportError(
          "The year group \(year) is \(abs(offset)) years \(offset > 0 ? "above" : "below") the one the date of birth \(born.british) gives (\(natural)); check the date of birth."
        ))
    }
    return .success(offset)
  }

  func planNew(_ r: MISRecord, id: AggregateID) -> Planned {
    var planned = Planned(pupilID: id)
    var offset = 0
    if let year = r.yearGroup {
      switch self.offset(for: year, born: r.dateOfBirth) {
      case .success(let o): offset = o
      case .failure(let e):
        planned.reason = e.message
        return planned
      }
      if let warning = offsetWarning(for: year, born: r.dateOfBirth) {
        planned.warnings.append(warning)
      }
    }
    let code = r.code ?? .N
    let needs = r.needs ?? []
    if let rule = censusRuleBroken(code: code, needs: needs) {
      planned.reason = rule
      return planned
    }
    let pupil = Pupil(
      id: id, legalName: r.legal, preferredName: r.preferred, dateOfBirth: r.dateOfBirth,
      yearGroupOffset: offset, upn: r.upn, registrationGroup: r.registrationGroup)
    var edits: [PupilEdit] = [.create(pupil)]
    if let admission = r.admission { edits.append(.setJoined(admission)) }
    // SEN status starts on the day they joined, where the file says; otherwise today.
    let start = r.admission.map { min($0, today) } ?? today
    switch code {
    case .N: break
    case .K: edits.append(.startSENSupport(on: start, needs: needs, parentsInformed: nil))
    case .E:
      edits.append(.startEHCPlanStatus(on: start, needs: needs))
      planned.warnings.append(Self.heldPlanWarning)
    }
    if let leaving = r.leaving { edits.append(.recordLeaving(on: leaving)) }
    switch simulate(edits, on: nil) {
    case .success(let made): planned.pupil = made
    case .failure(let error):
      planned.reason = error.message
      return planned
    }
    var parts = ["born \(r.dateOfBirth.british)", pupil.yearGroup(on: today).description]
    if let upn = r.upn { parts.append("UPN \(upn)") }
    if let group = r.registrationGroup { parts.append("reg \(group)") }
    parts.append(code == .N ? "N" : "\(code.rawValue): \(Self.needsText(needs))")
    if let admission = r.admission { parts.append("joined \(admission.british)") }
    if let leaving = r.leaving { parts.append("left \(leaving.british)") }
    planned.changes = [parts.joined(separator: " · ")]
    planned.edits = edits
    return planned
  }

  static func needsText(_ needs: [NeedType]) -> String {
    needs.isEmpty ? "none" : needs.map(\.rawValue).joined(separator: ", ")
  }

  static func codeText(_ p: Pupil) -> String {
    p.status == .monitoring ? "N (monitoring)" : p.censusCode.rawValue
  }

  func planChange(_ r: MISRecord, to p: Pupil) -> Planned {
    var planned = Planned(pupilID: p.id)
    var edits: [PupilEdit] = []
    var changes: [String] = []
    func change(_ what: String, _ before: String?, _ after: String?) {
      changes.append("\(what) \(before ?? "none") → \(after ?? "none")")
    }

    // Leavers' records are read-only: the file can move their leaving date or bring them back, nothing else.
    let leavingChanges = r.speaksOfLeaving && r.leaving != p.left
    if p.hasLeft, leavingChanges {
      edits.append(.cancelLeaving)
    }

    // A name that differs only in case or accents keeps Caseload's spelling: exports often write surnames in
    // capitals, and a file saved in the wrong encoding loses accents.
    func kept(_ name: PersonName, _ stored: PersonName?) -> PersonName {
      if let stored, Text.searchKey(stored.given) == Text.searchKey(name.given),
        Text.searchKey(stored.family) == Text.searchKey(name.family)
      {
        return stored
      }
      return PersonName(
        given: name.given, family: name.family, familyFirst: p.legalName.familyFirst)
    }
    let legal = kept(r.legal, p.legalName)
    var preferred = p.preferredName
    if r.hasPreferred {
      preferred = r.preferred.map { kept($0, p.preferredName) }
    }
    if let name = preferred, kept(name, legal) == legal { preferred = nil }
    if legal != p.legalName || preferred != p.preferredName {
      edits.append(.setNames(legal: legal, preferred: preferred))
      if legal != p.legalName { change("Legal name", p.legalName.full, legal.full) }
      if preferred != p.preferredName {
        change("Preferred name", p.preferredName?.full, preferred?.full)
      }
    }
    if r.dateOfBirth != p.dateOfBirth {
      edits.append(.setDateOfBirth(r.dateOfBirth))
      change("Date of birth", p.dateOfBirth.british, r.dateOfBirth.british)
    }
    var offset = p.yearGroupOffset
    if let year = r.yearGroup {
      switch self.offset(for: year, born: r.dateOfBirth) {
      case .success(let o): offset = o
      case .failure(let e):
        planned.reason = e.message
        return planned
      }
    }
    if offset != p.yearGroupOffset {
      edits.append(.setYearGroupOffset(offset))
      if let year = r.yearGroup, let warning = offsetWarning(for: year, born: r.dateOfBirth) {
        planned.warnings.append(warning)
      }
    }
    let yearBefore = p.yearGroup(on: today)
    let yearAfter = YearGroup(
      dateOfBirth: r.dateOfBirth, in: SchoolYear(containing: today), offset: offset)
    if yearBefore != yearAfter { change("Year group", "\(yearBefore)", "\(yearAfter)") }
    if let upn = r.upn, upn != p.upn?.uppercased() {
      edits.append(.setUPN(upn))
      change("UPN", p.upn, upn)
    }
    if let group = r.registrationGroup, group != p.registrationGroup {
      edits.append(.setRegistrationGroup(group))
      change("Registration group", p.registrationGroup, group)
    }
    if let admission = r.admission, admission != p.joined {
      edits.append(.setJoined(admission))
      change("Admission date", p.joined?.british, admission.british)
    }

    // SEN status and needs: a change of status starts today.
    let code = r.code ?? p.censusCode
    let needs = code == .N ? (r.needs ?? []) : (r.needs ?? p.needs)
    if let rule = censusRuleBroken(code: code, needs: needs) {
      planned.reason = rule
      return planned
    }
    if code != p.censusCode {
      switch code {
      case .N: edits.append(.endSEN(on: today))
      case .K:
        if p.status == .ehcPlan { edits.append(.endSEN(on: today)) }
        edits.append(.startSENSupport(on: today, needs: needs, parentsInformed: nil))
      case .E:
        edits.append(.startEHCPlanStatus(on: today, needs: needs))
        if p.ehc.plan == nil { planned.warnings.append(Self.heldPlanWarning) }
      }
      change("SEN status", Self.codeText(p), code.rawValue)
    } else if code != .N, needs != p.needs {
      edits.append(.setNeeds(needs))
    }
    if needs != p.needs { change("Needs", Self.needsText(p.needs), Self.needsText(needs)) }
    if leavingChanges {
      if let leaving = r.leaving { edits.append(.recordLeaving(on: leaving)) }
      change("Leaving date", p.left?.british, r.leaving?.british)
    }

    if p.hasLeft, !leavingChanges {
      // Nothing is imported for a pupil who has left; say what the file would have changed.
      if !edits.isEmpty {
        planned.warnings.append(
          "\(p.displayName) left on \(p.left!.british) and their record is read-only, so the file's differences were not imported (\(changes.joined(separator: "; ")))."
        )
      }
      return planned
    }
    if case .failure(let error) = simulate(edits, on: p) {
      planned.reason = error.message
      return planned
    }
    planned.changes = changes
    planned.edits = edits
    return planned
  }
}
