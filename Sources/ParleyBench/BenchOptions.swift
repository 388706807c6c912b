import Parley

/// The command-line options of a benchmark run (`parley-bench [OPTIONS]`).
///
/// Bad input (an unknown flag, a missing or malformed value, an unknown scenario) is a
/// ``BenchError`` naming the problem, never a crash or a silently ignored flag.
struct BenchOptions: Sendable {
  /// Where to write the results as JSON.
  var jsonPath: String?
  /// The scenarios to run, in catalogue order; all of them by default.
  var scenarios: [BenchScenario] = BenchScenario.allCases
  /// A short smoke run: short windows and small counts (numbers are not comparable to a full run).
  var quick = false
  /// Seconds of calls before each measured window (not counted).
  var warmup = 1.0
  /// Seconds of each measured window.
  var duration = 3.0
  /// Run direct servers inside the benchmark's process instead of a child process.
  var sameProcess = false
  /// Where the direct servers run their handlers (`ServerConfiguration.handlerExecution`):
  /// `--inline-handlers` starts them on the I/O thread, `--loop-handlers` runs them with the I/O
  /// thread as their task executor.
  var handlers: HandlerExecution = .pool
  /// Run the benchmark's callers with their connection's I/O thread as task executor
  /// (`ClientConnection.executor`, `--loop-callers`): calls without thread hops in the client.
  var loopCallers = false
  /// The commit measured, recorded in the JSON; by default `git rev-parse HEAD` of the current
  /// directory (give it when running from an exported tree).
  var commit: String?
  /// Print the scenarios and exit.
  var listOnly = false
  /// Print the usage and exit.
  var helpOnly = false

  static let usage = """
    usage: parley-bench [--scenario NAME[,NAME…]] [--quick] [--json PATH] [--warmup S] [--duration S]
                        [--same-process] [--inline-handlers | --loop-handlers] [--loop-callers]
                        [--loop] [--commit SHA] [--list]
           parley-bench compare A.json B.json
           parley-bench serve (--unix PATH | --tcp HOST:PORT) [--inline-handlers | --loop-handlers]
           parley-bench serve-gateway (--unix PATH | --tcp HOST:PORT)
           parley-bench serve-linked --hub ENDPOINT [--inline-handlers | --loop-handlers]
    """

  /// Parses the arguments after the executable's name.
  /// - Throws: ``BenchError`` for an unknown flag, a missing or malformed value, an unknown scenario.
  init(_ arguments: [String]) throws {
    var warmupGiven: Double?
    var durationGiven: Double?
    var index = 0
    func value() throws -> String {
      let flag = arguments[index]
      index += 1
      guard index < arguments.count, !arguments[index].hasPrefix("--") else {
        throw BenchError("\(flag) needs a value")
      }
      return arguments[index]
    }
    func seconds() throws -> Double {
      let flag = arguments[index]
      let text = try value()
      guard let number = Double(text), number.isFinite, number >= 0 else {
        throw BenchError("\(flag) needs a number of seconds ≥ 0, not '\(text)'")
      }
      return number
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--json": jsonPath = try value()
      case "--scenario", "--scenarios": scenarios = try BenchScenario.parseList(value())
      case "--quick": quick = true
      case "--warmup": warmupGiven = try seconds()
      case "--duration":
        let number = try seconds()
        guard number > 0 else { throw BenchError("--duration must be more than 0 seconds") }
        durationGiven = number
      case "--same-process": sameProcess = true
      case "--inline-handlers": handlers = .startOnIOThread
      case "--loop-handlers": handlers = .ioThread
      case "--loop-callers": loopCallers = true
      case "--loop":
        handlers = .ioThread
        loopCallers = true
      case "--commit": commit = try value()
      case "--list": listOnly = true
      case "-h", "--help": helpOnly = true
      default: throw BenchError("unknown option '\(arguments[index])'\n\(Self.usage)")
      }
      index += 1
    }
    if quick {
      warmup = 0.2
      duration = 0.5
    }
    if let warmupGiven { warmup = warmupGiven }
    if let durationGiven { duration = durationGiven }
  }

  /// The flag that asks a serving child process for ``handlers`` (none for the pool).
  var handlersFlag: [String] {
    switch handlers {
    case .pool: return []
    case .startOnIOThread: return ["--inline-handlers"]
    case .ioThread: return ["--loop-handlers"]
    }
  }

  /// How the report names ``handlers``.
  var handlersLabel: String {
    switch handlers {
    case .pool: return "pool"
    case .startOnIOThread: return "started on the I/O thread"
    case .ioThread: return "I/O thread executor"
    }
  }

  /// The measured window of call scenarios.
  var window: LoadWindow { LoadWindow(warmup: warmup, duration: duration) }
}
