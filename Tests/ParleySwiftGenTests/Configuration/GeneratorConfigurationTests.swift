import ParleySwiftGen
import Testing

@Suite("parley-config.json")
struct GeneratorConfigurationTests {
  private func parse(_ text: String) throws(ConfigurationError) -> SwiftGeneratorOptions {
    try GeneratorConfiguration.parse(Array(text.utf8), path: "parley-config.json")
  }

  /// The rendered problems of an invalid configuration.
  private func problems(_ text: String) -> [String] {
    do {
      _ = try parse(text)
      return []
    } catch {
      return error.problems.map(\.description)
    }
  }

  @Test func emptyObjectGivesDefaults() throws {
    let options = try parse("{}")
    #expect(options == SwiftGeneratorOptions())
    #expect(options.accessLevel == .internal)
    #expect(options.parts == [.types, .client, .server])
    #expect(options.typePrefix == "")
  }

  @Test func everyKey() throws {
    let options = try parse(
      """
      {
        "accessLevel": "public",
        "generate": ["types", "client"],
        "typePrefix": "Shop"
      }
      """)
    #expect(
      options == SwiftGeneratorOptions(accessLevel: .public, parts: [.types, .client], typePrefix: "Shop"))
  }

  @Test(arguments: SwiftGeneratorOptions.AccessLevel.allCases)
  func accessLevels(level: SwiftGeneratorOptions.AccessLevel) throws {
    #expect(try parse(#"{"accessLevel": "\#(level.rawValue)"}"#).accessLevel == level)
  }

  @Test(arguments: SwiftGeneratorOptions.Part.allCases)
  func singleParts(part: SwiftGeneratorOptions.Part) throws {
    #expect(try parse(#"{"generate": ["\#(part.rawValue)"]}"#).parts == [part])
  }

  @Test func byteOrderMarkAndEscapesAreAccepted() throws {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"typePrefix": "\u0053hop"}"#.utf8)
    #expect(try GeneratorConfiguration.parse(bytes, path: "c.json").typePrefix == "Shop")
  }

  @Test func unknownKeySuggestsTheClosest() {
    #expect(
      problems("{\n  \"acessLevel\": \"public\"\n}") == [
        "parley-config.json:2:3: error: unknown key 'acessLevel'; did you mean 'accessLevel'?"
      ])
  }

  @Test func unknownKeyListsTheKeys() {
    #expect(
      problems(#"{"namespace": "Shop"}"#) == [
        "parley-config.json:1:2: error: unknown key 'namespace'; the keys are 'accessLevel', 'generate', 'typePrefix'"
      ])
  }

  @Test func badAccessLevel() {
    #expect(
      problems(#"{"accessLevel": "private"}"#) == [
        #"parley-config.json:1:17: error: 'accessLevel' must be one of "public", "package", "internal", not "private""#
      ])
    #expect(
      problems(#"{"accessLevel": 1}"#) == [
        #"parley-config.json:1:17: error: 'accessLevel' must be one of "public", "package", "internal", not 1"#
      ])
  }

  @Test func badParts() {
    #expect(
      problems(#"{"generate": "types"}"#) == [
        #"parley-config.json:1:14: error: 'generate' must be a list of parts such as ["types", "client"], not "types""#
      ])
    #expect(
      problems(#"{"generate": []}"#) == [
        #"parley-config.json:1:14: error: 'generate' must name at least one of "types", "client", "server"; remove the key to generate everything"#
      ])
    #expect(
      problems(#"{"generate": ["types", "clients", "types", 3]}"#) == [
        #"parley-config.json:1:24: error: unknown part "clients" in 'generate'; the parts are "types", "client", "server""#,
        #"parley-config.json:1:35: error: part "types" is listed twice in 'generate'"#,
        #"parley-config.json:1:44: error: unknown part 3 in 'generate'; the parts are "types", "client", "server""#,
      ])
  }

  @Test(arguments: ["9Shop", "Shop-", "Sh op", "Ünï"])
  func badTypePrefix(prefix: String) {
    let found = problems(#"{"typePrefix": "\#(prefix)"}"#)
    #expect(found.count == 1)
    #expect(
      found.first?.hasPrefix("parley-config.json:1:16: error: 'typePrefix' must be a Swift identifier")
        == true)
  }

  @Test func duplicateKeyPointsAtBoth() {
    #expect(
      problems("{\"typePrefix\": \"A\",\n \"typePrefix\": \"B\"}") == [
        "parley-config.json:2:2: error: duplicate key 'typePrefix' (first at parley-config.json:1:2)"
      ])
  }

  @Test func everyProblemIsReported() {
    #expect(problems(#"{"a": 1, "accessLevel": "x", "typePrefix": 2}"#).count == 3)
  }

  @Test func notAnObject() {
    #expect(
      problems(#"["types"]"#) == [
        #"parley-config.json:1:1: error: the configuration must be a JSON object such as {"accessLevel": "public"}, not an array"#
      ])
  }

  @Test(arguments: [
    ("", "1:1: error: expected a JSON value, found the end of the file"),
    ("{", "1:2: error: expected a key in double quotes"),
    ("{\"accessLevel\" \"public\"}", "1:16: error: expected ':' after the key 'accessLevel'"),
    ("{\"accessLevel\": \"public\",}", "1:26: error: expected a key in double quotes"),
    (
      "{\"accessLevel\": \"public\"\n\"generate\": []}",
      "2:1: error: expected ',' or '}' after the value of 'accessLevel'"
    ),
    ("{\"typePrefix\": \"abc", "1:16: error: unterminated string"),
    ("{\"typePrefix\": \"a\\qb\"}", "1:18: error: invalid escape '\\q' in a string"),
    ("{\"typePrefix\": tru}", "1:16: error: expected 'true'"),
    ("{\"x\": 01}", "1:7: error: invalid number '01'"),
    ("{} {}", "1:4: error: unexpected text after the end of the JSON value"),
    ("{\"x\": [1 2]}", "1:10: error: expected ',' or ']' after an array element"),
  ])
  func syntaxErrorsAreLocated(text: String, expected: String) {
    #expect(problems(text) == ["parley-config.json:" + expected])
  }

  @Test func invalidUTF8() {
    #expect(throws: ConfigurationError.self) {
      try GeneratorConfiguration.parse([0x7B, 0xFF, 0x7D], path: "c.json")
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let text =
      #"{"x": "# + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
    #expect(problems(text).first?.contains("nests too deeply") == true)
  }

  @Test func missingFileIsAnError() {
    #expect(throws: ConfigurationError.self) {
      try GeneratorConfiguration.load(contentsOf: "/nonexistent/parley-config.json")
    }
  }

  /// Seeded random byte soup never crashes the parser.
  @Test func randomInputNeverCrashes() {
    var random = ConfigurationFuzzRandom(seed: 0x5EED_C0F1)
    let alphabet = Array(#"{}[]:,"\ tru01e-.aclsnfg"#.utf8) + [0x0A, 0xC3, 0xFF]
    for _ in 0..<2_000 {
      let length = Int(random.next() % 40)
      let bytes = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
      _ = try? GeneratorConfiguration.parse(bytes, path: "fuzz.json")
    }
  }
}

/// SplitMix64, private to these tests so fixed seeds give the same inputs everywhere.
private struct ConfigurationFuzzRandom {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
