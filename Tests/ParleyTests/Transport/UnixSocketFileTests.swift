import Foundation
import Parley
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Local security of socket files: private directory, modes, stale cleanup, and never touching
extension RuntimeSocketSuites {
  /// what is not ours.
  @Suite(.serialized) struct UnixSocketFileTests {
    private func startError(_ path: String, _ configure: (inout ServerConfiguration) -> Void = { _ in }) async
      -> ParleyError?
    {
      var configuration = ServerConfiguration()
      configure(&configuration)
      let server = ParleyServer(configuration: configuration)
      do {
        try await server.start(on: .unix(path: path))
        await server.stop()
        return nil
      } catch let error as ParleyError {
        return error
      } catch {
        return nil
      }
    }

    private func mode(_ path: String) -> UInt32 {
      var info = stat()
      _ = stat(path, &info)
      return UInt32(info.st_mode) & 0o777
    }

    @Test func refusesARegularFileADirectoryAndASymlink() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let file = directory + "/file.sock"
      _ = FileManager.default.createFile(atPath: file, contents: Data("keep me".utf8))
      let fileError = await startError(file)
      #expect(fileError?.message.contains("is a regular file") == true)
      #expect(fileError?.message.contains(file) == true)
      #expect(FileManager.default.fileExists(atPath: file))

      let subdirectory = directory + "/dir.sock"
      try FileManager.default.createDirectory(atPath: subdirectory, withIntermediateDirectories: false)
      #expect(await startError(subdirectory)?.message.contains("is a directory") == true)
      #expect(FileManager.default.fileExists(atPath: subdirectory))

      let link = directory + "/link.sock"
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
      #expect(await startError(link)?.message.contains("symbolic link") == true)
      #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == file)
    }

    @Test func refusesAPathTooLongForASocketAddress() async throws {
      let directory = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(directory) }
      let path = directory + "/" + String(repeating: "x", count: 120) + ".sock"
      let error = await startError(path)
      #expect(error?.message.contains("limited to") == true)
      #expect(!FileManager.default.fileExists(atPath: path))
      await expectParleyError(.notConnected) { _ = try await ClientConnection.connect(to: .unix(path: path)) }
    }

    @Test func neverTakesALiveServersSocketButCleansAStaleOne() async throws {
      let first = try await TestServer.start([echoService()])
      guard case .unix(let path) = first.endpoint else { return }
      let error = await startError(path)
      #expect(error?.message.contains("already listening") == true)
      let connection = try await first.connect()
      #expect(try await connection.echo("{}") == "{}")
      await connection.close()
      await first.server.stop()

      // A stale socket: bound, then its owner vanished without unlinking it.
      let stale = unixStreamSocket()
      var address = sockaddr_un()
      address.sun_family = sa_family_t(AF_UNIX)
      withUnsafeMutableBytes(of: &address.sun_path) { raw in
        for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
      }
      let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
      }
      #expect(bound == 0)
      close(stale)
      #expect(FileManager.default.fileExists(atPath: path))
      let second = ParleyServer()
      second.register(echoService())
      try await second.start(on: .unix(path: path))
      let again = try await ClientConnection.connect(to: .unix(path: path))
      #expect(try await again.echo("{}") == "{}")
      await again.close()
      await second.stop()
      TestServer.removeTree(first.directory)
    }

    @Test func socketModeDirectoryModeAndOwnRemovalOnly() async throws {
      let base = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(base) }
      let path = base + "/run/parley/s.sock"
      var configuration = ServerConfiguration()
      configuration.socketFileMode = 0o660
      let server = ParleyServer(configuration: configuration)
      try await server.start(on: .unix(path: path))
      #expect(mode(base + "/run/parley") == 0o700)
      #expect(mode(path) == 0o660)
      // Someone replaces the socket file: stop must not remove what it did not create.
      unlink(path)
      _ = FileManager.default.createFile(atPath: path, contents: Data())
      await server.stop()
      #expect(FileManager.default.fileExists(atPath: path))

      let fresh = ParleyServer()
      let freshPath = base + "/fresh.sock"
      try await fresh.start(on: .unix(path: freshPath))
      #expect(mode(freshPath) == 0o600)
      await fresh.stop()
      #expect(!FileManager.default.fileExists(atPath: freshPath))
    }

    @Test func refusesAnOpenDirectory() async throws {
      let base = try TestServer.makeTemporaryDirectory()
      defer { TestServer.removeTree(base) }
      chmod(base, 0o777)
      let error = await startError(base + "/s.sock")
      #expect(error?.message.contains("writable by group or others") == true)
      #expect(await startError(base + "/s.sock") { $0.requiresPrivateSocketDirectory = false } == nil)
    }
  }
}

extension RuntimeSocketSuites {
  /// TCP: port 0, loopback by default, shared secret beyond loopback.
  @Suite(.serialized) struct TCPTests {
    @Test func portZeroReportsTheBoundPort() async throws {
      let server = ParleyServer()
      server.register(echoService())
      let bound = try await server.start(on: .tcp(host: "127.0.0.1", port: 0))
      guard case .tcp(let host, let port) = bound else { return }
      #expect(host == "127.0.0.1" && port > 0)
      #expect(server.boundEndpoints == [bound])
      let connection = try await ClientConnection.connect(to: bound)
      #expect(try await connection.echo("[1,2]") == "[1,2]")
      await connection.close()
      await server.stop()
    }

    @Test func beyondLoopbackRequiresASharedSecret() async throws {
      let open = ParleyServer()
      await expectParleyError(.permissionDenied) { try await open.start(on: .tcp(host: "0.0.0.0", port: 0)) }

      var configuration = ServerConfiguration()
      configuration.sharedSecret = "s3cret-s3cret-s3cret"
      let server = ParleyServer(configuration: configuration)
      server.register(echoService())
      guard case .tcp(_, let port) = try await server.start(on: .tcp(host: "0.0.0.0", port: 0)) else {
        return
      }
      let error = await expectParleyError(.unauthenticated) {
        _ = try await ClientConnection.connect(to: .tcp(host: "127.0.0.1", port: port))
      }
      #expect(error?.mayHaveRun == false)
      var client = ClientConfiguration()
      client.token = "s3cret-s3cret-s3cret"
      let connection = try await ClientConnection.connect(
        to: .tcp(host: "127.0.0.1", port: port), configuration: client)
      #expect(try await connection.echo("{}") == "{}")
      await connection.close()
      await server.stop()
    }

    @Test func connectingToNothingIsAClearError() async throws {
      let error = await expectParleyError(.notConnected) {
        _ = try await ClientConnection.connect(to: .unix(path: "/tmp/parley-does-not-exist-\(getpid()).sock"))
      }
      #expect(error?.message.contains("no socket file") == true)
    }
  }
}
