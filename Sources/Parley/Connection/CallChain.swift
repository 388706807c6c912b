/// The services a call chain passed through (``CallContext/chain``), kept without an array while
/// there is only one: a top-level call's chain is its target service alone, and every call
/// encodes or decodes one, so the common case allocates nothing.
struct CallChain: RandomAccessCollection, Sendable, Hashable {
  /// The only service, when there is exactly one (`many` is then empty).
  private var single: String?
  /// The services when there are none or more than one.
  private var many: [String]

  /// An empty chain.
  init() {
    single = nil
    many = []
  }

  /// The chain of `services`, outermost first.
  init(_ services: [String]) {
    if services.count == 1 {
      single = services[0]
      many = []
    } else {
      single = nil
      many = services
    }
  }

  var startIndex: Int { 0 }
  var endIndex: Int { single == nil ? many.count : 1 }
  subscript(position: Int) -> String { single ?? many[position] }

  /// The services as an array.
  var array: [String] { single.map { [$0] } ?? many }

  /// Adds `service` at the end (the target of a nested call).
  mutating func append(_ service: String) {
    if let only = single {
      many = [only, service]
      single = nil
    } else if many.isEmpty {
      single = service
    } else {
      many.append(service)
    }
  }

  /// This chain with `service` added at the end.
  func appending(_ service: String) -> CallChain {
    var chain = self
    chain.append(service)
    return chain
  }

  static func == (lhs: CallChain, rhs: CallChain) -> Bool { lhs.elementsEqual(rhs) }

  func hash(into hasher: inout Hasher) {
    hasher.combine(count)
    for service in self { hasher.combine(service) }
  }
}
