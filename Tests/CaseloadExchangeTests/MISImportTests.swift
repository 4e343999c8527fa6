import CaseloadCore
import CaseloadStore
@_exported import CaseloadTestSupport
import Foundation
import Testing

@testable import CaseloadExchange

/// Reading MIS exports with awkward data, and planning what an import would do. Every name is invented; the UPNs
/// are made up with valid check letters.
@Suite struct MISImportTests {
  static let today = Day(iso: "2026-11-29")!
  var today: Day { Self.today }

  static let header =
    "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year,Reg Group,SEN Provision,Primary Need,Secondary Need,Admission Date"

  func read(_ text: String, mapping: MISMapping? = nil) throws -> MISFile {
    try MISFile.read(Data(text.utf8), name: "pupils.csv", mapping: mapping)
  }

  /// Most files here are small and have no SEN column: they are planned as if `--no-sen-column` were given,
  /// unless `noSENColumn` says otherwise.
  func plan(
    _ text: String, pupils: [Pupil] = [], mapping: MISMapping? = nil, noSENColumn: Bool = true
  ) throws -> ImportPlan {
    plan(data: Data(text.utf8), pupils: pupils, mapping: mapping, noSENColumn: noSENColumn)
  }

  func plan(
    data: Data, pupils: [Pupil] = [], mapping: MISMapping? = nil, noSENColumn: Bool = true
  ) -> ImportPlan {
    let file = try! MISFile.read(data, name: "pupils.csv", mapping: mapping)
    var n = 0
    return ImportPlan.make(
      file: file, pupils: pupils.map { Loaded(value: $0, version: 1) }, today: today,
      noSENColumn: noSENColumn,
      newID: {
        n += 1
        return AggregateID("pnew\(n)")
      })
  }

  func row(_ plan: ImportPlan, line: Int) -> ImportPlan.Row? {
    plan.rows.first { $0.line == line }
  }

  static func pupil(
    _ id: String, _ given: String, _ family: String, born: String, upn: String? = nil,
    group: String? = nil
  ) -> Pupil {
    Pupil(
      id: AggregateID(id), legalName: PersonName(given: given, family: family),
      dateOfBirth: Day(iso: born)!, upn: upn, registrationGroup: group)
  }

  /// A pupil with an SEN period, built with the edits so the rules hold.
  static func supported(_ p: Pupil, _ edit: PupilEdit) -> Pupil {
    try! edit.apply(to: p, today: today)
  }

  // MARK: - Encodings and CSV

