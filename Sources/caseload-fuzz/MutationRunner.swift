import Foundation

/// Caseload's own fuzzer, for builds without libFuzzer: runs every seed, then mutations of them (bytes flipped,
/// inserted, deleted, repeated, spliced from another seed, interesting values) for a time or a number of runs.
/// Deterministic from its seed, so a crash it finds happens again with the same options.
struct MutationRunner {
  var seconds: Double = 10
  var runs = Int.max
  var seed: UInt64 = 1
  var inputs: [String] = []

  init(arguments: [String]) {
    for a in arguments {
      if a.hasPrefix("-max_total_time="), let n = Double(a.dropFirst(16)) {
        seconds = n
      } else if a.hasPrefix("-runs="), let n = Int(a.dropFirst(6)) {
        runs = n
      } else if a.hasPrefix("-seed="), let n = UInt64(a.dropFirst(6)) {
        seed = n
      } else if !a.hasPrefix("-") {
        inputs.append(a)
      }
    }
  }

  func seeds() -> [[UInt8]] {
    var out: [[UInt8]] = []
    for path in inputs {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
      let files =
        isFolder.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map {
          path + "/" + $0
        }
        : [path]
      for f in files {
        if let data = FileManager.default.contents(atPath: f) { out.append([UInt8](data)) }
      }
    }
    return out.isEmpty ? [[]] : out
  }

  func run(_ target: FuzzTarget) -> Int32 {
    let corpus = seeds()
    FileHandle.standardError.write(
      Data(
        "caseload-fuzz \(target.rawValue): Caseload's mutation runner (no libFuzzer in this build), seed \(seed), \(corpus.count) seeds\n"
          .utf8))
    for input in corpus { target.run(input) }
    var rng = seed
    func next() -> UInt64 {
      rng &+= 0x9E37_79B9_7F4A_7C15
      var z = rng
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let interesting: [[UInt8]] = [
      [0], [0xFF], [0x1B, 0x5B], [0x1B, 0x5D], Array("\\ud800".utf8), Array("\"".utf8),
      Array(",".utf8),
      Array("\n".utf8), Array("\r\n".utf8), Array("9223372036854775807".utf8), Array("-1".utf8),
      [0xC3, 0xA9],
      [0xE2, 0x80, 0xAE], Array("[[[[[[[[".utf8), Array("{\"".utf8), Array("31/02/".utf8),
      Array("£".utf8),
    ]
    let deadline = Date().addingTimeInterval(seconds)
    var done = 0
    while done < runs, Date() < deadline {
      var input = corpus[Int(next() % UInt64(corpus.count))]
      for _ in 0...Int(next() % 4) {
        let at = input.isEmpty ? 0 : Int(next() % UInt64(input.count + 1))
        switch next() % 6 {
        case 0 where !input.isEmpty: input[min(at, input.count - 1)] ^= UInt8(1 << (next() % 8))
        case 1: input.insert(UInt8(truncatingIfNeeded: next()), at: at)
        case 2 where at < input.count:
          input.removeSubrange(at..<min(input.count, at + 1 + Int(next() % 16)))
        case 3:
          input.insert(contentsOf: interesting[Int(next() % UInt64(interesting.count))], at: at)
        case 4 where at < input.count:
          let piece = input[at..<min(input.count, at + 1 + Int(next() % 32))]
          input.insert(
            contentsOf: Array(repeating: Array(piece), count: 1 + Int(next() % 8)).joined(), at: at)
        default:
          let other = corpus[Int(next() % UInt64(corpus.count))]
          if !other.isEmpty {
            let from = Int(next() % UInt64(other.count))
            input.insert(contentsOf: other[from..<min(other.count, from + 64)], at: at)
          }
        }
      }
      target.run(input)
      done += 1
    }
    FileHandle.standardError.write(
      Data("caseload-fuzz \(target.rawValue): \(done) inputs, no crash\n".utf8))
    return 0
  }
}
