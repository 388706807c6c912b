import Foundation
import ParleyDocGen
import ParleyFrontEnd
import Testing

/// Generates the HTML site for the example contracts and checks it as a whole.
@Suite struct ExampleSiteTests {
  static let output = DocGenerator.generate(
    DocGenFixtures.exampleContracts, options: DocOptions(format: .html))

  @Test func examplesLoadAndGenerateWithoutDiagnostics() {
    #expect(DocGenFixtures.exampleContracts.contracts.count == 6)
    #expect(Self.output.diagnostics.map(\.description) == [])
  }

  @Test func writesIndexContractPagesAndSearchIndex() throws {
    let directory = try DocGenFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try SiteWriter.write(Self.output.site, to: directory)
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    #expect(
      files == [
        "index.html", "parley.showcase.html", "search-index.json", "shop.common.html", "shop.inventory.html",
        "shop.orders.html", "shop.roles.html", "shop.users.html",
      ])
    #expect(SiteWriter.staleFiles(Self.output.site, in: directory).isEmpty)
  }
}
