import Foundation
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

  /// `Tests/ParleyTests/CodeGenSupport/Generated/FocusEdge.swift` is the generated code of the
  /// first focused contract, compiled into the runtime tests, which exercise it at run time.
  @Test("the generated code compiled into the runtime tests is current")
  func runtimeFixture() throws {
    let edge = try #require(FocusedContracts.all.first)
    let sources = SwiftGenerator.generate(Contracts.load(edge.sources), options: edge.options)
    let source = try #require(sources.first)
    let url = GoldenFile.packageRoot.appendingPathComponent(
      "Tests/ParleyTests/CodeGenSupport/Generated/FocusEdge.swift")
    GoldenFile.assertMatches(source.contents, at: url)
  }

  @Test("output is byte-identical across runs")
  func deterministic() {
    let first = SwiftGenerator.generate(Contracts.loadExamples(), options: SwiftGeneratorOptions())
    let second = SwiftGenerator.generate(Contracts.loadExamples(), options: SwiftGeneratorOptions())
    #expect(first == second)
  }
}
