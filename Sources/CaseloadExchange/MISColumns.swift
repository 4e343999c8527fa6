import Foundation

/// Why an import could not start: a file that cannot be read, a mapping that does not fit, required columns
/// missing. Rows with problems do not throw; they are rejected in the plan.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A column Caseload reads from an MIS export.
public enum MISField: String, CaseIterable, Codable, Sendable, Comparable {
  case upn
  case surname
  case forename
  case preferredForename = "preferred-forename"
  case preferredSurname = "preferred-surname"
  case dateOfBirth = "date-of-birth"
  case yearGroup = "year-group"
  case registrationGroup = "registration-group"
  case senProvision = "sen-provision"
  case primaryNeed = "primary-need"
  case secondaryNeed = "secondary-need"
  case admissionDate = "admission-date"
  case leavingDate = "leaving-date"
  case nameOrder = "name-order"

  public static func < (a: MISField, b: MISField) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  /// In messages: "surname", "date of birth".
  public var title: String {
    switch self {
    case .upn: return "UPN"
    case .surname: return "surname"
    case .forename: return "forename"
    case .preferredForename: return "preferred forename"
    case .preferredSurname: return "preferred surname"
    case .dateOfBirth: return "date of birth"
    case .yearGroup: return "year group"
    case .registrationGroup: return "registration group"
    case .senProvision: return "SEN provision"
    case .primaryNeed: return "primary need"
    case .secondaryNeed: return "secondary need"
    case .admissionDate: return "admission date"
    case .leavingDate: return "leaving date"
    case .nameOrder: return "name order"
    }
  }

  /// The headers SIMS, Arbor and Bromcom write for the field, most specific first: when a file has two of them
  /// ("Legal Surname" and "Surname"), the earlier one wins. They are compared as `ImportText.headerKey`s.
  public var headers: [String] {
    switch self {
    case .upn: return ["UPN", "Unique Pupil Number", "Pupil UPN", "Student UPN"]
    case .surname:
      return ["Legal Surname", "Legal Last Name", "Surname", "Last Name", "Family Name"]
    case .forename:
      return [
        "Legal Forename", "Legal First Name", "Forename", "First Name", "Forenames", "Given Name",
      ]
    case .preferredForename:
      return [
        "Preferred Forename", "Preferred First Name", "Known As", "Preferred Name", "Chosen Name",
      ]
    case .preferredSurname: return ["Preferred Surname", "Preferred Last Name"]
    case .dateOfBirth: return ["DOB", "Date of Birth", "Birth Date", "Birthdate"]
    case .yearGroup:
      return [
        "Year", "Year Group", "NC Year", "NC Year Actual", "National Curriculum Year",
        "Curriculum Year",
      ]
    case .registrationGroup:
      return [
        "Reg Group", "Registration Group", "Reg Form", "Registration Form", "Form", "Form Group",
        "Tutor Group", "Class",
      ]
    case .senProvision:
      return [
        "SEN Provision", "SEN Status", "SEN Stage", "SEN Provision Code", "SEN Code",
        "SENProvisionDetails.ProvisionTypeCode", "SEN Provision Type Code", "Provision Type Code",
        "SEN Provision Type", "SEN",
      ]
    case .primaryNeed:
      return [
        "Primary Need", "Primary SEN Need", "SEN Need 1", "Primary SEN Type", "SEN Primary Need",
        "Primary Need Type", "Need Type 1",
      ]
    case .secondaryNeed:
      return [
        "Secondary Need", "Secondary SEN Need", "SEN Need 2", "Secondary SEN Type",
        "SEN Secondary Need", "Secondary Need Type", "Need Type 2",
      ]
    case .admissionDate:
      return ["Admission Date", "Date of Admission", "Entry Date", "Date of Entry", "Start Date"]
    case .leavingDate:
      return [
        "Leaving Date", "Date of Leaving", "Leave Date", "End Date", "Date of Leaving School",
      ]
    case .nameOrder:
      return ["Name Order", "Surname First", "Family Name First", "Family Name Order"]
    }
  }