  /// Real files hold pupils kept back or moved on, and typing slips in dates.
  @Test func admissionDatesAreCheckedAndAYearGroupAwayFromTheBirthDateIsWarnedOf() throws {
    let p = try plan(
      """
      \(Self.header)
      ,Ashby,Mia,,03/10/2016,5,5A,K,SPLD,,02/09/2009
      ,Ashby,Noah,,03/10/2016,5,5A,K,SPLD,,02/09/2150
      ,Ashby,Ruby,,03/10/2016,6,6A,K,SPLD,,02/09/2021
      ,Ashby,Theo,,03/10/2016,9,9A,K,SPLD,,02/09/2021

      """)
    #expect(row(p, line: 2)?.outcome == .rejected)
    #expect(
      row(p, line: 2)?.reason
        == "The admission date 02/09/2009 (column “Admission Date”) is before the date of birth 03/10/2016."
    )
    #expect(row(p, line: 3)?.outcome == .rejected)
    #expect(row(p, line: 3)?.reason?.contains("is outside 1990–2100; check the year") == true)
    #expect(row(p, line: 4)?.outcome == .new)
    #expect(
      row(p, line: 4)?.warnings.contains(
        "The year group Y6 is 1 year above the one the date of birth 03/10/2016 gives (Y5); imported as Y6."
      )
        == true, "\(row(p, line: 4)?.warnings ?? [])")
    #expect(row(p, line: 5)?.outcome == .rejected, "four years away is a mistake")
  }

  @Test func aByteOrderMarkIsDroppedBeforeTheFirstHeader() throws {
    let text = "\u{FEFF}UPN,Surname,Forename,DOB\nU820200101001,Testington,Amara,03/10/2016\n"
    let file = try read(text)
    #expect(file.encoding == .utf8BOM)
    #expect(file.header.first == "UPN")
    #expect(file.columns.header[.upn] == "UPN")
    let p = try plan(text)
    #expect(p.rows.map(\.outcome) == [.new])
    #expect(p.rows[0].upn == "U820200101001")
    #expect(!p.notes.contains { $0.contains("UTF") || $0.contains("1252") }, "UTF-8 needs no note")
  }

  @Test func windowsLineEndingsLeaveNoCarriageReturnsAndCountLines() throws {
    let text =
      "Surname,Forename,DOB,Reg Group\r\nTestington,Amara,03/10/2016,5A\r\nPlumtree,Kit,31/02/2016,5B\r\n"
    let file = try read(text)
    #expect(file.rows.map(\.line) == [2, 3])
    #expect(file.rows.allSatisfy { $0.fields.allSatisfy { !$0.contains("\r") } })
    #expect(file.rows[0].fields == ["Testington", "Amara", "03/10/2016", "5A"])
    let p = try plan(text)
    #expect(row(p, line: 2)?.outcome == .new)
    #expect(row(p, line: 3)?.outcome == .rejected)
  }

  @Test func windows1252IsDetectedAndConverted() throws {
    var bytes = Array("Surname,Forename,DOB\nNdlovu-Testa,Zo".utf8)
    bytes.append(0xEB)  // ë in Windows-1252; on its own, not UTF-8
    bytes += Array(",03/10/2016\nO".utf8)
    bytes.append(0x92)  // ’
    bytes += Array("Testy,Si".utf8)
    bytes.append(0xE2)  // â
    bytes += Array("n,04/11/2016\n".utf8)
    let file = try MISFile.read(Data(bytes), name: "pupils.csv")
    #expect(file.encoding == .windows1252)
    #expect(
      file.notes == [
        "The file is not UTF-8: it was read as Windows-1252 (as Excel saves CSV on Windows) and converted."
      ])
    #expect(file.rows[0].fields == ["Ndlovu-Testa", "Zoë", "03/10/2016"])
    #expect(file.rows[1].fields == ["O’Testy", "Siân", "04/11/2016"])
    let p = plan(data: Data(bytes))
    #expect(p.rows.map(\.name) == ["Zoë Ndlovu-Testa", "Siân O’Testy"])
  }

  @Test func excelsUnicodeTextIsUTF16WithTabs() throws {
    let text = "Surname\tForename\tDOB\r\nNdlovu-Testa\tZoë\t03/10/2016\r\n"
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let file = try MISFile.read(Data(bytes), name: "pupils.txt")
    #expect(file.encoding == .utf16)
    #expect(
      file.notes == [
        "The file was read as UTF-16 and converted.", "The columns are separated by tabs.",
      ])
    #expect(file.rows.map(\.fields) == [["Ndlovu-Testa", "Zoë", "03/10/2016"]])
  }

  @Test func utf8IsNotMistakenForWindows1252() throws {
    let file = try read("Surname,Forename,DOB\nNdlovu-Testa,Zoë,03/10/2016\n")
    #expect(file.encoding == .utf8)
    #expect(file.rows[0].fields[1] == "Zoë")
  }

  @Test func quotedFieldsKeepTheirCommasAndNewlinesAndLaterLinesStayRight() throws {
    let text = """
      Surname,Forename,DOB,Address,Reg Group
      "Testington, Jr",Amara,03/10/2016,"1 Test Street
      Testville
      TE5 7ST",5A
      Plumtree,Kit,31/02/2016,"2 Test Road",5B
      Quillfeather,"Rosa
      Maria",04/11/2016,,5C
      Brackenby,Tom,2016-13-01,,5A
      """
    let file = try read(text)
    #expect(file.rows.map(\.line) == [2, 5, 6, 8])
    #expect(file.rows[0].fields[0] == "Testington, Jr")
    #expect(
      file.rows[0].fields[3] == "1 Test Street Testville TE5 7ST", "line breaks become spaces")
    let p = try plan(text)
    #expect(row(p, line: 2)?.name == "Amara Testington, Jr")
    #expect(row(p, line: 2)?.outcome == .new)
    #expect(row(p, line: 5)?.outcome == .rejected)
    #expect(
      row(p, line: 5)?.reason
        == "The date of birth “31/02/2016” (column “DOB”) is not a date; dates are read as dd/mm/yyyy or yyyy-mm-dd."
    )
    #expect(row(p, line: 6)?.name == "Rosa Maria Quillfeather")
    #expect(row(p, line: 8)?.outcome == .rejected)
    #expect(row(p, line: 8)?.reason?.hasPrefix("The date of birth “2016-13-01”") == true)
    #expect(p.reportLines().contains("  line 8    Tom Brackenby"))
  }

  @Test func escapeSequencesAndControlCharactersAreStrippedFromNames() throws {
    let text =
      "Surname,Forename,DOB\n\u{1B}[31mTestington\u{1B}[0m,Am\u{07}ara,03/10/2016\n\u{1B}]0;owned\u{07}Plumtree,K\u{9B}2Jit\u{0}\u{7F},04/11/2016\n"
    let p = try plan(text)
    #expect(p.rows.map(\.name) == ["Amara Testington", "Kit Plumtree"])
    guard case .create(let pupil) = p.rows[0].edits.first else {
      Issue.record("a new pupil starts with create")
      return
    }
    #expect(pupil.legalName == PersonName(given: "Amara", family: "Testington"))
  }

  @Test func cleaningStripsControlsAndEscapesAndKeepsEverythingElse() {
    #expect(ImportText.clean("  Zoë  ") == "Zoë")
    #expect(ImportText.clean("\u{1B}[1;31mRed\u{1B}[0m") == "Red")
    #expect(ImportText.clean("\u{1B}]8;;http://x.test\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
    #expect(ImportText.clean("\u{1B}]2;title\u{07}Name") == "Name")
    #expect(ImportText.clean("a\u{1B}(Bb") == "ab")
    #expect(ImportText.clean("\u{9B}31mC1\u{9D}osc\u{9C}") == "C1")
    #expect(ImportText.clean("Mary\r\nJane\tAnn") == "Mary Jane Ann")
    #expect(ImportText.clean("Be\u{0}\u{7}\u{7F}\u{85}n") == "Ben")
    #expect(ImportText.clean("\u{202E}evil\u{202C}") == "evil")
    #expect(ImportText.clean("Zoe\u{0308}") == "Zoë", "NFC")
    #expect(ImportText.clean("O'Brien-Łukasiewicz 王") == "O'Brien-Łukasiewicz 王")
    #expect(ImportText.clean("PLAIN") == "PLAIN")
  }

  @Test func headerKeysIgnoreCaseSpacesAndPunctuation() {
    #expect(ImportText.headerKey("Date of Birth") == "dateofbirth")
    #expect(ImportText.headerKey("date_of_birth") == "dateofbirth")
    #expect(ImportText.headerKey(" D.O.B. ") == "dob")
    #expect(ImportText.headerKey("NC-Year:") == "ncyear")
  }

  // MARK: - Headers and mapping

  @Test(arguments: [
    (
      "SIMS",
      "UPN,Legal Surname,Legal Forename,Preferred Forename,Preferred Surname,DOB,Year,Reg Group,SEN Provision,Primary Need,Secondary Need,Admission Date,Leaving Date"
    ),
    (
      "Arbor",
      "UPN,Last Name,First Name,Known As,Preferred Last Name,Date of Birth,Year Group,Registration Group,SEN Status,Primary SEN Need,Secondary SEN Need,Date of Admission,Date of Leaving"
    ),
    (
      "Bromcom",
      "upn,SURNAME,FORENAME,known_as,preferred surname,date-of-birth,NC Year,Tutor Group,SEN Stage,SEN Need 1,SEN Need 2,Entry Date,leaving date"
    ),
  ])
  func theCommonHeaderSpellingsAreRecognised(mis: String, header: String) throws {
    let file = try read(header + "\n")
    #expect(
      Set(file.columns.index.keys) == Set(MISField.allCases).subtracting([.nameOrder]), "\(mis)")
    #expect(file.columns.ignored.isEmpty, "\(mis)")
  }

  @Test func theMoreSpecificHeaderWinsAndOthersAreListedAsNotRead() throws {
    let file = try read("Surname,Legal Surname,Forename,DOB,Gender,Ethnicity,Known As,Surname\n")
    #expect(file.columns.header[.surname] == "Legal Surname")
    // A plain surname beside the legal one is the preferred surname; a second one is not read.
    #expect(file.columns.index[.preferredSurname] == 0)
    #expect(file.columns.ignored == ["Gender", "Ethnicity", "Surname"])
  }

  @Test func aTitleAboveTheHeaderIsSkipped() throws {
    let file = try read(
      "Pupil list — Summer\n\nUPN,Surname,Forename,DOB\nU820200101001,Testington,Amara,03/10/2016\n"
    )
    #expect(file.headerLine == 3)
    #expect(file.rows.map(\.line) == [4])
    #expect(file.notes == ["The header is on line 3; the line before it was skipped."])
  }

  @Test func missingRequiredColumnsAreNamed() {
    #expect(
      throws: ImportError(
        "pupils.csv: The file has no column for the surname or the date of birth (looked for surname: “Legal Surname”, “Legal Last Name”, “Surname”; date of birth: “DOB”, “Date of Birth”, “Birth Date”). Name the columns in a mapping file. The header on line 1 reads: UPN, Family, Forename, Born."
      )
    ) {
      try read("UPN,Family,Forename,Born\nU820200101001,Testington,Amara,03/10/2016\n")
    }
  }

  @Test func aMappingFileNamesOtherHeaders() throws {
    let text = """
      # Our MIS writes its own headers
      surname = Family
      Date of Birth = "Born on"
      year-group = Yr
      """
    let mapping = try MISMapping.parse(text)
    #expect(mapping.columns == [.surname: "Family", .dateOfBirth: "Born on", .yearGroup: "Yr"])
    let csv = "Forename,Family,Born on,Yr\nAmara,Testington,03/10/2016,5\n"
    let file = try read(csv, mapping: mapping)
    #expect(file.columns.header[.surname] == "Family")
    #expect(file.columns.header[.forename] == "Forename", "unmapped fields are still recognised")
    let p = try plan(csv, mapping: mapping)
    #expect(p.rows.map(\.outcome) == [.new])
    #expect(p.rows[0].changes == ["born 03/10/2016 · Y5 · N"])
  }

  @Test func aMappingCanBeJSON() throws {
    let mapping = try MISMapping.parse(#"{"surname": "Family", "date-of-birth": "Born on"}"#)
    #expect(mapping.columns == [.surname: "Family", .dateOfBirth: "Born on"])
  }

  @Test func aMappingThatDoesNotFitSaysWhy() {
    #expect(
      throws: ImportError(
        "Line 2 of the mapping file names “shoe size”, which is not a field Caseload imports; the fields are upn, surname, forename, preferred-forename, preferred-surname, date-of-birth, year-group, registration-group, sen-provision, primary-need, secondary-need, admission-date, leaving-date, name-order."
      )
    ) { try MISMapping.parse("surname = Family\nshoe size = Shoe\n") }
    #expect(
      throws: ImportError(
        "Line 1 of the mapping file has no “=”; write each line as `field = Column Header`, for example `surname = Family Name`."
      )
    ) { try MISMapping.parse("surname Family\n") }
    #expect(
      throws: ImportError(
        "The mapping names the column “Family” for the surname, but the file has no such column (its columns: Forename, Surname, DOB)."
      )
    ) {
      try read("Forename,Surname,DOB\n", mapping: MISMapping(columns: [.surname: "Family"]))
    }
  }

  // MARK: - Rows

  @Test func duplicateUPNsRejectEveryRowThatHasThem() throws {
    let text = """
      UPN,Surname,Forename,DOB
      U820200101001,Testington,Amara,03/10/2016
      H820200101002,Plumtree,Kit,04/11/2016
      u8202 0010 1001,Quillfeather,Rosa,05/12/2016
      """
    let p = try plan(text)
    #expect(p.rows.map(\.outcome) == [.rejected, .new, .rejected])
    let reason =
      "The UPN U820200101001 is on lines 2 and 4 of the file; none of them is imported, since Caseload cannot tell which is right."
    #expect(row(p, line: 2)?.reason == reason)
    #expect(row(p, line: 4)?.reason == reason)
  }

  @Test func rowsWithMissingOrExtraColumnsAreRejected() throws {
    let text = """
      Surname,Forename,DOB,Reg Group
      Testington,Amara,03/10/2016
      Plumtree,Kit,04/11/2016,5B,
      Smith,Jr,Rosa,05/12/2016,5C
      """
    let p = try plan(text)
    #expect(p.rows.map(\.outcome) == [.rejected, .new, .rejected])
    #expect(
      row(p, line: 2)?.reason
        == "The row has 3 columns where the header has 4: a column is missing (a comma, or a closing quote)."
    )
    #expect(
      row(p, line: 4)?.reason
        == "The row has 5 columns where the header has 4: a comma inside a value needs the value in quotes."
    )
  }

  @Test func emptyRequiredCellsAndBadValuesAreRejectedWithTheReason() throws {
    let text = """
      \(Self.header)
      ,,Amara,,03/10/2016,,,,,,
      ,Plumtree,,,04/11/2016,,,,,,
      ,Quillfeather,Rosa,,,,,,,,
      A820200101001,Brackenby,Tom,,05/12/2016,,,,,,
      ,Ashdown,Lily,,06/01/2017,Year Twelve,,,,,
      ,Fenwick,Ada,,07/02/2017,,,X,,,
      ,Gorsefield,Ivy,,08/03/2017,,,K,XYZ,,
      ,Hollins,Max,,09/04/2017,,,N,SPLD,,
      ,Inchley,Sam,,10/05/2017,,,K,,,
      ,Jessop,Eli,,11/06/2017,,,K,,SEMH,
      ,Kettering,Ann,,12/07/2017,Y10,,,,,
      ,Larkspur,Joy,,13/08/2017,,,,,,32/01/2022
      """
    let p = try plan(text)
    let reasons = p.rows.map { "\($0.line): \($0.reason ?? "-")" }
    #expect(
      reasons == [
        "2: No surname: the “Legal Surname” column is empty.",
        "3: No forename: the “Legal Forename” column is empty.",
        "4: No date of birth: the “DOB” column is empty.",
        "5: The UPN A820200101001 fails its check letter; look for a typing mistake.",
        "6: The year group “Year Twelve” (column “Year”) is not one Caseload reads: write N, R, 1 to 14, Y7 or Year 7.",
        "7: The SEN provision “X” (column “SEN Provision”) is not a census code: N, K or E (the retired S, A and P are read too).",
        "8: The primary need “XYZ” (column “Primary Need”) is not a census type of need (SPLD, MLD, SLD, PMLD, SEMH, SLCN, ASD, HI, VI, MSI, PD, DS, OTH, NSA).",
        "9: A pupil without SEN support or an EHC plan (census code N) cannot have a type of need recorded.",
        "10: A type of need is required for a pupil with SEN support (census code K).",
        "11: A secondary need (SEMH) is given without a primary need.",
        "12: The year group Y10 is 5 years above the one the date of birth 12/07/2017 gives (Y5); check the date of birth.",
        "13: The admission date “32/01/2022” (column “Admission Date”) is not a date; dates are read as dd/mm/yyyy or yyyy-mm-dd.",
      ])
    #expect(p.rows.allSatisfy { $0.outcome == .rejected && $0.edits.isEmpty })
  }

  @Test func retiredCodesAreMappedWithAWarningOnEachRow() throws {
    let text = """
      \(Self.header)
      ,Testington,Amara,,03/10/2016,,,S,ASD,,
      ,Plumtree,Kit,,04/11/2016,,,A,MLD,,
      ,Quillfeather,Rosa,,05/12/2016,,,P,SPLD,SLCN,
      ,Brackenby,Tom,,06/01/2017,,,School Action Plus,NSA,,
      """
    let p = try plan(text)
    #expect(p.rows.map(\.outcome) == [.new, .new, .new, .new])
    #expect(
      p.rows.map(\.warnings) == [
        [
          "The retired SEN code S (statement) was read as E (EHC plan).",
          "On an EHC plan (E) with no plan recorded: record it as held (E on the pupil: issue date, local authority, last annual review) so its annual review and phase transfer are known.",
        ],
        ["The retired SEN code A (School Action) was read as K (SEN support)."],
        ["The retired SEN code P (School Action Plus) was read as K (SEN support)."],
        ["The retired SEN code P (School Action Plus) was read as K (SEN support)."],
      ])
    #expect(p.rows[0].changes == ["born 03/10/2016 · Y5 · E: ASD"])
    #expect(p.rows[2].changes == ["born 05/12/2016 · Y5 · K: SPLD, SLCN"])
    #expect(p.reportLines().contains("Warnings (4)"))
  }

  @Test func datesAreReadInTheirCommonForms() {
    #expect(MISValues.date("03/10/2016") == Day(iso: "2016-10-03"))
    #expect(MISValues.date("3/10/16") == Day(iso: "2016-10-03"))
    #expect(MISValues.date("2016-10-03") == Day(iso: "2016-10-03"))
    #expect(MISValues.date("03/10/2016 00:00") == Day(iso: "2016-10-03"))
    #expect(MISValues.date("2016-10-03T00:00:00") == Day(iso: "2016-10-03"))
    #expect(MISValues.date("10/3/2016x") == nil)
    #expect(MISValues.date("31/02/2016") == nil)
  }

  @Test func provisionAndNeedsAreReadAsCodesOrWords() {
    #expect(MISValues.provision("")?.code == .N)
    #expect(MISValues.provision("k")?.code == .K)
    #expect(MISValues.provision("SEN Support")?.code == .K)
    #expect(MISValues.provision("E - EHC Plan")?.code == .E)
    #expect(MISValues.provision("EHCP")?.code == .E)
    #expect(MISValues.provision("No SEN")?.code == .N)
    #expect(MISValues.provision("Statement")?.retired == "S")
    #expect(MISValues.provision("Maybe") == nil)
    #expect(MISValues.need("SpLD") == .SPLD)
    #expect(MISValues.need("ASD - Autistic Spectrum Disorder") == .ASD)
    #expect(MISValues.need("Social, Emotional and Mental Health") == .SEMH)
    #expect(MISValues.need("Dragons") == nil)
  }

  // MARK: - Matching and changes

  @Test func aFileThatMovesMostPupilsAYearIsFlaggedAsARollover() throws {
    // Born 2017/18: Year 4 in 2026/27. The file already gives next year's Year 5.
    let names = ["Ada", "Ben", "Cal", "Dee", "Eve"]
    let pupils = names.enumerated().map { i, n in
      Self.pupil("pold\(i)", n, "Rollby", born: "2017-10-0\(i + 1)")
    }
    let lines = names.enumerated().map { i, n in ",Rollby,\(n),,0\(i + 1)/10/2017,5,5A,,,," }
    let p = try plan(([Self.header] + lines).joined(separator: "\n"), pupils: pupils)
    #expect(p.rows.allSatisfy { $0.changes.contains("Year group Y4 → Y5") })
    #expect(
      p.notes.contains {
        $0.hasPrefix("Warning: 5 of the 5 pupils already in Caseload would change year group.")
      })
    let steady = try plan(
      ([Self.header] + names.enumerated().map { i, n in ",Rollby,\(n),,0\(i + 1)/10/2017,4,4A,,,," })
        .joined(separator: "\n"), pupils: pupils)
    #expect(!steady.notes.contains { $0.hasPrefix("Warning:") })
  }

  @Test func aMatchThatDisagreesOnWhoThePupilIsIsRejectedNotMerged() throws {
    let amara = Self.pupil(
      "pold1", "Amara", "Testington", born: "2017-10-03", upn: "U820200101001", group: "4A")
    let text = """
      \(Self.header)
      X820200101003,Testington,Amara,,03/10/2017,4,4A,,,,
      U820200101001,Plumtree,Kit,,05/12/2016,5,5C,,,,
      """
    let p = try plan(text, pupils: [amara])
    #expect(p.rows.map(\.outcome) == [.rejected, .rejected])
    #expect(
      row(p, line: 2)?.reason
        == "Amara Testington, born 03/10/2017 has the UPN U820200101001 in Caseload, but this line gives X820200101003; check which is right (a typing mistake would merge two pupils)."
    )
    #expect(
      row(p, line: 3)?.reason
        == "The UPN U820200101001 belongs to Amara Testington, born 03/10/2017 in Caseload, but this line gives another name and date of birth; it may be another child's row or a mistyped UPN."
    )
  }

  @Test func existingPupilsAreMatchedByUPNThenByNameAndBirthAndChangesListedFieldByField()
    throws
  {
    let byUPN = Self.supported(
      Self.pupil(
        "pold1", "Amara", "Testington", born: "2017-10-03", upn: "U820200101001", group: "4A"),
      .startSENSupport(on: Day(iso: "2025-09-08")!, needs: [.SPLD], parentsInformed: nil))
    let byName = Self.pupil("pold2", "Zoë", "Ndlovu-Testa", born: "2016-11-04", group: "5B")
    let same = Self.pupil(
      "pold3", "Kit", "Plumtree", born: "2016-12-05", upn: "X820200101003", group: "5C")
    let absent = Self.pupil("pold4", "Rosa", "Quillfeather", born: "2016-01-06")
    let left = {
      var p = Self.pupil("pold5", "Tom", "Brackenby", born: "2016-02-07")
      p.left = Day(iso: "2026-07-20")
      return p
    }()
    let text = """
      \(Self.header)
      U820200101001,Testington,Amara,Mara,03/10/2016,5,5A,E,SPLD,SEMH,
      ,NDLOVU-TESTA,zoe,,04/11/2016,5,5B,,,,
      X820200101003,Plumtree,Kit,,05/12/2016,,5C,,,,
      L820200101004,Ashdown,Lily,,06/01/2017,5,5A,K,SLCN,,01/09/2021
      """
    let p = try plan(text, pupils: [byUPN, byName, same, absent, left])
    #expect(p.rows.map(\.outcome) == [.changed, .unchanged, .unchanged, .new])
    #expect(p.rows.map(\.pupilID) == ["pold1", "pold2", "pold3", "pnew1"].map(AggregateID.init))
    #expect(
      row(p, line: 2)?.changes == [
        "Preferred name none → Mara Testington",
        "Date of birth 03/10/2017 → 03/10/2016",
        "Year group Y4 → Y5",
        "Registration group 4A → 5A",
        "SEN status K → E",
        "Needs SPLD → SPLD, SEMH",
      ])
    #expect(
      row(p, line: 2)?.edits == [
        .setNames(
          legal: PersonName(given: "Amara", family: "Testington"),
          preferred: PersonName(given: "Mara", family: "Testington")),
        .setDateOfBirth(Day(iso: "2016-10-03")!),
        .setRegistrationGroup("5A"),
        .startEHCPlanStatus(on: today, needs: [.SPLD, .SEMH]),
      ])
    #expect(
      row(p, line: 5)?.changes == [
        "born 06/01/2017 · Y5 · UPN L820200101004 · reg 5A · K: SLCN · joined 01/09/2021"
      ])
    #expect(
      row(p, line: 5)?.edits.dropFirst() == [
        .setJoined(Day(iso: "2021-09-01")!),
        .startSENSupport(on: Day(iso: "2021-09-01")!, needs: [.SLCN], parentsInformed: nil),
      ])
    #expect(p.missingFromFile.map(\.id) == [AggregateID("pold4")], "leavers are not expected")
    #expect(p.missingFromFile.first?.name == "Rosa Quillfeather")
    #expect(p.countsLine == "1 new · 1 changed · 2 unchanged · 0 rejected · 1 not in the file")
    #expect(p.stepSummary == "Import of pupils.csv: 1 new, 1 changed")
    let report = p.reportLines()
    #expect(report.contains("  line 2    Mara Testington (Amara Testington), born 03/10/2016"))
    #expect(report.contains("            SEN status K → E"))
    #expect(
      report.contains(
        "In Caseload but not in the file (1): kept, an import never removes a pupil"))
    #expect(report.contains("  Rosa Quillfeather, born 06/01/2016, Y6"))
  }

  @Test func aChangedYearGroupBecomesAnOffsetAndAnEHCPlanInForceIsNotEnded() throws {
    var planned = Self.supported(
      Self.pupil("pold1", "Amara", "Testington", born: "2017-10-03", upn: "U820200101001"),
      .startEHCPlanStatus(on: Day(iso: "2025-09-08")!, needs: [.ASD]))
    planned.ehc.plan = EHCPlan(issued: Day(iso: "2025-09-08")!)
    let held = Self.pupil("pold2", "Kit", "Plumtree", born: "2016-12-05", upn: "H820200101002")
    let text = """
      UPN,Surname,Forename,DOB,NC Year,SEN Status,Primary Need
      U820200101001,Testington,Amara,03/10/2017,Y4,K,ASD
      H820200101002,Plumtree,Kit,05/12/2016,Year 4,,
      """
    let p = try plan(text, pupils: [planned, held])
    #expect(p.rows.map(\.outcome) == [.rejected, .changed])
    #expect(
      row(p, line: 2)?.reason
        == "Amara Testington has an EHC plan in force; record that the plan ceased first.")
    #expect(row(p, line: 3)?.changes == ["Year group Y5 → Y4"])
    #expect(row(p, line: 3)?.edits == [.setYearGroupOffset(-1)])
  }

  @Test func theSamePupilTwiceAndTwoPupilsWithOneNameAreRejected() throws {
    let a = Self.pupil("pold1", "Amara", "Testington", born: "2016-10-03", upn: "U820200101001")
    let twin1 = Self.pupil("pold2", "Kit", "Plumtree", born: "2016-12-05")
    let twin2 = Self.pupil("pold3", "Kit", "Plumtree", born: "2016-12-05")
    let text = """
      UPN,Surname,Forename,DOB
      U820200101001,Testington,Amara,03/10/2016
      ,Testington,Amara,03/10/2016
      ,Plumtree,Kit,05/12/2016
      ,Quillfeather,Rosa,05/12/2016
      ,Quillfeather,Rosa,05/12/2016
      """
    let p = try plan(text, pupils: [a, twin1, twin2])
    #expect(p.rows.map(\.outcome) == [.unchanged, .rejected, .rejected, .new, .rejected])
    #expect(
      row(p, line: 3)?.reason
        == "Line 2 is the same pupil (Amara Testington, born 03/10/2016); only the first line for a pupil is read."
    )
    #expect(
      row(p, line: 4)?.reason
        == "2 pupils in Caseload have this name and date of birth; add the UPN to the file to say which one this is."
    )
    #expect(
      row(p, line: 6)?.reason
        == "Line 5 has a pupil with the same name and date of birth; give each a UPN if they are two pupils."
    )
  }

  @Test func leavingDatesAreImportedAndLeaversAreReadOnly() throws {
    let stays = Self.pupil("pold1", "Amara", "Testington", born: "2016-10-03")
    var gone = Self.pupil("pold2", "Kit", "Plumtree", born: "2016-12-05", group: "5B")
    gone.left = Day(iso: "2026-07-20")
    let text = """
      Surname,Forename,DOB,Reg Group,Leaving Date
      Testington,Amara,03/10/2016,,20/11/2026
      Plumtree,Kit,05/12/2016,5C,20/07/2026
      Quillfeather,Rosa,05/12/2016,5C,20/07/2027
      """
    let p = try plan(text, pupils: [stays, gone])
    #expect(p.rows.map(\.outcome) == [.changed, .unchanged, .new])
    #expect(
      row(p, line: 4)?.warnings == [
        "The leaving date 20/07/2027 is still to come, so it is not recorded; import a file again once they have left."
      ])
    #expect(row(p, line: 4)?.edits.count == 1, "created, and no leaving recorded")
    #expect(row(p, line: 2)?.changes == ["Leaving date none → 20/11/2026"])
    #expect(
      row(p, line: 3)?.warnings == [
        "Kit Plumtree left on 20/07/2026 and their record is read-only, so the file's differences were not imported (Registration group 5B → 5C)."
      ])
  }

  // MARK: - Applying

  func store(_ folder: String) throws -> Store {
    try Store.open(at: folder + "/caseload.sqlite")
  }

  @Test func applyingAddsAndChangesInOneStepThatUndoTakesBack() throws {
    let folder = TemporaryFolder()
    let store = try store(folder.path)
    let changing = Self.pupil(
      "pold1", "Amara", "Testington", born: "2016-10-03", upn: "U820200101001", group: "4A")
    let absent = Self.pupil("pold2", "Rosa", "Quillfeather", born: "2016-01-06", group: "6C")
    try store.perform { step in
      try step.add(changing, today: today)
      try step.edit(
        changing.id,
        .startSENSupport(on: Day(iso: "2025-09-08")!, needs: [.MLD], parentsInformed: nil),
        today: today)
      try step.add(absent, today: today)
    }
    let before = try store.allPupils().map(\.value)
    let text = """
      \(Self.header)
      U820200101001,Testington,Amara,,03/10/2016,5,5A,E,MLD,,
      H820200101002,Plumtree,Kit,,05/12/2016,5,5B,K,SPLD,,01/09/2021
      ,Ashdown,Lily,Lil,06/01/2017,5,5C,,,,
      ,Broken,Row,,31/02/2016,5,5C,,,,
      """
    let p = try ImportPlan.make(
      data: Data(text.utf8), fileName: "pupils.csv", store: store, today: today)
    #expect(p.rows.map(\.outcome) == [.changed, .new, .new, .rejected])
    let record = try #require(try p.apply(to: store))
    #expect(record.summary == "Import of pupils.csv: 2 new, 1 changed")

    let after = try store.allPupils().map(\.value)
    #expect(after.count == 4)
    let amara = try #require(after.first { $0.id == changing.id })
    #expect(amara.registrationGroup == "5A")
    #expect(amara.censusCode == .E)
    #expect(amara.needs == [.MLD])
    #expect(amara.senPeriods.map(\.status) == [.senSupport, .ehcPlan])
    let kit = try #require(after.first { $0.upn == "H820200101002" })
    #expect(kit.legalName.full == "Kit Plumtree")
    #expect(kit.joined == Day(iso: "2021-09-01"))
    #expect(kit.openPeriod?.start == Day(iso: "2021-09-01"))
    #expect(kit.needs == [.SPLD])
    let lily = try #require(after.first { $0.legalName.family == "Ashdown" })
    #expect(lily.displayName == "Lil Ashdown")
    #expect(lily.censusCode == .N)
    #expect(after.first { $0.id == absent.id } == absent, "a pupil not in the file is untouched")
    #expect(!after.contains { $0.legalName.family == "Broken" })

    let undone = try store.undo()
    #expect(undone.summary == "Import of pupils.csv: 2 new, 1 changed")
    #expect(try store.allPupils().map(\.value) == before, "one undo takes the whole import back")
  }

  @Test func aPlanWithNothingToDoSavesNothing() throws {
    let folder = TemporaryFolder()
    let store = try store(folder.path)
    let p = Self.pupil("pold1", "Amara", "Testington", born: "2016-10-03")
    try store.perform { try $0.add(p, today: today) }
    let steps = try store.history(limit: 100).count
    let plan = try ImportPlan.make(
      data: Data("Surname,Forename,DOB\nTestington,Amara,03/10/2016\n".utf8),
      fileName: "pupils.csv", store: store, today: today)
    #expect(plan.rows.map(\.outcome) == [.unchanged])
    #expect(try plan.apply(to: store) == nil)
    #expect(try store.history(limit: 100).count == steps)
  }

  @Test func aPupilChangedSinceThePlanStopsTheWholeImport() throws {
    let folder = TemporaryFolder()
    let store = try store(folder.path)
    let p = Self.pupil("pold1", "Amara", "Testington", born: "2016-10-03", group: "4A")
    try store.perform { try $0.add(p, today: today) }
    let plan = try ImportPlan.make(
      data: Data(
        "Surname,Forename,DOB,Reg Group\nTestington,Amara,03/10/2016,5A\nPlumtree,Kit,05/12/2016,5B\n"
          .utf8),
      fileName: "pupils.csv", store: store, today: today)
    try store.edit(p.id, .setRegistrationGroup("5Z"), today: today)
    #expect(throws: StoreError.self) { try plan.apply(to: store) }
    let pupils = try store.allPupils().map(\.value)
    #expect(pupils.count == 1, "nothing of the import was saved")
    #expect(pupils.first?.registrationGroup == "5Z")
  }
}

