import Parley
import Testing

extension RuntimeSocketSuites {
  /// The client's call table and deadline timer seen from the API: many calls in flight at once,
  /// short deadlines behind a long one, the in-flight limit, and close with calls pending.
  @Suite(.serialized) struct CallTableTests {
    @Test func manyCallsInFlightEachGetTheirOwnReply() async throws {
      let harness = try await Harness.make(.inProcess)
      let connection = harness.connection
      // A long-running call holds its slot while hundreds of newer ids wrap around the table.
      let long = Task { try await connection.echo("sleep", "{}", timeout: .seconds(30)) }
      #expect(await eventually { connection.statistics.pendingCalls == 1 })
      for round in 0..<3 {
        try await withThrowingTaskGroup(of: Void.self) { group in
          for index in 0..<300 {
            group.addTask {
              let payload = #"{"n":\#(round * 1000 + index)}"#
              let reply = try await connection.echo(payload)
              #expect(reply == payload)
            }
          }
          try await group.waitForAll()
        }
      }
      #expect(connection.statistics.pendingCalls == 1)
      long.cancel()
      await expectParleyError(.cancelled) { _ = try await long.value }
      #expect(await eventually { connection.statistics.pendingCalls == 0 })
      await harness.tearDown()
    }

    /// A call whose deadline comes before the earliest one already waiting still times out (and
    /// sends `cancel`), also after the timer has fired (the client remembers the timer it set).
    /// The peer completes the handshake and then never answers, and there is no heartbeat: the
    /// only timers are the calls' own, so a short call that failed to set one would wait for the
    /// long call's deadline and end after it.
    @Test func shorterDeadlinesBehindALongOneStillExpire() async throws {
      let (connection, silent) = try await RawPeer.connectedClient()

      let longDone = Flag()
      let long = Task {
        defer { longDone.set() }
        return try await connection.echo("sleep", "{}", timeout: .seconds(20))
      }
      #expect(await eventually { connection.statistics.pendingCalls == 1 })
      var expired: [UInt64] = []
      for _ in 0..<3 {
        let error = await expectParleyError(.timeout) {
          _ = try await connection.echo("sleep", "{}", timeout: .milliseconds(50))
        }
        #expect(error?.method == "sleep" && error?.mayHaveRun == true)
        #expect(!longDone.isSet)
        if let id = error?.callID { expired.append(id) }
      }
      // Two at once, the later deadline added first.
      async let first: Void = expectTimeout(connection, .milliseconds(80))
      async let second: Void = expectTimeout(connection, .milliseconds(40))
      _ = await (first, second)
      #expect(!longDone.isSet)
      #expect(connection.statistics.pendingCalls == 1)
      // Each expired call was cancelled at the peer.
      #expect(expired.count == 3)
      #expect(
        await eventually {
          let cancelled = Set(silent.received.filter { $0.kind == .cancel }.compactMap(\.id))
          return cancelled.isSuperset(of: expired) && cancelled.count >= 5
        })
      long.cancel()
      await expectParleyError(.cancelled) { _ = try await long.value }
      #expect(connection.statistics.pendingCalls == 0)
      await connection.close()
    }

    @Test func theInFlightLimitRefusesAndFreesSlots() async throws {
      var client = ClientConfiguration()
      client.maxInFlight = 3
      let harness = try await Harness.make(.inProcess, client: client)
      let connection = harness.connection
      let sleepers = (0..<3).map { _ in
        Task { try await connection.echo("sleep", "{}", timeout: .seconds(30)) }
      }
      #expect(await eventually { connection.statistics.pendingCalls == 3 })
      let refused = await expectParleyError(.overloaded) { _ = try await connection.echo("{}") }
      #expect(refused?.mayHaveRun == false && refused?.method == "echo")
      for sleeper in sleepers { sleeper.cancel() }
      for sleeper in sleepers {
        // Errors resumed from the I/O thread are located by the waiting caller.
        let error = await expectParleyError(.cancelled) { _ = try await sleeper.value }
        #expect(error?.service == "Echo" && error?.method == "sleep" && error?.callID != nil)
      }
      #expect(await eventually { connection.statistics.pendingCalls == 0 })
      #expect(try await connection.echo(#"{"again":true}"#) == #"{"again":true}"#)
      await harness.tearDown()
    }

    @Test func closingFailsEveryPendingCall() async throws {
      let harness = try await Harness.make(.inProcess)
      let connection = harness.connection
      let sleepers = (0..<40).map { _ in
        Task { try await connection.echo("sleep", "{}", timeout: .seconds(30)) }
      }
      #expect(await eventually { connection.statistics.pendingCalls == 40 })
      await connection.close()
      for sleeper in sleepers {
        let error = await expectParleyError(.connectionLost) { _ = try await sleeper.value }
        #expect(error?.service == "Echo" && error?.method == "sleep" && error?.callID != nil)
      }
      #expect(connection.statistics.pendingCalls == 0)
      await harness.tearDown()
    }

    private func expectTimeout(_ connection: ClientConnection, _ timeout: Duration) async {
      await expectParleyError(.timeout) { _ = try await connection.echo("sleep", "{}", timeout: timeout) }
    }
  }
}
