import Foundation
import Parley

/// `parley status --gateway PATH [--json]`: what a gateway hub knows.
struct StatusCommand: CLICommand {
  let name = "status"
  let summary = "Show a gateway's services, instances and per-method counters."
  let help = """
    usage: parley status --gateway PATH [--json]

    Asks the gateway hub for its status and prints the connected services with their
    instances (contract version, pid, connected at, last heard from, calls routed, errors,
    ejections for failing repeatedly), events dropped for slow subscribers and, per method, calls, errors, cancellations, retries on another instance and latency (mean, p50, p99, max).

    options:
      --gateway PATH  the hub's socket (or unix:PATH, tcp:HOST:PORT)
      --json          print the status as JSON, for machines
      -h, --help      show this help
    """

  func run(_ arguments: [String]) async -> Int32 {
    var gateway: String?
    var asJSON = false
    var reader = ArgumentReader(arguments)
    do {
      while let argument = reader.next() {
        switch argument {
        case "--gateway": gateway = try reader.value(for: argument)
        case "--json": asJSON = true
        default: throw UsageError(message: "unknown argument '\(argument)'")
        }
      }
      guard let gateway else { throw UsageError(message: "--gateway is required") }
      let endpoint = try GatewayAddress.parse(gateway)
      let client: GatewayClient
      do {
        client = try await GatewayAddress.connect(endpoint, name: "parley-status")
      } catch {
        printError("error: cannot reach the gateway at \(endpoint): \(error)")
        return ExitStatus.failure
      }
      do {
        let status = try await client.status()
        print(asJSON ? Self.json(status) : Self.render(status))
        await client.close()
        return ExitStatus.success
      } catch {
        printError("error: \(error)")
        await client.close()
        return ExitStatus.failure
      }
    } catch let error as UsageError {
      printError("error: \(error.message)\n\n\(help)")
      return ExitStatus.usage
    } catch {
      printError("error: \(error)")
      return ExitStatus.failure
    }
  }

  static func json(_ status: GatewayStatus) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return (try? String(decoding: encoder.encode(status), as: UTF8.self)) ?? "{}"
  }

  static func milliseconds(_ micros: Int64?) -> String {
    guard let micros else { return "-" }
    let hundredths = micros / 10
    return "\(hundredths / 100).\(String(format: "%02d", Int(hundredths % 100)))ms"
  }

  static func render(_ status: GatewayStatus) -> String {
    let formatter = ISO8601DateFormatter()
    var lines: [String] = []
    lines.append(
      "gateway \(status.gateway) on \(status.endpoints.joined(separator: ", ")), up since \(formatter.string(from: status.startedAt))"
    )
    lines.append(
      "connections \(status.connections), calls in flight \(status.callsInFlight), subscriptions \(status.subscriptions), dropped replies \(status.forgedReplies), undeliverable \(status.undeliverable)"
        + (status.droppedEvents.map { ", events dropped for slow subscribers \($0)" } ?? "")
    )
    if status.services.isEmpty { lines.append("no services registered") }
    for service in status.services {
      lines.append("")
      lines.append("\(service.service)")
      if service.instances.isEmpty { lines.append("  (no live instance)") }
      for instance in service.instances {
        lines.append(
          "  instance \(instance.instance)  \(instance.contract) v\(instance.version) (accepts v\(instance.minVersion)...v\(instance.version))  pid \(instance.pid.map(String.init) ?? "?")"
        )
        lines.append(
          "    connected \(formatter.string(from: instance.connectedAt)), last heard \(instance.lastHeardMsAgo) ms ago, routed \(instance.routed), errors \(instance.errors), in flight \(instance.inFlight)"
        )
        if let ejectedForMs = instance.ejectedForMs {
          lines.append("    EJECTED for failing repeatedly: probed again in \(ejectedForMs) ms")
        }
        if let ejections = instance.ejections, ejections > 0 {
          lines.append("    ejections so far: \(ejections)")
        }
        lines.append("    methods: \(instance.methods.joined(separator: ", "))")
        if !instance.events.isEmpty { lines.append("    events: \(instance.events.joined(separator: ", "))") }
      }
      for method in service.methods {
        let latency = method.latency
        lines.append(
          "  \(method.method): \(method.calls) calls, \(method.errors) errors, \(method.cancelled) cancelled\(method.retried.map { ", \($0) retried on another instance" } ?? ""); latency mean \(milliseconds(latency.meanMicros)), p50 \(milliseconds(latency.quantileMicros(0.5))), p99 \(milliseconds(latency.quantileMicros(0.99))), max \(milliseconds(latency.total > 0 ? latency.maxMicros : nil))"
        )
      }
    }
    return lines.joined(separator: "\n")
  }
}
