import CFuzzDriver
import Foundation

// caseload-fuzz TARGET [options] [corpus folders or files]
//
// Built with `-sanitize=fuzzer,address` this is a libFuzzer binary and takes libFuzzer's options. In an ordinary
// build it runs Caseload's own deterministic mutation runner, which takes -max_total_time=S, -runs=N and -seed=N.

nonisolated(unsafe) var selected = FuzzTarget.mis

var arguments = CommandLine.arguments
guard arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) else {
  FileHandle.standardError.write(
    Data(
      "usage: caseload-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) [options] [corpus …]\n"
        .utf8))
  exit(2)
}
selected = target
arguments.remove(at: 1)

if cl_fuzzer_linked() != 0 {
  var argc = CInt(arguments.count)
  var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
  let status = cArguments.withUnsafeMutableBufferPointer { buffer -> CInt in
    var argv = buffer.baseAddress
    return cl_fuzzer_run(&argc, &argv) { data, size in
      selected.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
      return 0
    }
  }
  exit(status)
}
exit(MutationRunner(arguments: Array(arguments.dropFirst())).run(target))
