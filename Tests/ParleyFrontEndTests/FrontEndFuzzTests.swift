import Foundation
import ParleyFrontEnd
import Testing

/// Feeds random and mutated contracts through the whole front end: it must never crash or hang,
/// and every diagnostic must point into the file it came from.
@Suite("Front end fuzzing")
struct FrontEndFuzzTests {
  /// Small pieces of real contracts: whole lines and tokens to mutate.
  static let corpusLines: [String] = {
    var lines: [String] = []
    let fixtures = GoldenDiagnosticsTests.directory.path
    let fixturePaths = (FileManager.default.enumerator(atPath: fixtures)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".ipc") }.sorted().map { fixtures + "/" + $0 }
    for path in TestSupport.exampleContractPaths() + fixturePaths {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
      lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
    return lines
  }()

  static let fragments: [String] = [
    "contract a.b version 1\n", "struct S {", "}", "{", "1 a: Int32", "2 b: [String: S]", "enum E {",
    "union U {",
    "error X code 7 {", "service Svc {", "rpc m(S) -> S throws X", "stream s(S) -> S", "event e(S)",
    "oneway o(S)",
    "type T = String", "@range(1...2)", "@pattern(\"(\")", "@since(9)", "@timeout(2s)", "= .a", "= [:]",
    "= []",
    "reserved 1, 2...3, \"x\"", "import \"a.ipc\"", "import \"b.ipc\"", "///doc\n", "/* c */", "//", "\"",
    "\\",
    "?", "??", "[", "]", "(", ")", "->", "...", "..<", "-", "0", "536870912", "99999999999999999999999",
    "1e400",
    "@", ".", ",", ":", "=", "\u{0}", "é", "\u{1F600}",
  ]

  /// Two fixed seeds of 50,000 inputs each: 100,000 in all, the halves run in parallel, each on
  /// a thread of its own (see ``onDedicatedThread(_:)``) so that they never occupy the small
  /// cooperative thread pool the socket tests of other targets need.
  static let seeds: [UInt64] = [0x5EED_CAFE, 0xF00D_BEEF]

  @Test("100,000 random and mutated inputs never crash (two seeded halves)", arguments: seeds)
  func fuzz(seed: UInt64) async {
    #expect(Self.corpusLines.count > 100, "the example contracts are the fuzz corpus")
    let iterations = 50_000
    let (checked, problems) = await onDedicatedThread { Self.fuzzHalf(seed: seed, iterations: iterations) }
    #expect(problems.isEmpty, "\(problems.prefix(20))")
    #expect(checked == iterations)
  }

  /// Loads `iterations` generated inputs; returns how many were checked and every problem found.
  static func fuzzHalf(seed: UInt64, iterations: Int) -> (checked: Int, problems: [String]) {
    var random = SplitMix64(seed: seed)
    var problems: [String] = []
    var checked = 0
    for iteration in 0..<iterations {
      var text = input(&random, iteration: iteration)
      if random.oneIn(200) { text = deeplyNested(text, &random) }
      var files: [String: [UInt8]] = ["a.ipc": Array(text.utf8)]
      if random.oneIn(8) { files["b.ipc"] = Array(input(&random, iteration: iteration).utf8) }
      if random.oneIn(50) { files["a.ipc"] = randomBytes(&random) }
      let fileSystem = InMemoryFileSystem(bytes: files)
      let result = FrontEnd.load(paths: ["a.ipc"], fileSystem: fileSystem)
      for diagnostic in result.diagnostics {
        if diagnostic.location.line < 1 || diagnostic.location.column < 1
          || files[diagnostic.location.path] == nil
        {
          problems.append("bad location \(diagnostic)")
        }
      }
      if iteration % 1000 == 0 {
        let again = FrontEnd.load(paths: ["a.ipc"], fileSystem: fileSystem)
        if again.diagnostics != result.diagnostics || again.contracts != result.contracts {
          problems.append("not deterministic on iteration \(iteration): \(text)")
        }
      }
      checked += 1
    }
    return (checked, problems)
  }

  @Test(
    "deep nesting is reported, not a stack overflow", arguments: ["[", "[[:", "(", "{", "?", "@", "/*", "-"])
  func deepNesting(_ unit: String) {
    let depth = 100_000
    let text = "contract a.b version 1\nstruct S {\n  1 f: " + String(repeating: unit, count: depth) + "\n}\n"
    let result = TestSupport.load(text)
    #expect(result.hasErrors)
    #expect(result.diagnostics.count < 10)
  }

  // MARK: Input generation

  static func input(_ random: inout SplitMix64, iteration: Int) -> String {
    switch iteration % 5 {
    case 0: return mutatedLines(&random)
    case 1: return fragmentSoup(&random)
    case 2: return truncatedExample(&random)
    case 3: return mutatedWords(&random)
    default: return mutatedTokens(&random)
    }
  }

