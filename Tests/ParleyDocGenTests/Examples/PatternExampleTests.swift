import ParleyDocGen
import Testing

/// Example strings for `@pattern` regular expressions.
@Suite struct PatternExampleTests {
  @Test(arguments: [
    "^ord_[a-z0-9]+$", "^[A-Z]{3}$", "^usr_[a-z0-9]+$", "^[A-Z0-9-]+$", "^[0-9]{4}$", "^[a-z0-9-]+$",
    "^\\d{3}-\\d{4}$", "^(red|green|blue)$", "^v[0-9]+(\\.[0-9]+){2}$", "^[^@\\s]+@example\\.com$",
    "^[A-Za-z_][A-Za-z0-9_]*$", "^#[0-9a-fA-F]{6}$", "^\\w+\\s\\w+$", "^a?b*c+$", "^(?:ab){2,3}$", "x",
  ])
  func generatedExampleMatches(_ pattern: String) throws {
    let regex = try Regex(pattern)
    let matched = [3, 1, 6].compactMap { PatternExample.generate(pattern, repetitions: $0) }.filter {
      (try? regex.wholeMatch(in: $0)) != nil || (try? regex.firstMatch(in: $0)) != nil
    }
    #expect(!matched.isEmpty, "no example for \(pattern)")
  }

  @Test func readableExamples() {
    #expect(PatternExample.generate("^[A-Z]{3}$", repetitions: 3) == "ABC")
    #expect(PatternExample.generate("^ord_[a-z0-9]+$", repetitions: 3) == "ord_abc")
    #expect(PatternExample.generate("^[0-9]{4}$", repetitions: 3) == "0123")
  }

  @Test(arguments: ["^(?=a)b$", "(a)\\1", "\\p{L}+", "[[:alpha:]]"])
  func unsupportedSyntaxGivesNil(_ pattern: String) {
    #expect(PatternExample.generate(pattern, repetitions: 3) == nil)
  }
}
