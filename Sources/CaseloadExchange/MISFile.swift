import CSV
import Foundation

/// An MIS export read into rows: decoded, split into fields (quoted fields may hold commas and line breaks),
/// every field cleaned, and every row labelled with the physical line of the file it starts on.
public struct MISFile: Sendable, Hashable {
  /// One record of the file.
  public struct Row: Sendable, Hashable {
    /// The 1-based line of the file the row starts on, counting the line breaks inside quoted fields.
    public var line: Int
    /// The fields, cleaned (`ImportText.clean`).
    public var fields: [String]
  }

  /// The file's name as given, for messages and the history.
  public var name: String
  public var encoding: ImportText.Encoding
  public var header: [String]
  public var headerLine: Int
  public var columns: MISColumns
  public var rows: [Row]
  /// What the person should know about how the file was read.
  public var notes: [String]

  /// The rows a header is looked for in: a report title or a blank line may come first.
  static let headerSearchRows = 10

  /// Reads an export; throws when there is no header with the required columns, or the mapping does not fit.
  public static func read(
    _ data: Data, name: String, mapping: MISMapping? = nil,
    remedies: ImportRemedies = .unspecified
  )
    throws(ImportError)
    -> MISFile
  {
    let (text, encoding) = ImportText.decode(data)
    var notes: [String] = []
    if encoding == .windows1252 {
      notes.append(
        "The file is not UTF-8: it was read as Windows-1252 (as Excel saves CSV on Windows) and converted."
      )
    } else if encoding == .utf16 {
      notes.append("The file was read as UTF-16 and converted.")
    }
    let delimiter = Self.delimiter(of: text)
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false, delimiter: delimiter)
    } catch {
      throw ImportError("\(name) cannot be read as CSV: \(error).")
    }
    var records: [Row] = []
    var line = 1
    while let fields = reader.next() {
      let start = line
      line += 1 + fields.reduce(0) { $0 + ImportText.lineBreaks(in: $1) }
      let cleaned = fields.map(ImportText.clean)
      if cleaned.allSatisfy(\.isEmpty) { continue }
      records.append(Row(line: start, fields: cleaned))
    }
    if let error = reader.error {
      throw ImportError("\(name) cannot be read as CSV: \(error).")
    }
    guard !records.isEmpty else {
      throw ImportError("\(name) is empty: it has no header and no rows.")
    }

    // The header: the first row naming two fields Caseload reads (or every column a mapping names).
    var headerIndex = 0
    for (i, row) in records.prefix(headerSearchRows).enumerated() {
      let columns = try? MISColumns.recognise(row.fields, mapping: mapping)
      if let columns, columns.index.count >= 2 {
        headerIndex = i
        break
      }
    }
    let headerRow = records[headerIndex]
    let columns = try MISColumns.recognise(headerRow.fields, mapping: mapping)
    if let missing = columns.missingMessage(remedies) {
      throw ImportError(
        "\(name): \(missing) The header on line \(headerRow.line) reads: \(headerRow.fields.joined(separator: ", "))."
      )
    }
    if headerIndex > 0 {
      notes.append(
        "The header is on line \(headerRow.line); the \(headerIndex == 1 ? "line" : "lines") before it \(headerIndex == 1 ? "was" : "were") skipped."
      )
    }
    if delimiter == "\t" { notes.append("The columns are separated by tabs.") }
    if delimiter == ";" { notes.append("The columns are separated by semicolons.") }
    return MISFile(
      name: name, encoding: encoding, header: headerRow.fields, headerLine: headerRow.line,
      columns: columns, rows: Array(records[(headerIndex + 1)...]), notes: notes)
  }

  /// A comma, unless the first line has none and has tabs (Excel's "Unicode text") or semicolons (Excel in
  /// countries that write decimal commas).
  static func delimiter(of text: String) -> Unicode.Scalar {
    let first = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
    if first.contains(",") { return "," }
    if first.contains("\t") { return "\t" }
    if first.contains(";") { return ";" }
    return ","
  }
}
