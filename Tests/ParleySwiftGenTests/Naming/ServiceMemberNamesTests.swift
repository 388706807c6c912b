import ParleyFrontEnd
import Testing

@testable import ParleySwiftGen

/// Methods named like the members generated service types declare themselves get `_` appended,
/// everywhere the method's Swift name appears (client, handler requirement, dispatch).
@Suite("Service member names")
struct ServiceMemberNamesTests {
  @Test("method names avoid the generated service members")
  func methodNames() {
    #expect(
      SwiftNames.methodNames([
        "transport", "transport_", "get_order", "register", "parleyRegistration", "close",
      ])
        == [
          "transport": "transport_", "transport_": "transport_2", "get_order": "getOrder",
          "register": "register_", "parleyRegistration": "parleyRegistration_", "close": "close_",
        ])
    #expect(SwiftNames.methodNames(["init", "default"]) == ["init": "init_", "default": "`default`"])
  }

  @Test("the public name functions agree with the name table")
  func publicFunctionsAgree() {
    #expect(SwiftNames.caseNames(["unknown", "low"]) == NameTable.caseNames(["unknown", "low"]))
    #expect(SwiftNames.fieldNames(["unknown", "hash"]) == ["unknown": "unknown", "hash": "hash_"])
  }

  @Test("a clashing method is renamed in the client, the handler and its registration")
  func generatedCode() throws {
    let contract = """
      contract demo.clash version 1
      struct Echo {
        1 text: String
      }
      service Clashing {
        rpc transport(Echo) -> Echo
        rpc register(Echo) -> ()
        stream close(Echo) -> Echo
        event connection(Echo)
      }
      """
    let sources = SwiftGenerator.generate(
      Contracts.load(["demo/clash.ipc": contract]), options: SwiftGeneratorOptions())
    let code = try #require(sources.first).contents
    for line in [
      "let transport: any Parley.ParleyCallTransport",
      "func transport_(_ request: DemoClash.Echo, options: Parley.CallOptions",
      "func transport_(text: Swift.String, options: Parley.CallOptions",
      "func transport_(_ request: DemoClash.Echo, call: Parley.IncomingCall) async throws -> DemoClash.Echo\n",
      "let response = try await self.transport_(request, call: call)",
      "func register_(_ request: DemoClash.Echo, options: Parley.CallOptions",
      "func register_(_ request: DemoClash.Echo, call: Parley.IncomingCall) async throws\n",
      "func close_(_ request: DemoClash.Echo, options: Parley.CallOptions",
      "var connection_: Parley.ParleyEventTopic<DemoClash.Echo> {",
    ] {
      #expect(code.contains(line), "missing: \(line)")
    }
    #expect(!code.contains("func transport("))
    #expect(!code.contains("var connection:"))
  }
}
