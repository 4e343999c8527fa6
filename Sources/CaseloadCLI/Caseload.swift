import ArgumentParser
import CaseloadCore
import CaseloadStore
import CaseloadTUI
import CaseloadText
import Foundation
import TerminalUI

/// The `caseload` command: with no subcommand it opens the caseload; subcommands answer quickly for scripts
/// and SSH sessions.
public struct Caseload: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "caseload",
    abstract: "The SENCo's caseload: SEN register, support plans, reviews and EHC deadlines.",
    discussion: """
      Exit codes: 0 done, 1 a problem with the data or the store (one line on stderr), 2 bad usage.
      The store is one private SQLite file: --store, else $CASELOAD_STORE, else \
      $XDG_DATA_HOME/caseload/caseload.sqlite (~/.local/share/caseload/caseload.sqlite).
      """,
    subcommands: [
      StatusCommand.self, DueCommand.self, ListCommand.self, ShowCommand.self, PlanCommand.self,
      MeetingCommand.self, LogCommand.self, DoneCommand.self, HistoryCommand.self,
      ImportCommand.self, ApplyCommand.self, ExportCommand.self,
      UndoCommand.self, RedoCommand.self, AccessCommand.self, RetentionCommand.self,
      EraseCommand.self, CheckCommand.self, DemoCommand.self,
    ]
  )

  @Option(name: .long, help: ArgumentHelp("The store file to use.", valueName: "path"))
  var store: String?

  @Option(
    name: .long, help: ArgumentHelp("Work as if today were this date.", valueName: "yyyy-mm-dd"))
  var today: String?

  @Flag(name: .long, help: "Work on a fresh demo caseload in a temporary store.")
  var demo = false

  public init() {}

  public func validate() throws {
    if let today {
      guard let day = Day(iso: today) else {
        throw ValidationError(
          "--today \(today) is not a date; write it as YYYY-MM-DD, for example 2026-11-29.")
      }
      guard (1900...2200).contains(day.year) else {
        throw ValidationError(
          "--today \(today) is too far from now; give a date between 1900 and 2200.")
      }
    }
    if let store, store.isEmpty { throw ValidationError("--store needs a path.") }
  }

  public mutating func run() throws {
    guard TerminalGuard.isInteractive else {
      throw CLIError(
        "Caseload's screens need a terminal. For scripts and pipes use `caseload status`, `caseload list` or `caseload show PUPIL` (see `caseload --help`)."
      )
    }
    var clock = PhaseClock()
    let session = try Session.open(self, create: true)
    defer { session.close() }
    clock.mark("open")
    let screen = NcursesScreen()
    let unicode = screen.isUTF8
    clock.mark("terminal")
    do {
      var app = try CaseloadApp(
        store: session.store, today: session.today, width: screen.size.width,
        height: screen.size.height,
        unicode: unicode)
      clock.mark("load")
      AppRunner.run(&app, on: screen) { clock.mark("first frame") }
    } catch {
      screen.close()
      throw error
    }
  }
}

/// Runs the command line and exits with Caseload's codes: 0 done, 1 user error, 2 bad usage.
public enum CaseloadMain {
  public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never
  {
    do {
      var command = try Caseload.parseAsRoot(arguments)
      try command.run()
      exit(0)
    } catch let error as StoreError {
      fail(error.message)
    } catch let error as EditError {
      fail(error.message)
    } catch let error as CLIError {
      fail(error.message)
    } catch {
      let code = Caseload.exitCode(for: error)
      let message = Caseload.fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { Output.say(message) }
        exit(0)
      }
      // Only mistakes in how the command was typed are usage errors; anything else is a problem to report.
      guard code == .validationFailure else { fail(message.isEmpty ? "\(error)" : message) }
      if !message.isEmpty { Output.say(message, error: true) }
      exit(2)
    }
  }

  static func fail(_ message: String) -> Never {
    Output.say("caseload: \(message)", error: true)
    exit(1)
  }
}

/// A problem with what the person asked for, reported in one line with exit code 1.
public struct CLIError: Error, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
