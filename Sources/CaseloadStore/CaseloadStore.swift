// CaseloadStore
