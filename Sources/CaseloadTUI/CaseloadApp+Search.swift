import CaseloadCore
import CaseloadStore
import Foundation
import TerminalUI

/// The search and filter lines of the caseload list.
extension CaseloadApp {
  /// Search and filter apply as they are typed; a filter word that cannot be read yet (half typed) leaves the
  /// last good filter and says why.
  mutating func handleEntry(_ key: Key) -> AppCommand {
    guard var e = entry else { return .none }
    switch e.field.handle(key) {
    case .submitted:
      entry = nil
      if e.kind == .filter, let problem = filterProblem(e.field.text) {
        message = (problem, true)
      }
      savePreferences()
      return .none
    case .cancelled:
      entry = nil
      list.preferences.filter = e.before
      applyPreferences()
      return .none
    case .changed:
      entry = e
      switch e.kind {
      case .search:
        list.preferences.filter.search = e.field.text
      case .filter:
        message = nil
        var f = list.preferences.filter
        do throws(FilterQueryError) {
          try f.apply(query: e.field.text)
          list.preferences.filter = f
        } catch {
          // The last word may still be being typed: say nothing until the next space.
          let text = e.field.text
          let typing =
            !text.hasSuffix(" ") && text.split(separator: " ").last.map(String.init) == error.word
          if !typing { message = ("\(error)", true) }
        }
      }
      applyPreferences(save: false)
    case .handled, .ignored:
      entry = e
    }
    return .none
  }

  func filterProblem(_ query: String) -> String? {
    var f = CaseloadFilter()
    do throws(FilterQueryError) {
      try f.apply(query: query)
      return nil
    } catch { return "\(error)" }
  }

}
