import CaseloadCore
import Foundation

extension Export {
  /// The provision map: every intervention in the plans of open cycles of pupils at the school, its pupils and
  /// the cost per pupil. CSV (one row per intervention and pupil) or Markdown from `provision-map.md.mustache`.
  public static func provisionMap(
    _ pupils: [Pupil], settings: SchoolSettings, today: Day, format: ExportFormat,
    templates: Templates = Templates()
  ) throws -> Data {
    try check(format, [.csv, .md], "provision map")
    let model = ProvisionMapModel(pupils: pupils, settings: settings, today: today)
    if format == .md {
      return Data(try templates.render("provision-map.md.mustache", model).utf8)
    }
    var rows: [[String]] = []
    for i in model.interventions {
      for p in i.pupils {
        rows.append([
          i.intervention, p.pupilName, p.bornISO, p.year, p.upnOrBlank, p.deliveredByOrBlank,
          p.roleOrBlank, String(p.sessionsPerWeek), String(p.minutesPerSession), String(p.weeks),
          String(p.groupSize), p.rate, p.price, p.priced, p.costPounds,
        ])
      }
    }
    return try csv(
      header: [
        "Intervention", "Pupil", "Date of birth", "Year", "UPN", "Delivered by", "Staff role",
        "Sessions a week", "Minutes a session", "Weeks", "Group size", "Hourly rate (£)",
        "Price (£)", "Priced", "Cost per pupil (£)",
      ], rows: rows)
  }
}

/// What `provision-map.md.mustache` draws from.
struct ProvisionMapModel {
  let school: SchoolFacts
  let today: String
  let schoolYear: String
  let interventions: [InterventionFacts]
  let interventionCount: Int
  let pupilCount: Int
  let grandTotal: String

  init(pupils: [Pupil], settings: SchoolSettings, today: Day) {
    school = SchoolFacts(settings)
    self.today = today.british
    schoolYear = SchoolYear(containing: today).name
    var groups: [String: (name: String, rows: [(Pupil, Provision)])] = [:]
    for p in pupils where !p.hasLeft {
      guard let c = p.currentCycle, !c.isClosed else { continue }
      for v in c.plan.provision {
        let key = Text.searchKey(v.intervention)
        groups[key, default: (v.intervention, [])].rows.append((p, v))
      }
    }
    interventions = groups.sorted { $0.key < $1.key }.map { _, group in
      let rows = group.rows.sorted { ($0.0.sortName, $0.0.id) < ($1.0.sortName, $1.0.id) }
      let total = rows.reduce(Money.zero) { $0 + $1.1.costPerPupil }
      return InterventionFacts(
        intervention: group.name,
        pupils: rows.map { MapRow($0.0, $0.1, today: today) },
        pupilsInIt: rows.count == 1 ? "1 pupil" : "\(rows.count) pupils",
        interventionTotal: total.description)
    }
    interventionCount = interventions.count
    pupilCount = Set(groups.values.flatMap { $0.rows.map(\.0.id) }).count
    grandTotal =
      groups.values.flatMap(\.rows).reduce(Money.zero) { $0 + $1.1.costPerPupil }
      .description
  }
}

struct InterventionFacts {
  let intervention: String
  let pupils: [MapRow]
  /// "1 pupil", "3 pupils"
  let pupilsInIt: String
  let interventionTotal: String
}

struct MapRow {
  let pupilName: String
  let born: String
  let bornISO: String
  let year: String
  let upn: String?
  let deliveredBy: String?
  let staffRole: String?
  let schedule: String
  let group: String
  let sessionsPerWeek: Int
  let minutesPerSession: Int
  let weeks: Int
  let groupSize: Int
  let rate: String
  /// A package's price and whether it is a pupil's or the group's; empty for staff time.
  let price: String
  let priced: String
  let pricing: String
  let cost: String
  let costPounds: String
  var upnOrBlank: String { upn ?? "" }
  var deliveredByOrBlank: String { deliveredBy ?? "" }
  var roleOrBlank: String { staffRole ?? "" }

  init(_ p: Pupil, _ v: Provision, today: Day) {
    pupilName = p.displayName
    born = p.dateOfBirth.british
    bornISO = p.dateOfBirth.iso
    year = p.yearGroup(on: today).description
    upn = p.upn
    deliveredBy = v.deliveredBy.nonEmpty
    staffRole = v.staffRole.nonEmpty
    schedule = v.scheduleText
    group = v.groupText
    sessionsPerWeek = v.sessionsPerWeek
    minutesPerSession = v.minutesPerSession
    weeks = v.weeks
    groupSize = v.groupSize
    rate = v.price == nil ? Self.pounds(v.hourlyRate) : ""
    price = v.price.map { Self.pounds($0.amount) } ?? ""
    priced = v.price.map { $0.basis == .perPupil ? "per pupil" : "for the group" } ?? ""
    pricing = v.pricing
    cost = v.costPerPupil.description
    costPounds = Self.pounds(v.costPerPupil)
  }

  /// `1234.50`: a number a spreadsheet can add up.
  static func pounds(_ m: Money) -> String {
    let p = abs(m.pence)
    return "\(m.pence < 0 ? "-" : "")\(p / 100).\(p % 100 < 10 ? "0" : "")\(p % 100)"
  }
}
