import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writing exports to files that only their owner can read: SEN records are special category personal data.
public enum ExportFile {
  /// Writes `data` to `path` (0600), whole or not at all: it goes to a temporary file beside it that then takes
  /// the name, so an interrupted export never leaves half a file behind.
  public static func write(_ data: Data, to path: String) throws {
    try write(to: path) { write in try write(data) }
  }

  /// As `write(_:to:)`, for output made in pieces: `body` is handed a function that appends a piece.
  public static func write(to path: String, _ body: (_ write: (Data) throws -> Void) throws -> Void)
    throws
  {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw ExportProblem("\(path) is a folder; give the name of a file to write.")
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue
    else {
      throw ExportProblem("There is no folder \(folder) to write \(url.lastPathComponent) in.")
    }
    var template = Array((folder + "/." + url.lastPathComponent + ".XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else {
      throw ExportProblem("Cannot write in \(folder): \(String(cString: strerror(errno))).")
    }
    let temporary = String(
      decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var done = false
    defer {
      if !done {
        close(fd)
        unlink(temporary)
      }
    }
    fchmod(fd, 0o600)
    try body { data in
      try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
        var offset = 0
        while offset < buffer.count {
          let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
          if n < 0 {
            if errno == EINTR { continue }
            throw ExportProblem("Cannot write \(path): \(String(cString: strerror(errno))).")
          }
          offset += n
        }
      }
    }
    guard fsync(fd) == 0, close(fd) == 0 else {
      throw ExportProblem("Cannot write \(path): \(String(cString: strerror(errno))).")
    }
    done = true
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw ExportProblem("Cannot write \(path): \(reason).")
    }
  }

  /// The folder exports from the caseload screen go to: `$XDG_DOCUMENTS_DIR` when set, else
  /// `~/Documents/caseload`; made (0700) when missing.
  public static func documentsFolder(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> String {
    let folder: String
    if let xdg = environment["XDG_DOCUMENTS_DIR"], xdg.hasPrefix("/") {
      folder = xdg
    } else {
      let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
      folder = home + "/Documents/caseload"
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
      guard isFolder.boolValue else { throw ExportProblem("\(folder) is a file, not a folder.") }
      return folder
    }
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw ExportProblem("Cannot make the folder \(folder): \(error.localizedDescription)")
    }
    return folder
  }

  /// `folder/name`, or `folder/name-2.ext` and so on when that file is already there: an export never writes
  /// over an earlier one that may have been edited since.
  public static func freePath(in folder: String, name: String) -> String {
    let url = URL(fileURLWithPath: name)
    let ext = url.pathExtension
    let stem = ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    var candidate = folder + "/" + name
    var n = 2
    while FileManager.default.fileExists(atPath: candidate) {
      candidate = folder + "/" + stem + "-\(n)" + (ext.isEmpty ? "" : "." + ext)
      n += 1
    }
    return candidate
  }
}
