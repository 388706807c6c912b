import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A server on a Unix socket in a fresh private temporary directory, for tests (the project's
/// and users'). ``start(_:configuration:)`` returns once the server accepts connections;
/// ``stop()`` stops it and removes the directory.
///
/// ```swift
/// let fixture = try await TestServer.start([orders])
/// let connection = try await fixture.connect()
/// // … calls …
/// await connection.close()
/// await fixture.stop()
/// ```
public final class TestServer: Sendable {
  /// The running server.
  public let server: ParleyServer
  /// The socket endpoint.
  public let endpoint: Endpoint
  /// The private temporary directory holding the socket (removed by ``stop()``).
  public let directory: String

  private init(server: ParleyServer, endpoint: Endpoint, directory: String) {
    self.server = server
    self.endpoint = endpoint
    self.directory = directory
  }

  /// Creates a fresh private (0700) temporary directory and returns its path.
  /// - Throws: ``ParleyError`` if it cannot be created.
  public static func makeTemporaryDirectory(prefix: String = "parley") throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    guard made != nil else {
      throw ParleyError(.internal, "cannot create a temporary directory: \(Sys.describe(Sys.errno))")
    }
    let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    _ = chmod(path, 0o700)
    return path
  }

  /// Starts a server with `services` on `<fresh temp dir>/server.sock`.
  /// - Throws: ``ParleyError`` if the server cannot start.
  public static func start(
    _ services: [ServiceRegistration], configuration: ServerConfiguration = ServerConfiguration()
  ) async throws -> TestServer {
    let directory = try makeTemporaryDirectory()
    let server = ParleyServer(configuration: configuration)
    for service in services { server.register(service) }
    let endpoint = Endpoint.unix(path: directory + "/server.sock")
    do {
      try await server.start(on: endpoint)
    } catch {
      removeTree(directory)
      throw error
    }
    return TestServer(server: server, endpoint: endpoint, directory: directory)
  }

  /// Connects a client to the server.
  /// - Throws: ``ParleyError`` as ``ClientConnection/connect(to:configuration:)``.
  public func connect(configuration: ClientConfiguration = ClientConfiguration()) async throws
    -> ClientConnection
  {
    try await ClientConnection.connect(to: endpoint, configuration: configuration)
  }

  /// Stops the server (with `grace`) and removes the temporary directory.
  public func stop(grace: Duration = .seconds(1)) async {
    await server.stop(grace: grace)
    Self.removeTree(directory)
  }

  /// Removes a directory tree created for a test.
  public static func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The number of open file descriptors of this process (Linux: entries of `/proc/self/fd`),
  /// or `nil` where that cannot be counted.
  public static func openFileDescriptorCount() -> Int? {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else {
      return nil
    }
    return entries.count - 1  // the directory handle used for listing
  }
}
