/// Caseload's exchange with the world outside the store: the school's MIS exports read in, and plans, meeting
/// records, evidence packs, the register, the provision map and full backups written out (CSV, Markdown, HTML
/// from editable templates, and JSON).
public enum Exchange {}
