import Foundation

/// A private temporary folder for one test, removed when the test lets go of it: one for every test target.
public final class TemporaryFolder {
  public let path: String

  public init() {
    var template = Array((NSTemporaryDirectory() + "/caseload-test-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      fatalError("No temporary folder could be made in \(NSTemporaryDirectory()).")
    }
    path = String(cString: made)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// The path of a file in the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// Writes a file in the folder, making the folders on its path.
  public func write(_ text: String, to name: String) throws {
    let url = URL(fileURLWithPath: file(name))
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }
}
