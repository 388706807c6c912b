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
    for path in TestSupport.exampleContractPaths() {
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

  @Test("100,000 random and mutated inputs never crash")
  func fuzz() {
    #expect(Self.corpusLines.count > 100, "the example contracts are the fuzz corpus")
    var random = SplitMix64(seed: 0x5EED_CAFE)
    let iterations = 100_000
    var checked = 0
    for iteration in 0..<iterations {
      var files: [String: [UInt8]] = ["a.ipc": Array(Self.input(&random, iteration: iteration).utf8)]
      if random.oneIn(8) { files["b.ipc"] = Array(Self.input(&random, iteration: iteration).utf8) }
      if random.oneIn(50) { files["a.ipc"] = Self.randomBytes(&random) }
      let result = FrontEnd.load(paths: ["a.ipc"], fileSystem: InMemoryFileSystem(bytes: files))
      for diagnostic in result.diagnostics {
        if diagnostic.location.line < 1 || diagnostic.location.column < 1 {
          Issue.record("bad location \(diagnostic)")
        }
      }
      checked += 1
    }
    #expect(checked == iterations)
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
    switch iteration % 4 {
    case 0: return mutatedLines(&random)
    case 1: return fragmentSoup(&random)
    case 2: return truncatedExample(&random)
    default: return mutatedTokens(&random)
    }
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
  static func mutatedTokens(_ random: inout SplitMix64) -> String {
    guard !corpusLines.isEmpty else { return "" }
    let start = random.below(corpusLines.count)
    var words = corpusLines[start..<min(corpusLines.count, start + 8)].joined(separator: " \n ").split(
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
