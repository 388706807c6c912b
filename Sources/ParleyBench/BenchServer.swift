import Foundation
import Parley

/// `parley-bench serve`: serves the bench service on one endpoint, prints `ready <endpoint>` on
/// stdout once accepting, and exits when stdin closes (so it never outlives its parent).
enum BenchServer {
  static func run(_ arguments: [String]) async {
    var arguments = arguments
    let inline = arguments.contains("--inline-handlers")
    arguments.removeAll { $0 == "--inline-handlers" }
    guard arguments.count == 2 else { usage() }
    let endpoint: Endpoint
    switch arguments[0] {
    case "--unix": endpoint = .unix(path: arguments[1])
    case "--tcp":
      guard let colon = arguments[1].lastIndex(of: ":"),
        let port = Int(arguments[1][arguments[1].index(after: colon)...])
      else { usage() }
      endpoint = .tcp(host: String(arguments[1][..<colon]), port: port)
    default: usage()
    }
    var configuration = ServerConfiguration()
    configuration.name = "parley-bench"
    configuration.maxInFlightPerConnection = 4096
    configuration.startsHandlersOnIOThread = inline
    let server = ParleyServer(configuration: configuration)
    server.register(BenchService.registration())
    do {
      let bound = try await server.start(on: endpoint)
      FileHandle.standardOutput.write(Data("ready \(bound)\n".utf8))
    } catch {
      FileHandle.standardError.write(Data("parley-bench serve: \(error)\n".utf8))
      exit(1)
    }
    // Exit when the parent goes away (stdin reaches end of file).
    let thread = Thread {
      _ = FileHandle.standardInput.readDataToEndOfFile()
      exit(0)
    }
    thread.start()
    while true { try? await Task.sleep(for: .seconds(3600)) }
  }

  static func usage() -> Never {
    FileHandle.standardError.write(
      Data("usage: parley-bench serve (--unix PATH | --tcp HOST:PORT) [--inline-handlers]\n".utf8))
    exit(2)
  }
}
