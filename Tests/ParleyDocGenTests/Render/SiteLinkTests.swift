import Foundation
import ParleyDocGen
import ParleyFrontEnd
import Testing

/// Every internal link of the generated site resolves, every element appears, and output is
/// byte-identical across runs.
@Suite struct SiteLinkTests {
  static let contracts = DocGenFixtures.exampleContracts
  static let html = DocGenerator.generate(contracts, options: DocOptions(format: .html)).site
  static let markdown = DocGenerator.generate(contracts, options: DocOptions(format: .markdown)).site

  /// The values of `attribute="…"` in `text`.
  static func attributes(_ attribute: String, in text: String) -> [String] {
    let regex = try? Regex("\(attribute)=\"([^\"]*)\"")
    guard let regex else { return [] }
    return text.matches(of: regex).compactMap { match in match.output[1].substring.map(String.init) }
  }

  /// Markdown link targets `](target)`.
  static func markdownTargets(in text: String) -> [String] {
    guard let regex = try? Regex("\\]\\(([^)\\s]+)\\)") else { return [] }
    return text.matches(of: regex).compactMap { $0.output[1].substring.map(String.init) }
  }

  static func unescape(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  @Test func everyInternalHTMLLinkAndAnchorResolves() throws {
    var ids: [String: Set<String>] = [:]
    for file in Self.html.files where file.path.hasSuffix(".html") {
      let list = Self.attributes("id", in: file.contents).map(Self.unescape)
      #expect(Set(list).count == list.count, "duplicate ids in \(file.path)")
      ids[file.path] = Set(list)
    }
    var checked = 0
    for file in Self.html.files where file.path.hasSuffix(".html") {
      for raw in Self.attributes("href", in: file.contents) {
        let href = Self.unescape(raw)
        if href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("mailto:") { continue }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
          String.init)
        let page = parts[0].isEmpty ? file.path : parts[0]
        let pageIDs = try #require(ids[page], "\(file.path): link to missing page \(href)")
        if parts.count == 2 { #expect(pageIDs.contains(parts[1]), "\(file.path): dangling anchor \(href)") }
        checked += 1
      }
    }
    #expect(checked > 500)
  }

  @Test func searchIndexLinksResolve() throws {
    let index = try #require(Self.html.file("search-index.json"))
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(index.contents.utf8)) as? [[String: String]])
    #expect(entries.count > 150)
    for entry in entries {
      let url = try #require(entry["u"])
      let parts = url.split(separator: "#").map(String.init)
      let page = try #require(Self.html.file(parts[0]), "missing page \(url)")
      if parts.count == 2 { #expect(page.contents.contains("id=\"\(parts[1])\""), "dangling \(url)") }
    }
  }

  @Test func everyTypeFieldCaseVariantMethodAndErrorAppears() throws {
    for contract in Self.contracts.contracts {
      let page = try #require(Self.html.file(contract.name + ".html"))
      let markdown = try #require(Self.markdown.file(contract.name + ".md"))
      var anchors: [String] = []
      for declaration in contract.declarations {
        anchors.append(declaration.name)
        switch declaration {
        case .struct(let d): anchors += d.fields.map { "\(d.name).\($0.name)" }
        case .error(let d): anchors += d.fields.map { "\(d.name).\($0.name)" }
        case .enum(let d): anchors += d.cases.map { "\(d.name).\($0.name)" }
        case .union(let d): anchors += d.variants.map { "\(d.name).\($0.name)" }
        case .service(let d): anchors += d.methods.map { "\(d.name).\($0.name)" }
        case .distinctType: break
        }
      }
      for anchor in anchors {
        #expect(page.contents.contains("id=\"\(anchor)\""), "\(contract.name).html lacks \(anchor)")
        #expect(markdown.contents.contains("<a id=\"\(anchor)\"></a>"), "\(contract.name).md lacks \(anchor)")
      }
      for error in contract.errors { #expect(page.contents.contains("code \(error.code)")) }
    }
  }

  @Test func everyMarkdownLinkResolves() throws {
    var anchors: [String: Set<String>] = [:]
    for file in Self.markdown.files {
      anchors[file.path] = Set(Self.attributes("id", in: file.contents).map(Self.unescape))
    }
    for file in Self.markdown.files {
      for target in Self.markdownTargets(in: file.contents) {
        if target.hasPrefix("https://") { continue }
        let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(
          String.init)
        let page = parts[0].isEmpty ? file.path : parts[0]
        let ids = try #require(anchors[page], "\(file.path): link to missing \(target)")
        if parts.count == 2 { #expect(ids.contains(parts[1]), "\(file.path): dangling \(target)") }
      }
    }
  }

  @Test func siteIsSelfContained() {
    for file in Self.html.files where file.path.hasSuffix(".html") {
      #expect(!file.contents.contains("<link"), "\(file.path) links a resource")
      #expect(!file.contents.contains("<script src"), "\(file.path) loads a script")
      #expect(!file.contents.contains("src=\"http"), "\(file.path) loads from the network")
      #expect(!file.contents.contains("url(http"), "\(file.path) loads from the network")
      #expect(file.contents.contains("prefers-color-scheme: dark"))
      #expect(file.contents.contains("max-width: 800px"))
    }
  }

  @Test(arguments: DocOptions.Format.allCases)
  func outputIsByteIdenticalAcrossRuns(_ format: DocOptions.Format) {
    let first = DocGenerator.generate(Self.contracts, options: DocOptions(format: format)).site
    let second = DocGenerator.generate(DocGenFixtures.exampleContracts, options: DocOptions(format: format))
      .site
    #expect(first == second)
    #expect(!first.files.isEmpty)
  }

  @Test func deprecatedItemsAreMarked() throws {
    let page = try #require(Self.html.file("parley.showcase.html")).contents
    #expect(page.contains("<section class=\"decl decl-struct is-deprecated\" id=\"Legacy\">"))
    #expect(page.contains("<strong>Deprecated</strong>: use transfer"))
    #expect(page.contains("<tr id=\"Color.navy\" class=\"deprecated\">"))
    #expect(page.contains("since v3"))
  }
}
