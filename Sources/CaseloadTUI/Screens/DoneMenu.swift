import CaseloadCore
import TerminalUI

/// The pupil's open follow-ups, actions and provision endings, to tick off from the overview: Space ticks, Enter
/// marks the ticked ones done today as one step (`u` undoes it).
public struct DoneMenu: Sendable {
  public enum Outcome: Sendable, Hashable {
    case handled, cancelled
    /// Nothing to do, and why.
    case finished(String, isError: Bool)
    /// The ticked items, for the app to mark done.
    case run(Effect)
  }

  public let pupilID: AggregateID
  let name: String
  let items: [Deadline]
  public private(set) var picker: ChoicePicker

  /// Nil when the pupil has nothing that is marked done.
  public init?(pupil: Pupil, today: Day) {
    let items = pupil.openEnteredItems(on: today).sorted { $0.due < $1.due }
    guard !items.isEmpty else { return nil }
    pupilID = pupil.id
    name = pupil.displayName
    self.items = items
    picker = ChoicePicker(
      title: "Mark done for \(pupil.displayName) (Space ticks, Enter saves)",
      choices: items.map { d in
        let who = d.owner.isEmpty ? "" : " — \(d.owner)"
        return ChoicePicker.Choice(
          "\(d.due.british)  \(d.title)\(who)", description: d.status(on: today).description)
      },
      multiSelect: true)
  }

  public mutating func fit(width: Int, height: Int) { picker.fit(width: width, height: height) }

  public mutating func handle(_ key: Key, today: Day) -> Outcome {
    switch picker.handle(key) {
    case .cancelled: return .cancelled
    case .handled, .chosen: return .handled
    case .chosenMany(let ticked):
      guard !ticked.isEmpty else {
        return .finished("Nothing ticked, nothing marked done.", isError: false)
      }
      let chosen = ticked.compactMap { items.indices.contains($0) ? items[$0] : nil }
      return .run(
        .markDone(
          pupilID, chosen.map(\.ref), on: today,
          summary: chosen.count == 1
            ? nil : "\(name): \(chosen.count) items marked done \(today.british)"))
    }
  }

  public func draw(into grid: inout Grid, unicode: Bool) {
    picker.draw(into: &grid, unicode: unicode)
  }
}
