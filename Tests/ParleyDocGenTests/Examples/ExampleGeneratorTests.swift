import ParleyDocGen
import ParleyFrontEnd
import Testing

/// Generated examples satisfy every constraint; impossible ones become a placeholder and a warning.
@Suite struct ExampleGeneratorTests {
  /// Every method of the example contracts: each payload passes the constraint rules of its type.
  @Test func everyExamplePayloadOfTheExampleContractsIsValid() throws {
    let contracts = DocGenFixtures.exampleContracts
    let site = DocGenerator.generate(contracts, options: DocOptions()).model
    let validator = ExampleValidator(contracts)
    var checked = 0
    for contract in contracts.contracts {
      for service in contract.services {
        for method in service.methods {
          let page = try #require(site.contracts.first { $0.name == contract.name })
          let documented = try #require(
            page.services.first { $0.header.name == service.name }?.methods.first {
              $0.header.name == method.name
            })
          var payloads = documented.example.payloads
          if let request = method.request {
            let first = payloads.removeFirst()
            #expect(
              validator.violations(of: first.value, as: request) == [],
              "\(service.name).\(method.name) request")
            checked += 1
          } else if method.kind == .rpc || method.kind == .stream {
            payloads.removeFirst()
          }
          if let response = method.response {
            let reply = payloads.removeFirst()
            #expect(
              validator.violations(of: reply.value, as: response) == [],
              "\(service.name).\(method.name) reply")
            checked += 1
          } else if method.kind == .rpc || method.kind == .stream {
            #expect(payloads.removeFirst().value == .object([]))
          }
          if let error = method.errors.first, let reply = payloads.first {
            #expect(reply.value["code"] == .string("APPLICATION"))
            let payload = try #require(reply.value["payload"])
            #expect(validator.violations(of: payload, as: .named(error)) == [], "\(method.name) error")
            checked += 1
          }
        }
      }
    }
    #expect(checked >= 25)
  }

  @Test func respectsTightConstraints() {
    let contracts = DocGenFixtures.load([
      "t.ipc": """
      contract t.tight version 1
      type Code = String @pattern("^[A-Z]{2}-[0-9]{3}$") @length(6...6)
      struct Request {
        1 code: Code
        2 name: String @length(20...25)
        3 count: Int8 @range(-100...-90)
        4 ratio: Double @range(0.25...0.75)
        5 items: [Code] @count(2...3)
        6 email: String @format(email) @length(...20)
        7 byKey: [UInt16: Bool] @count(2...)
      }
      """
    ])
    var generator = ExampleGenerator(contracts)
    let type = TypeReference.named(DeclarationReference(contract: "t.tight", name: "Request"))
    let value = generator.example(for: type, at: SourceLocation(path: "t.ipc", line: 1, column: 1))
    #expect(ExampleValidator(contracts).violations(of: value, as: type) == [])
    #expect(generator.diagnostics == [])
  }

  @Test func unsatisfiablePatternGivesPlaceholderAndWarning() {
    let contracts = DocGenFixtures.load([
      "t.ipc": """
      contract t.impossible version 1
      struct Request {
        1 code: String @pattern("^(?=b)a$")
      }
      """
    ])
    var generator = ExampleGenerator(contracts)
    let type = TypeReference.named(DeclarationReference(contract: "t.impossible", name: "Request"))
    let value = generator.example(for: type, at: SourceLocation(path: "t.ipc", line: 1, column: 1))
    guard case .string(let text)? = value["code"] else {
      Issue.record("no placeholder")
      return
    }
    #expect(text.hasPrefix("<string matching"))
    #expect(
      generator.diagnostics.map(\.description) == [
        "t.ipc:3:3: warning: no example String satisfies the pattern ^(?=b)a$; the docs show a placeholder; simplify the pattern or give the field a default"
      ])
  }
}
