import ParleyFrontEnd
import ParleySwiftGen
import Testing

/// Which generated methods run on their caller's executor: every `async` client method (rpc,
/// its convenience overload, stream) is `nonisolated(nonsending)`; synchronous members (oneway,
/// event topics) and the handler requirements users implement are left as they are.
@Suite("Client methods run on the caller's executor")
struct ClientIsolationTranslationTests {
  static let contract = """
    contract demo.desk version 1
    struct Ask {
      1 text: String
    }
    service Desk {
      rpc ask(Ask) -> Ask
      rpc ping() -> ()
      oneway note(Ask)
      stream watch(Ask) -> Ask
      event rang(Ask)
    }
    """

  static func generate(_ options: SwiftGeneratorOptions) throws -> [String] {
    let sources = SwiftGenerator.generate(Contracts.load(["demo/desk.ipc": contract]), options: options)
    return try #require(sources.first).contents.split(separator: "\n").map(String.init)
  }

  /// `public nonisolated(nonsending) func ask` of a function declaration line.
  static func head(_ line: String) -> String {
    guard let function = line.range(of: "func ") else { return line }
    let name = line[function.upperBound...].prefix { $0 != "(" }
    let modifiers = line[..<function.lowerBound].trimmingCharacters(in: .whitespaces)
    return (modifiers.isEmpty ? "" : modifiers + " ") + "func " + name
  }

  @Test(
    "async client methods are nonisolated(nonsending)", arguments: SwiftGeneratorOptions.AccessLevel.allCases)
  func asyncClientMethods(_ access: SwiftGeneratorOptions.AccessLevel) throws {
    let lines = try Self.generate(SwiftGeneratorOptions(accessLevel: access))
    let prefix = access == .internal ? "" : access.rawValue + " "
    let clientMethods = lines.filter {
      $0.contains("func ") && $0.contains(") async ") && !$0.contains("call: Parley.IncomingCall")
    }
    #expect(
      clientMethods.map(Self.head) == [
        "\(prefix)nonisolated(nonsending) func ask", "\(prefix)nonisolated(nonsending) func ask",
        "\(prefix)nonisolated(nonsending) func ping", "\(prefix)nonisolated(nonsending) func watch",
        "\(prefix)nonisolated(nonsending) func watch",
      ])
  }

  @Test func synchronousMembersAndHandlerRequirementsAreUnchanged() throws {
    let lines = try Self.generate(SwiftGeneratorOptions(accessLevel: .public))
    #expect(lines.contains("    public func note(_ request: DemoDesk.Ask) throws {"))
    #expect(lines.contains { $0.hasPrefix("    public var rang: Parley.ParleyEventTopic<DemoDesk.Ask> {") })
    #expect(
      lines.contains(
        "    func ask(_ request: DemoDesk.Ask, call: Parley.IncomingCall) async throws -> DemoDesk.Ask"))
    #expect(lines.filter { $0.contains("nonisolated(nonsending)") }.count == 5)
  }
}
