import ParleySwiftGen
import Testing

@Suite("Output layout")
struct OutputLayoutTests {
  private func source(_ path: String, _ contents: String = "// x\n") -> GeneratedSwiftSource {
    GeneratedSwiftSource(contract: "test.contract", sourcePath: path, contents: contents)
  }

  @Test(arguments: [
    ("orders.ipc", "orders.swift"),
    ("shop/orders.ipc", "shop_orders.swift"),
    ("shop/v2/orders.ipc", "shop_v2_orders.swift"),
    ("./shop//orders.ipc", "shop_orders.swift"),
    ("shop/../orders.ipc", "orders.swift"),
    ("shop/orders.v2.ipc", "shop_orders.v2.swift"),
    ("notes.txt", "notes.txt.swift"),
  ])
  func foldsTheRelativePath(path: String, expected: String) {
    #expect(OutputLayout.fileName(forSourcePath: path) == expected)
  }

  @Test(arguments: ["/abs/orders.ipc", "../orders.ipc", "..", "."])
  func pathsOutsideTheRootHaveNoName(path: String) {
    #expect(OutputLayout.fileName(forSourcePath: path) == nil)
  }

  @Test func planKeepsOrderAndNames() throws {
    let files = try OutputLayout.plan([source("b.ipc"), source("a/b.ipc"), source("shop/orders.ipc")])
    #expect(files.map(\.name) == ["b.swift", "a_b.swift", "shop_orders.swift"])
    #expect(files.map(\.source.sourcePath) == ["b.ipc", "a/b.ipc", "shop/orders.ipc"])
  }

  @Test func twoContractsFoldingToOneNameIsAnError() {
    #expect(
      throws: OutputLayoutError.collision(
        name: "a_b.swift", firstSourcePath: "a/b.ipc", secondSourcePath: "a_b.ipc")
    ) {
      try OutputLayout.plan([source("a/b.ipc"), source("a_b.ipc")])
    }
  }

  @Test func namesDifferingOnlyInCaseCollide() {
    #expect(throws: OutputLayoutError.self) {
      try OutputLayout.plan([source("Orders.ipc"), source("orders.ipc")])
    }
  }

  @Test func outsideRootIsAnError() {
    #expect(throws: OutputLayoutError.outsideRoot(sourcePath: "../x.ipc")) {
      try OutputLayout.plan([source("../x.ipc")])
    }
  }

  @Test func errorsRenderAtTheContract() {
    let collision = OutputLayoutError.collision(
      name: "a_b.swift", firstSourcePath: "a/b.ipc", secondSourcePath: "a_b.ipc")
    #expect(
      collision.description
        == "a_b.ipc:1:1: error: 'a_b.ipc' and 'a/b.ipc' would both be generated as 'a_b.swift'; rename or move one of them"
    )
  }
}
