// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "caseload",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "caseload", targets: ["caseload"]),
    .executable(name: "caseload-bench", targets: ["caseload-bench"]),
    .executable(name: "caseload-fuzz", targets: ["caseload-fuzz"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .target(name: "CaseloadCore"),
    .target(
      name: "CaseloadStore",
      dependencies: ["CaseloadCore", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    .systemLibrary(
      name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
    .target(name: "TerminalUI", dependencies: ["CNcurses"]),
    .target(
      name: "CaseloadText", dependencies: ["CaseloadCore", "CaseloadStore", "TerminalUI"]),
    .target(
      name: "CaseloadTUI",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "TerminalUI", "CaseloadExchange", "CaseloadText",
      ]),
    .target(
      name: "CaseloadResources",
      path: "Resources",
      exclude: ["README.md"],
      sources: ["CaseloadResources.swift"],
      resources: [.copy("demo"), .copy("templates")]
    ),
    .target(
      name: "CaseloadExchange",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadResources", "TerminalUI",
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "Mustache", package: "swift-mustache"),
      ]
    ),
    .target(
      name: "CaseloadCLI",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadResources", "TerminalUI", "CaseloadTUI",
        "CaseloadExchange", "CaseloadText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "caseload", dependencies: ["CaseloadCLI"]),
    .target(name: "CFuzzDriver"),
    .executableTarget(
      name: "caseload-fuzz",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadExchange", "TerminalUI", "CFuzzDriver",
      ]
    ),
    .executableTarget(
      name: "caseload-bench",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadCLI", "CaseloadTUI", "TerminalUI", "CNcurses",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(name: "CaseloadTestSupport", path: "Tests/Support"),
    .testTarget(name: "CaseloadCoreTests", dependencies: ["CaseloadCore"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(
      name: "CaseloadTUITests",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadTUI", "CaseloadText", "TerminalUI",
        "CaseloadTestSupport",
      ]),
    .testTarget(
      name: "CaseloadStoreTests",
      dependencies: [
        "CaseloadCore", "CaseloadStore", .product(name: "GRDB", package: "GRDB.swift"),
        "CaseloadTestSupport",
      ]
    ),
    .testTarget(
      name: "CaseloadExchangeTests",
      dependencies: ["CaseloadCore", "CaseloadStore", "CaseloadExchange", "CaseloadTestSupport"]
    ),
    .testTarget(
      name: "CaseloadCLITests",
      dependencies: [
        "CaseloadCore", "CaseloadStore", "CaseloadCLI", "caseload", "caseload-bench",
        "CaseloadTestSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
