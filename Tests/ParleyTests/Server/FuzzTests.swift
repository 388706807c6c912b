import Foundation
import Parley
import Synchronization
import Testing

/// Seeded fuzzing of a live server: at least 100,000 mutated frames while a well-behaved client
extension RuntimeSocketSuites {
  /// keeps getting correct answers.
  @Suite(.serialized) struct FuzzTests {
    static let corpus: [String] = [
      #"{"v":1,"kind":"call","id":1,"contract":"test.echo","cv":1,"service":"Echo","method":"echo","timeoutMs":2000,"ctx":{"root":"c0ffee42","chain":["a","Echo"],"depth":2},"payload":{"id":"ord_42","n":[1,2.5,true,null]}}"#,
      #"{"v":1,"kind":"call","id":2,"contract":"test.echo","cv":1,"service":"Echo","method":"fail","payload":{}}"#,
      #"{"v":1,"kind":"call","id":3,"contract":"test.echo","cv":1,"service":"Echo","method":"crash"}"#,
      #"{"v":1,"kind":"call","id":4,"contract":"test.echo","cv":1,"service":"Nope","method":"echo","payload":"x"}"#,
      #"{"v":1,"kind":"call","id":5,"contract":"test.echo","cv":7,"service":"Echo","method":"context","payload":[]}"#,
      #"{"v":1,"kind":"oneway","contract":"test.echo","cv":1,"service":"Echo","method":"echo","payload":{}}"#,
      #"{"v":1,"kind":"cancel","id":1}"#,
      #"{"v":1,"kind":"ping","id":9}"#,
      #"{"v":1,"kind":"pong","id":9}"#,
      #"{"v":1,"kind":"reply","id":1,"ok":true,"payload":{}}"#,
      #"{"v":1,"kind":"reply","id":1,"ok":false,"error":{"code":"APPLICATION","app":1,"name":"X","message":"m"}}"#,
      #"{"v":1,"kind":"subscribe","id":11,"service":"Echo","method":"changed"}"#,
      #"{"v":1,"kind":"event","service":"Echo","method":"changed","payload":{"a":"\u00e9\ud83d\ude00"}}"#,
      #"{"v":1,"kind":"streamItem","id":12,"payload":1}"#,
      #"{"v":1,"kind":"warp","id":13}"#,
      #"{"v":1,"kind":"hello","codecs":["json"],"contracts":[]}"#,
    ]

    static let tokens: [String] = [
      "null", "-1", "0", "18446744073709551616", "-9223372036854775809", "1e999", "1.5", "\"\"", "{}", "[]",
      "true",
      "\"x\"", "\"9\"", "\"\\ud800\"", String(repeating: "[", count: 80) + String(repeating: "]", count: 80),
      "\"" + String(repeating: "é", count: 300) + "\"", "{\"a\":{\"b\":{\"c\":[1,{}]}}}",
    ]

    static let kinds = [
      "call", "reply", "oneway", "cancel", "ping", "pong", "goaway", "hello", "welcome", "", "CALL",
    ]

    /// One mutated envelope body.
    static func mutate(_ source: String, _ random: inout RuntimeRandom) -> [UInt8] {
      var bytes = Array(source.utf8)
      let operations = 1 + Int(random.next() % 3)
      for _ in 0..<operations {
        guard !bytes.isEmpty else { break }
        let position = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 10 {
        case 0:  // flip a byte
          bytes[position] = UInt8(truncatingIfNeeded: random.next())
        case 1:  // delete a range
          let end = min(bytes.count, position + 1 + Int(random.next() % 8))
          bytes.removeSubrange(position..<end)
        case 2:  // insert a token anywhere
          let token = tokens[Int(random.next() % UInt64(tokens.count))]
          bytes.insert(contentsOf: Array(token.utf8), at: position)
        case 3:  // truncate
          bytes.removeSubrange(position...)
        case 4, 5, 6:  // replace a member value with another token (keeps the JSON mostly valid)
          let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
          guard let colon = colons.isEmpty ? nil : colons[Int(random.next() % UInt64(colons.count))] else {
            break
          }
          var end = colon + 1
          var depth = 0
          var inString = false
          while end < bytes.count {
            let byte = bytes[end]
            if inString {
              if byte == UInt8(ascii: "\\") {
                end += 1
              } else if byte == UInt8(ascii: "\"") {
                inString = false
              }
            } else if byte == UInt8(ascii: "\"") {
              inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
              depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
              if depth == 0 { break }
              depth -= 1
            } else if byte == UInt8(ascii: ","), depth == 0 {
              break
            }
            end += 1
          }
          let token = tokens[Int(random.next() % UInt64(tokens.count))]
          bytes.replaceSubrange((colon + 1)..<min(end, bytes.count), with: Array(token.utf8))
        case 7:  // change the kind
          let kind = kinds[Int(random.next() % UInt64(kinds.count))]
          let text = String(decoding: bytes, as: UTF8.self)
          if let range = text.range(of: #""kind":"[a-zA-Z]*""#, options: .regularExpression) {
            bytes = Array(text.replacingCharacters(in: range, with: "\"kind\":\"\(kind)\"").utf8)
          }
        case 8:  // change the id
          let text = String(decoding: bytes, as: UTF8.self)
          if let range = text.range(of: #""id":[0-9]+"#, options: .regularExpression) {
            bytes = Array(text.replacingCharacters(in: range, with: "\"id\":\(random.next() % 4)").utf8)
          }
        default:  // duplicate a slice
          let end = min(bytes.count, position + Int(random.next() % 16))
          bytes.insert(contentsOf: bytes[position..<end], at: end)
        }
      }
      return bytes
    }

