import ParleyFrontEnd
import Testing

@testable import ParleySwiftGen

@Suite("Golden files of generated code")
struct GoldenTests {
  @Test("example contracts")
  func examples() {
    let sources = SwiftGenerator.generate(Contracts.loadExamples(), options: SwiftGeneratorOptions())
    #expect(sources.count == 6)
    for source in sources {
      GoldenFile.assertMatches(source.contents, named: Contracts.goldenName(source.sourcePath))
    }
  }

  @Test("focused contracts", arguments: FocusedContracts.all)
  func focused(_ contract: FocusedContracts.Case) {
    let sources = SwiftGenerator.generate(Contracts.load(contract.sources), options: contract.options)
    for source in sources {
      GoldenFile.assertMatches(source.contents, named: Contracts.goldenName(source.sourcePath))
    }
  }

  @Test("output is byte-identical across runs")
  func deterministic() {
    let first = SwiftGenerator.generate(Contracts.loadExamples(), options: SwiftGeneratorOptions())
    let second = SwiftGenerator.generate(Contracts.loadExamples(), options: SwiftGeneratorOptions())
    #expect(first == second)
  }
}
