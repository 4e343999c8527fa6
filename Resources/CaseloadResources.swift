import Foundation

/// Files shipped with Caseload: the demo caseload and the export templates.
///
/// Looked up beside the executable (as `swift build` lays them out), in `../share/caseload` (an install), or in
/// the source tree, so a missing file is an error to report rather than a crash.
public enum CaseloadResources {
  public static func url(_ relativePath: String) -> URL? {
    let fm = FileManager.default
    var roots: [URL] = []
    if let env = ProcessInfo.processInfo.environment["CASELOAD_RESOURCES"] {
      roots.append(URL(fileURLWithPath: env))
    }
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    let exeDir = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? exe.path)
      .deletingLastPathComponent()
    roots.append(exeDir.appendingPathComponent("caseload_CaseloadResources.resources"))
    roots.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/caseload"))
    roots.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
    for root in roots {
      let candidate = root.appendingPathComponent(relativePath)
      if fm.fileExists(atPath: candidate.path) { return candidate }
    }
    return nil
  }

  public static func data(_ relativePath: String) throws -> Data {
    guard let url = url(relativePath) else { throw MissingResource(path: relativePath) }
    return try Data(contentsOf: url)
  }

  public struct MissingResource: Error, CustomStringConvertible {
    public var path: String
    public var description: String {
      "Caseload's file \(path) is missing; reinstall Caseload or set CASELOAD_RESOURCES to its resources folder."
    }
  }
}
