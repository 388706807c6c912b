import Foundation
import ParleyDocGen
import Testing

/// The Markdown and JSON output of a small contract, compared with files in `Golden/`.
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --filter GoldenOutputTests`.
@Suite struct GoldenOutputTests {
  static let contracts = DocGenFixtures.load([
    "pets.ipc": """
    /// A pet shop: the *golden* example for the docs generator.
    contract demo.pets version 2

    /// A pet's id such as "pet_7".
    type PetID = String @pattern("^pet_[0-9]+$")

    /// What kind of animal.
    enum Species {
      1 cat
      2 dog
      @deprecated("no more parrots") 3 parrot
      reserved 4
    }

    /// A pet. Owners see it through [PetService.get].
    struct Pet {
      1 id: PetID
      /// The name, e.g. "Tom".
      2 name: String @length(1...40)
      3 species: Species = .cat
      4 tags: [String] = [] @count(...5)
      5 weightGrams: UInt32? @range(1...200000) @since(2)
      reserved 6
      reserved "owner"
    }

    /// No pet with this id.
    error PetNotFound code 404 {
      1 id: PetID
    }

    /// Looks up pets.
    service PetService {
      /// One pet by id; see [Pet].
      rpc get(PetID) -> Pet throws PetNotFound @timeout(1s) @idempotent
      /// Published when a pet is adopted.
      event adopted(Pet)
    }
    """
  ])

  static func compare(_ text: String, golden name: String) throws {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    url.deleteLastPathComponent()
    url.appendPathComponent("Golden/" + name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
      try Data(text.utf8).write(to: url)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if expected != text {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
      let index =
        zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(expectedLines.count, actualLines.count)
      let expectedLine = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
      let actualLine = index < actualLines.count ? String(actualLines[index]) : "<end>"
      Issue.record(
        "\(name) differs at line \(index + 1):\n  expected: \(expectedLine)\n  actual:   \(actualLine)\n(re-record with RECORD_SNAPSHOTS=1)"
      )
    }
  }

  @Test func markdown() throws {
    let output = DocGenerator.generate(Self.contracts, options: DocOptions(format: .markdown))
    #expect(output.diagnostics == [])
    try Self.compare(try #require(output.site.file("demo.pets.md")).contents, golden: "demo.pets.md")
    try Self.compare(try #require(output.site.file("README.md")).contents, golden: "README.md")
  }

  @Test func json() throws {
    let output = DocGenerator.generate(Self.contracts, options: DocOptions(format: .json))
    try Self.compare(try #require(output.site.file("contracts.json")).contents, golden: "contracts.json")
  }
}