  /// The fields a row cannot do without.
  public static let required: [MISField] = [.surname, .forename, .dateOfBirth]

  /// Reads a field's name as a mapping file writes it: `surname`, `date-of-birth`, `Date of Birth`, or any
  /// header the field is recognised by (`Legal Surname`, `DOB`).
  public init?(named name: String) {
    let key = ImportText.headerKey(name)
    guard !key.isEmpty,
      let field = MISField.allCases.first(where: { f in
        ImportText.headerKey(f.rawValue) == key || ImportText.headerKey(f.title) == key
          || f.headers.contains { ImportText.headerKey($0) == key }
      })
    else { return nil }
    self = field
  }
}

/// Which column of the file holds each field.
public struct MISColumns: Sendable, Hashable {
  /// The field's column index and its header as the file writes it.
  public var index: [MISField: Int] = [:]
  public var header: [MISField: String] = [:]
  /// Headers Caseload does not read (gender, ethnicity, …), as the file writes them.
  public var ignored: [String] = []

  public func has(_ field: MISField) -> Bool { index[field] != nil }

  /// Recognises the fields among `headers`; a mapping names the columns for the fields it lists, and the others
  /// are still recognised by their usual headers.
  public static func recognise(_ headers: [String], mapping: MISMapping? = nil) throws(ImportError)
    -> MISColumns
  {
    var columns = MISColumns()
    let keys = headers.map(ImportText.headerKey)
    var taken = Set<Int>()
    if let mapping {
      for (field, wanted) in mapping.columns.sorted(by: { $0.key < $1.key }) {
        let key = ImportText.headerKey(wanted)
        guard let i = keys.firstIndex(of: key), !key.isEmpty else {
          throw ImportError(
            "The mapping names the column “\(wanted)” for the \(field.title), but the file has no such column (its columns: \(headers.filter { !$0.isEmpty }.joined(separator: ", ")))."
          )
        }
        guard !taken.contains(i) else {
          throw ImportError("The mapping names the column “\(wanted)” for two fields.")
        }
        columns.index[field] = i
        columns.header[field] = headers[i]
        taken.insert(i)
      }
    }
    for field in MISField.allCases where columns.index[field] == nil {
      for candidate in field.headers {
        let key = ImportText.headerKey(candidate)
        if let i = keys.indices.first(where: { keys[$0] == key && !taken.contains($0) }) {
          columns.index[field] = i
          columns.header[field] = headers[i]
          taken.insert(i)
          break
        }
      }
    }
    // Data-service exports write the legal name as `LegalForename` and the everyday one as `Forename`: a plain
    // forename (or surname) beside a legal one is the preferred name.
    for (legal, preferred, plain) in [
      (MISField.forename, MISField.preferredForename, ["Forename", "First Name", "Forenames"]),
      (.surname, .preferredSurname, ["Surname", "Last Name"]),
    ] where columns.index[preferred] == nil {
      guard let h = columns.header[legal], ImportText.headerKey(h).hasPrefix("legal") else {
        continue
      }
      let wanted = Set(plain.map(ImportText.headerKey))
      if let i = keys.indices.first(where: { wanted.contains(keys[$0]) && !taken.contains($0) }) {
        columns.index[preferred] = i
        columns.header[preferred] = headers[i]
        taken.insert(i)
      }
    }
    columns.ignored = headers.indices.filter { !taken.contains($0) && !keys[$0].isEmpty }.map {
      headers[$0]
    }
    return columns
  }

  /// The required fields the file has no column for.
  public var missingRequired: [MISField] { MISField.required.filter { index[$0] == nil } }

  /// "The file has no column for the surname or the date of birth …", or nil when every required field is there.
  public func missingMessage(_ remedies: ImportRemedies) -> String? {
    let missing = missingRequired
    guard !missing.isEmpty else { return nil }
    let names = missing.map { "the \($0.title)" }
    let list =
      names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!
    let looked = missing.map { f in
      "\(f.title): " + f.headers.prefix(3).map { "“\($0)”" }.joined(separator: ", ")
    }.joined(separator: "; ")
    return
      "The file has no column for \(list) (looked for \(looked)). Name the columns \(remedies.mapping)."
  }
}

