// CaseloadCLI