  /// Real tokens of a few corpus lines (lexed), some deleted, duplicated, swapped or replaced,
  /// written back with their line structure.
  static func mutatedTokens(_ random: inout SplitMix64) -> String {
    guard !corpusLines.isEmpty else { return "" }
    let start = random.below(corpusLines.count)
    let window = corpusLines[start..<min(corpusLines.count, start + 6)].joined(separator: "\n")
    var tokens = Lexer.lex(SourceFile(path: "w.ipc", text: window)).tokens.filter { $0.kind != .endOfFile }
    for _ in 0..<(1 + random.below(3)) {
      guard !tokens.isEmpty else { break }
      let index = random.below(tokens.count)
      switch random.below(4) {
      case 0: tokens.remove(at: index)
      case 1: tokens.insert(tokens[index], at: index)
      case 2: tokens.swapAt(index, random.below(tokens.count))
      default:
        tokens[index].text = fragments[random.below(fragments.count)]
        tokens[index].kind = .identifier
      }
    }
    var text = "contract t.k version 2\n"
    for token in tokens {
      text += token.isAtLineStart ? "\n" : " "
      text += token.kind == .string ? "\"" + token.text + "\"" : token.text
    }
    return text
  }

  /// `text` with a long run of one opening character inserted somewhere.
  static func deeplyNested(_ text: String, _ random: inout SplitMix64) -> String {
    let openers = ["[", "{", "(", "[String: ", "?", "@a(", "/*"]
    let run = String(repeating: openers[random.below(openers.count)], count: 100 + random.below(2000))
    let bytes = Array(text.utf8)
    let cut = random.below(bytes.count + 1)
    return String(decoding: bytes[..<cut], as: UTF8.self) + run
      + String(decoding: bytes[cut...], as: UTF8.self)
  }

  /// A header plus a handful of consecutive corpus lines, some deleted, duplicated or swapped.
  static func mutatedLines(_ random: inout SplitMix64) -> String {
    guard !corpusLines.isEmpty else { return "" }
    let start = random.below(corpusLines.count)
    var lines = Array(corpusLines[start..<min(corpusLines.count, start + 1 + random.below(8))])
    for _ in 0..<random.below(3) {
      guard !lines.isEmpty else { break }
      let index = random.below(lines.count)
      switch random.below(3) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[index], at: index)
      default: lines.swapAt(index, random.below(lines.count))
      }
    }
    let header = random.oneIn(4) ? "" : "contract fuzz.test version \(random.below(5))\n"
    return header + lines.joined(separator: "\n") + (random.oneIn(2) ? "\n}" : "")
  }

  /// Random fragments glued together.
  static func fragmentSoup(_ random: inout SplitMix64) -> String {
    var text = random.oneIn(3) ? "" : "contract f.s version 2\n"
    for _ in 0..<(1 + random.below(20)) {
      text += fragments[random.below(fragments.count)]
      text += random.oneIn(3) ? "\n" : " "
    }
    return text
  }

  /// A prefix of a whole example contract, cut at a random byte.
  static func truncatedExample(_ random: inout SplitMix64) -> String {
    guard !corpusLines.isEmpty else { return "" }
    let start = random.below(corpusLines.count)
    let text = corpusLines[start..<min(corpusLines.count, start + 10)].joined(separator: "\n")
    let bytes = Array(text.utf8)
    return String(decoding: bytes.prefix(random.below(bytes.count + 1)), as: UTF8.self)
  }

  /// Corpus lines split into space-separated words, then words deleted, duplicated, swapped or
  /// replaced by random bytes.
  static func mutatedWords(_ random: inout SplitMix64) -> String {
    guard !corpusLines.isEmpty else { return "" }
    let start = random.below(corpusLines.count)
    var words = corpusLines[start..<min(corpusLines.count, start + 5)].joined(separator: " \n ").split(
      separator: " "
    )
    .map(String.init)
    for _ in 0..<(1 + random.below(4)) {
      guard !words.isEmpty else { break }
      let index = random.below(words.count)
      switch random.below(5) {
      case 0: words.remove(at: index)
      case 1: words.insert(words[index], at: index)
      case 2: words.swapAt(index, random.below(words.count))
      case 3: words[index] = fragments[random.below(fragments.count)]
      default: words[index] = String(decoding: randomBytes(&random, maximum: 4), as: UTF8.self)
      }
    }
    return "contract m.t version 3\n" + words.joined(separator: " ")
  }

  static func randomBytes(_ random: inout SplitMix64, maximum: Int = 64) -> [UInt8] {
    (0..<random.below(maximum + 1)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  }
}
