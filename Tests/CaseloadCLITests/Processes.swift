@_exported import CaseloadTestSupport
import Foundation

/// The built executables sit beside the test bundle.
enum Binary {
  static var folder: URL {
    let exe =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return URL(fileURLWithPath: exe).deletingLastPathComponent()
  }
  static var caseload: String { folder.appendingPathComponent("caseload").path }
  static var bench: String { folder.appendingPathComponent("caseload-bench").path }
}

/// What a finished process printed and how it exited.
struct Finished {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to the end, as a person at a shell would.
@discardableResult
func run(
  _ executable: String, _ arguments: [String], environment: [String: String] = [:],
  stdin: String? = nil
) throws -> Finished {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable)
  p.arguments = arguments
  var env = ProcessInfo.processInfo.environment
  env["NO_COLOR"] = "1"
  env.removeValue(forKey: "CASELOAD_STORE")
  for (k, v) in environment { env[k] = v }
  p.environment = env
  let out = Pipe()
  let err = Pipe()
  p.standardOutput = out
  p.standardError = err
  let input = Pipe()
  p.standardInput = input
  try p.run()
  if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
  try? input.fileHandleForWriting.close()
  // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
  let group = DispatchGroup()
  nonisolated(unsafe) var errData = Data()
  group.enter()
  DispatchQueue.global().async {
    errData = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  p.waitUntilExit()
  return Finished(
    status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

func caseload(_ arguments: String..., environment: [String: String] = [:]) throws -> Finished {
  try run(Binary.caseload, arguments, environment: environment)
}

func caseload(_ arguments: [String], environment: [String: String] = [:]) throws -> Finished {
  try run(Binary.caseload, arguments, environment: environment)
}

/// A new store holding the invented demo caseload, as `caseload demo` writes it.
func demoStore(_ folder: TemporaryFolder, today: String = "2026-11-29") throws -> String {
  let path = folder.file("demo.sqlite")
  let made = try caseload("demo", "--store", path, "--today", today)
  guard made.status == 0 else { throw CocoaError(.fileWriteUnknown) }
  return path
}
