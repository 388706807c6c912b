/// Finds the `import "path"` statements of a contract file without the compiler (a plugin cannot
/// link the compiler's modules), so each build command can declare the files it reads.
///
/// It skips `//` and nested `/* */` comments and string literals, and reports the string after
/// every `import` keyword. Being generous is safe: a path it reports that the compiler would not
/// read only makes the build command rerun more often; a missed import would make it rerun too
/// rarely, so it never guesses that something is not an import.
enum ContractImportScanner {
  /// The import paths written in `text`, in order, as written (not yet resolved).
  static func imports(in text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var imports: [String] = []
    var index = 0
    var previousWord = ""

    func at(_ offset: Int) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }

    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "/", at(1) == "/" {
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
      } else if scalar == "/", at(1) == "*" {
        var depth = 1
        index += 2
        while index < scalars.count, depth > 0 {
          if scalars[index] == "*", at(1) == "/" {
            depth -= 1
            index += 2
          } else if scalars[index] == "/", at(1) == "*" {
            depth += 1
            index += 2
          } else {
            index += 1
          }
        }
      } else if scalar == "\"" {
        index += 1
        var literal = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != "\"", scalars[index] != "\n" {
          if scalars[index] == "\\", index + 1 < scalars.count {
            index += 1
          }
          literal.append(scalars[index])
          index += 1
        }
        index += 1
        if previousWord == "import" { imports.append(String(literal)) }
        previousWord = ""
      } else if isIdentifierStart(scalar) {
        var word = String.UnicodeScalarView()
        while index < scalars.count, isIdentifierStart(scalars[index]) || ("0"..."9").contains(scalars[index])
        {
          word.append(scalars[index])
          index += 1
        }
        previousWord = String(word)
      } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        index += 1
      } else {
        previousWord = ""
        index += 1
      }
    }
    return imports
  }

  private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
  }
}