    struct FuzzStatistics: Sendable {
      var frames = 0
      var connections = 0
    }

    /// Throws `target` mutated frames at the server at `path`, reconnecting whenever it closes.
    static func fuzz(path: String, seed: UInt64, target: Int) -> FuzzStatistics {
      var random = RuntimeRandom(seed: seed)
      var statistics = FuzzStatistics()
      var failures = 0
      while statistics.frames < target && failures < 100 {
        guard let raw = try? RawClient(path: path), (try? raw.handshakeSync(name: "fuzzer")) != nil else {
          failures += 1
          continue
        }
        statistics.connections += 1
        var alive = true
        while alive && statistics.frames < target {
          var batch: [UInt8] = []
          for _ in 0..<64 {
            let source = corpus[Int(random.next() % UInt64(corpus.count))]
            var frame = FrameEncoder.frame(mutate(source, &random))
            if random.next() % 100 == 0 {  // a lying length prefix now and then
              let length = UInt32(truncatingIfNeeded: random.next() >> UInt64(random.next() % 32))
              frame[0] = UInt8(truncatingIfNeeded: length >> 24)
              frame[1] = UInt8(truncatingIfNeeded: length >> 16)
              frame[2] = UInt8(truncatingIfNeeded: length >> 8)
              frame[3] = UInt8(truncatingIfNeeded: length)
            }
            batch.append(contentsOf: frame)
            statistics.frames += 1
          }
          alive = raw.send(batch) && raw.drainAvailable()
        }
        raw.closeSocket()
      }
      return statistics
    }

    @Test func hundredThousandMutatedFramesWhileAGoodClientWorks() async throws {
      await warmUpRuntime()
      let fixture = try await TestServer.start([echoService()])
      let good = try await fixture.connect()
      guard case .unix(let path) = fixture.endpoint else { return }

      final class Box: Sendable { let value = Mutex<FuzzStatistics?>(nil) }
      let box = Box()
      let thread = Thread {
        let statistics = FuzzTests.fuzz(path: path, seed: 0x5EED_F00D, target: 100_000)
        box.value.withLock { $0 = statistics }
      }
      thread.start()
      var goodCalls = 0
      while box.value.withLock({ $0 }) == nil {
        let payload = #"{"n":\#(goodCalls),"s":"ok"}"#
        let reply = try await good.echo(payload)
        #expect(reply == payload)
        goodCalls += 1
      }
      let statistics = try #require(box.value.withLock { $0 })
      #expect(statistics.frames >= 100_000)
      #expect(goodCalls > 0)
      #expect(try await good.echo(#"{"after":"fuzz"}"#) == #"{"after":"fuzz"}"#)
      #expect(await eventually { fixture.server.connectionCount == 1 })
      #expect(good.statistics.pendingCalls == 0)
      #expect(good.statistics.unmatchedReplies == 0)
      await good.close()
      await fixture.stop(grace: .milliseconds(100))
      #expect(await eventually { OpenSockets.descriptors(matching: fixture.directory).isEmpty })
    }
  }
}