/// How the person importing can name the columns or say the file has no SEN column: the command line gives its
/// flags, the screens their own words; the messages here name neither.
public struct ImportRemedies: Sendable, Hashable {
  /// Ends "Name the columns …": "with --mapping FILE".
  public var mapping: String
  /// Follows "or, if the file really has no SEN column, …": "import with --no-sen-column".
  public var noSENColumn: String

  public init(mapping: String, noSENColumn: String) {
    self.mapping = mapping
    self.noSENColumn = noSENColumn
  }

  /// Words for a caller that has not said how.
  public static let unspecified = ImportRemedies(
    mapping: "in a mapping file", noSENColumn: "import it saying it has none")
}

/// Which column holds which field, for a layout Caseload does not recognise by itself.
///
/// A mapping file is either lines of `field = Column Header` (blank lines and lines starting with `#` are
/// skipped), or a JSON object `{"field": "Column Header", …}`. A field is written as its name (`surname`,
/// `date-of-birth`, `year-group`, …) or as any header Caseload recognises for it (`Legal Surname`, `DOB`).
public struct MISMapping: Sendable, Hashable {
  public var columns: [MISField: String]
  /// `sen-provision = none`: the file has no SEN column, and new pupils are meant to come in as N.
  public var noSENColumn: Bool

  public init(columns: [MISField: String], noSENColumn: Bool = false) {
    self.columns = columns
    self.noSENColumn = noSENColumn
  }

  public static func parse(_ text: String) throws(ImportError) -> MISMapping {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    var pairs: [(field: String, header: String, line: Int?)] = []
    if trimmed.hasPrefix("{") {
      guard
        let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))
          as? [String: Any]
      else {
        throw ImportError(
          "The mapping file starts like JSON but is not a JSON object of field names and column headers."
        )
      }
      for (field, value) in object.sorted(by: { $0.key < $1.key }) {
        guard let header = value as? String else {
          throw ImportError(
            "In the mapping file, “\(field)” should name a column header (a string).")
        }
        pairs.append((field, header, nil))
      }
    } else {
      for (n, raw) in text.components(separatedBy: .newlines).enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        guard let eq = line.firstIndex(of: "=") else {
          throw ImportError(
            "Line \(n + 1) of the mapping file has no “=”; write each line as `field = Column Header`, for example `surname = Family Name`."
          )
        }
        let header = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        pairs.append(
          (
            line[..<eq].trimmingCharacters(in: .whitespaces),
            header.count >= 2 && header.hasPrefix("\"") && header.hasSuffix("\"")
              ? String(header.dropFirst().dropLast()) : header, n + 1
          ))
      }
    }
    var columns: [MISField: String] = [:]
    var noSENColumn = false
    for pair in pairs {
      let place = pair.line.map { "Line \($0) of the mapping file" } ?? "The mapping file"
      guard let field = MISField(named: pair.field) else {
        throw ImportError(
          "\(place) names “\(pair.field)”, which is not a field Caseload imports; the fields are \(MISField.allCases.map(\.rawValue).joined(separator: ", "))."
        )
      }
      guard !pair.header.isEmpty else {
        throw ImportError("\(place) gives no column header for the \(field.title).")
      }
      if field == .senProvision, ImportText.headerKey(pair.header) == "none" {
        noSENColumn = true
        continue
      }
      guard columns[field] == nil else {
        throw ImportError("\(place) names a column for the \(field.title) a second time.")
      }
      columns[field] = pair.header
    }
    guard !columns.isEmpty || noSENColumn else {
      throw ImportError(
        "The mapping file names no columns; write lines such as `surname = Family Name`.")
    }
    return MISMapping(columns: columns, noSENColumn: noSENColumn)
  }
}