extension MISImportTests {

  /// A date in year 1 or 9999 would import and then trap wherever years are counted: it is refused at the door.
  @Test func aDateOutsideTheYearsCaseloadWorksWithIsRejected() throws {
    let text = """
      Surname,Forename,DOB,Admission Date
      Testington,Amara,03/10/2016,02/09/0001
      Plumtree,Kit,9999-01-01,
      Bell,Isla,02/05/2016,01/09/2020
      """
    let p = try plan(text)
    #expect(row(p, line: 2)?.outcome == .rejected)
    #expect(
      row(p, line: 2)?.reason
        == "The admission date “02/09/0001” (column “Admission Date”) is outside the years Caseload works with (1900–2200)."
    )
    #expect(row(p, line: 3)?.outcome == .rejected)
    #expect(row(p, line: 4)?.outcome == .new)
  }
}

/// Exports from MIS data services, name order, and files without an SEN column.
extension MISImportTests {
  @Test func aDataServiceExportIsReadWithItsPreferredNameAndEHCPlan() throws {
    let text = """
      UPN,LegalSurname,LegalForename,Forename,DateOfBirth,NCYearActual,DateOfEntry,SENProvisionDetails.ProvisionTypeCode,PrimaryNeed
      U820200101001,Testington,Amarachi,Amara,03/10/2016,5,04/09/2023,E,ASD
      """
    let file = try read(text)
    #expect(file.columns.header[.forename] == "LegalForename")
    #expect(file.columns.header[.preferredForename] == "Forename")
    #expect(file.columns.header[.senProvision] == "SENProvisionDetails.ProvisionTypeCode")
    #expect(file.columns.header[.admissionDate] == "DateOfEntry")
    #expect(file.columns.ignored.isEmpty)
    let p = try plan(text, noSENColumn: false)
    let made = try #require(p.rows.first?.pupil)
    #expect(made.legalName.given == "Amarachi" && made.preferredName?.given == "Amara")
    #expect(made.status == .ehcPlan && made.needs == [.ASD])
    #expect(made.joined == Day(iso: "2023-09-04"))
  }

