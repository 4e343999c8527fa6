import ArgumentParser
import CaseloadCLI
import CaseloadCore
import CaseloadStore
import Foundation

Bench.main()
