import Foundation
import ParleyCompat
import ParleyFrontEnd
import Testing

/// Properties that hold for any pair of contracts: no crash, determinism, nothing for identical
/// inputs, and the example contracts are stable against themselves.
@Suite("Differ properties")
struct DifferPropertyTests {
  @Test("comparing a contract with itself finds nothing, for every fixture and the examples")
  func identity() {
    for name in CompatTestSupport.fixtureNames() {
      for file in ["old.ipc", "new.ipc"] {
        let set = CompatTestSupport.load(CompatTestSupport.fixtureText(name, file) ?? "", path: file)
        #expect(CompatDiffer.diff(old: set, new: set).isEmpty, "\(name)/\(file)")
      }
    }
    let examples = CompatTestSupport.packageRoot.appendingPathComponent("Contracts").resolvingSymlinksInPath()
      .path
    let paths = (FileManager.default.enumerator(atPath: examples)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".ipc") }.sorted().map { examples + "/" + $0 }
    let set = FrontEnd.load(paths: paths).contracts
    #expect(!set.contracts.isEmpty)
    #expect(CompatDiffer.diff(old: set, new: set).isEmpty)
  }

  @Test("random pairs of unrelated fixtures: no crash, deterministic, sorted, fingerprints well formed")
  func randomPairs() {
    var random = SplitMix64(seed: 0x5EED_C0DE)
    let names = CompatTestSupport.fixtureNames()
    let sets = names.flatMap { name in
      ["old.ipc", "new.ipc"].map {
        CompatTestSupport.load(CompatTestSupport.fixtureText(name, $0) ?? "", path: $0)
      }
    }
    for _ in 0..<300 {
      let a = sets[Int(random.next() % UInt64(sets.count))]
      let b = sets[Int(random.next() % UInt64(sets.count))]
      let first = CompatDiffer.diff(old: a, new: b, history: [b])
      let second = CompatDiffer.diff(old: a, new: b, history: [b])
      #expect(first == second)
      let report = CompatReport(findings: first)
      #expect(report.findings == CompatReport(findings: first.reversed()).findings)
      for finding in first {
        #expect(finding.fingerprint.count == 16 && finding.fingerprint.allSatisfy(\.isHexDigit))
        #expect(!finding.message.isEmpty && !finding.fix.isEmpty)
      }
    }
  }
}