  @Test func withoutAnSENColumnNewPupilsAreRefusedUnlessThatIsIntended() throws {
    let text = "Surname,Forename,DOB\nTestington,Amara,03/10/2016\n"
    let known = Self.pupil("pkit", "Kit", "Plumtree", born: "2016-12-05")
    let both = text + "Plumtree,Kit,05/12/2016\n"
    let refused = try plan(both, pupils: [known], noSENColumn: false)
    #expect(
      refused.notes.first?.hasPrefix("Warning: no SEN provision column was recognised") == true)
    #expect(refused.rows.map(\.outcome) == [.rejected, .unchanged], "known pupils still update")
    #expect(
      refused.rows[0].reason?.hasPrefix("New pupil not imported: the file has no SEN") == true)
    let intended = try plan(both, pupils: [known], noSENColumn: true)
    #expect(intended.rows.map(\.outcome) == [.new, .unchanged])
    #expect(intended.notes.first?.contains("new pupils come in as N (no SEN), as asked") == true)
    let mapped = try MISMapping.parse("sen-provision = none\n")
    #expect(mapped.noSENColumn && mapped.columns.isEmpty)
  }

  @Test func aNameOrderColumnPutsTheFamilyNameFirst() throws {
    let text = """
      Surname,Forename,DOB,SEN,Name Order
      Nguyen,Van An,03/10/2016,N,Surname first
      Testington,Amara,04/10/2016,N,
      Kovács,Bence,05/10/2016,N,sideways
      """
    let p = try plan(text)
    #expect(p.rows.map(\.outcome) == [.new, .new, .rejected])
    #expect(p.rows[0].pupil?.legalName.familyFirst == true)
    #expect(p.rows[0].name == "Nguyen Van An")
    #expect(p.rows[1].pupil?.legalName.familyFirst == false)
    #expect(p.rows[2].reason?.hasPrefix("The name order “sideways” (column “Name Order”)") == true)
  }
}
