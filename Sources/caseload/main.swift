import CaseloadCLI

CaseloadMain.main()
