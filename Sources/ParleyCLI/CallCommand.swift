import Foundation
import Parley
import ParleyCompiler

/// `parley call --gateway PATH [--contracts DIR] Service.method 'JSON'`: one call by hand.
struct CallCommand: CLICommand {
  let name = "call"
  let summary = "Call a service through a gateway with a JSON payload (or --list what is registered)."
  let help = """
    usage: parley call --gateway PATH [--contracts DIR] [--timeout-ms N] Service.method [JSON]
           parley call --gateway PATH --list

    Calls a method of a service registered with the gateway, with a JSON payload (default {}),
    and prints the JSON reply on standard output; on failure prints the structured error as JSON
    on standard error and exits 1.

    The contract name and version come from --contracts (the service and method must be declared
    there, and the method must be an rpc) or else from the registered instances.

    options:
      --gateway PATH    the hub's socket (or unix:PATH, tcp:HOST:PORT)
      --contracts DIR   .ipc files or folders declaring the service
      --timeout-ms N    the call's time budget (default 10000)
      --list            list the registered services, their versions and methods
      -h, --help        show this help
    """

  func run(_ arguments: [String]) async -> Int32 {
    var gateway: String?
    var contracts: [String] = []
    var timeoutMs = 10_000
    var list = false
    var operands: [String] = []
    var reader = ArgumentReader(arguments)
    do {
      while let argument = reader.next() {
        switch argument {
        case "--gateway": gateway = try reader.value(for: argument)
        case "--contracts": contracts.append(try reader.value(for: argument))
        case "--list": list = true
        case "--timeout-ms":
          let text = try reader.value(for: argument)
          guard let value = Int(text), value > 0 else {
            throw UsageError(message: "--timeout-ms wants a positive number")
          }
          timeoutMs = value
        default:
          if argument.hasPrefix("--") { throw UsageError(message: "unknown option '\(argument)'") }
          operands.append(argument)
        }
      }
      guard let gateway else { throw UsageError(message: "--gateway is required") }
      let endpoint = try GatewayAddress.parse(gateway)
      if list { return await listServices(endpoint) }
      guard (1...2).contains(operands.count) else {
        throw UsageError(message: "give Service.method and an optional JSON payload")
      }
      let target = operands[0].split(separator: ".", maxSplits: 1).map(String.init)
      guard target.count == 2, !target[0].isEmpty, !target[1].isEmpty else {
        throw UsageError(message: "'\(operands[0])' is not Service.method")
      }
      let payload = Array((operands.count > 1 ? operands[1] : "{}").utf8)
      if (try? JSONReader.validate(payload)) == nil {
        printError("error: the payload is not valid JSON: \(operands.count > 1 ? operands[1] : "")")
        return ExitStatus.usage
      }
      return await call(
        endpoint, service: target[0], method: target[1], payload: payload, contracts: contracts,
        timeoutMs: timeoutMs)
    } catch let error as UsageError {
      printError("error: \(error.message)\n\n\(help)")
      return ExitStatus.usage
    } catch {
      printError("error: \(error)")
      return ExitStatus.failure
    }
  }

  /// The contract name and version of `service` from the contract files, or a problem.
  private func declared(service: String, method: String, in paths: [String]) -> Result<
    (String, Int), UsageError
  > {
    let expansion = ContractInputs.expand(paths)
    if let problem = expansion.problems.first {
      let text = problem.hasPrefix("error: ") ? String(problem.dropFirst("error: ".count)) : problem
      return .failure(UsageError(message: text))
    }
    let loaded = FrontEnd.load(paths: expansion.paths)
    if loaded.hasErrors {
      return .failure(UsageError(message: "the contracts have errors; run 'parley check' on them"))
    }
    for contract in loaded.contracts.contracts {
      for case .service(let declaration) in contract.declarations where declaration.name == service {
        guard let found = declaration.method(named: method) else {
          let names = declaration.methods.map(\.name).joined(separator: ", ")
          return .failure(UsageError(message: "\(service) has no method \(method); it has \(names)"))
        }
        guard found.kind == .rpc else {
          return .failure(
            UsageError(
              message: "\(service).\(method) is \(found.kind.rawValue), not rpc: parley call makes rpc calls")
          )
        }
        return .success((contract.name, contract.version))
      }
    }
    return .failure(UsageError(message: "no contract declares service \(service)"))
  }

  private func call(
    _ endpoint: Endpoint, service: String, method: String, payload: [UInt8], contracts: [String],
    timeoutMs: Int
  ) async -> Int32 {
    let client: GatewayClient
    do {
      client = try await GatewayAddress.connect(endpoint, name: "parley-call")
    } catch {
      printError("error: cannot reach the gateway at \(endpoint): \(error)")
      return ExitStatus.failure
    }
    var contract: (name: String, version: Int)?
    if !contracts.isEmpty {
      switch declared(service: service, method: method, in: contracts) {
      case .success(let found): contract = found
      case .failure(let problem):
        printError("error: \(problem.message)")
        await client.close()
        return ExitStatus.usage
      }
    } else if let status = try? await client.status(),
      let instance = status.services.first(where: { $0.service == service })?.instances.first
    {
      contract = (instance.contract, instance.version)
    }
    guard let contract else {
      Self.printFailure(
        ParleyError(.serviceNotFound, "no instance of service \(service) is registered with the gateway"))
      await client.close()
      return ExitStatus.failure
    }
    do {
      // JSON text in and out, whatever codec the connection negotiated (the call is marked).
      let reply = try await client.connection.call(
        contract: contract.name, version: contract.version, service: service, method: method,
        payload: payload, payloadCodec: .json,
        options: CallOptions(timeout: .milliseconds(timeoutMs)))
      print(reply.isEmpty ? "{}" : String(decoding: reply, as: UTF8.self))
      await client.close()
      return ExitStatus.success
    } catch let error as ParleyError {
      Self.printFailure(error)
      await client.close()
      return ExitStatus.failure
    } catch {
      printError("error: \(error)")
      await client.close()
      return ExitStatus.failure
    }
  }

  /// Prints an error as one JSON object on standard error (the wire's error shape).
  static func printFailure(_ error: ParleyError) {
    var writer = JSONWriter()
    error.writeJSON(to: &writer)
    printError(String(decoding: writer.bytes, as: UTF8.self))
  }

  private func listServices(_ endpoint: Endpoint) async -> Int32 {
    do {
      let client = try await GatewayAddress.connect(endpoint, name: "parley-call")
      let status = try await client.status()
      await client.close()
      if status.services.allSatisfy(\.instances.isEmpty) { print("no services registered") }
      for service in status.services {
        guard let first = service.instances.first else { continue }
        print(
          "\(service.service)  \(first.contract) v\(first.version)  (\(service.instances.count) instance\(service.instances.count == 1 ? "" : "s"))"
        )
        for method in first.methods { print("  \(service.service).\(method)") }
        for event in first.events { print("  event \(first.contract).\(event)") }
      }
      return ExitStatus.success
    } catch {
      printError("error: \(error)")
      return ExitStatus.failure
    }
  }
}
