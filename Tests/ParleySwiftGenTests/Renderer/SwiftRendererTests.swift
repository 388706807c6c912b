import Testing

@testable import ParleySwiftGen

@Suite("Renderer")
struct SwiftRendererTests {
  @Test("declarations: docs, attributes, modifiers, members, blank lines")
  func declarations() {
    let declaration = SwiftDeclaration(
      doc: "A thing.\n\nMore.", attributes: ["@available(*, deprecated)"], modifiers: [.public],
      .struct(
        name: "Thing", conformances: ["Swift.Hashable"],
        members: [
          SwiftDeclaration(.property(SwiftProperty(isConstant: false, name: "a", type: "Swift.Int"))),
          SwiftDeclaration(
            .property(SwiftProperty(isConstant: true, name: "b", type: nil, initialValue: "1"))),
          SwiftDeclaration(
            modifiers: [.public],
            .initializer(
              isFailable: true,
              signature: SwiftSignature(parameters: [
                SwiftParameter(label: "_", name: "a", type: "Swift.Int", defaultValue: "0")
              ]),
              body: [.line("self.a = a")])),
          SwiftDeclaration(
            .function(
              name: "f", signature: SwiftSignature(isAsync: true, throwsType: "E", returnType: "Swift.Int"),
              body: [.line("1")])),
        ]))
    #expect(
      SwiftRenderer.render(declaration) == """
        /// A thing.
        ///
        /// More.
        @available(*, deprecated)
        public struct Thing: Swift.Hashable {
          var a: Swift.Int
          let b = 1

          public init?(_ a: Swift.Int = 0) {
            self.a = a
          }

          func f() async throws(E) -> Swift.Int {
            1
          }
        }

        """)
  }

  @Test("modifiers render in the order given, nonisolated(nonsending) included")
  func nonsendingModifier() {
    let declaration = SwiftDeclaration(
      modifiers: [.public, .nonisolatedNonsending],
      .function(name: "f", signature: SwiftSignature(isAsync: true, throwsType: ""), body: []))
    #expect(SwiftRenderer.render(declaration) == "public nonisolated(nonsending) func f() async throws {}\n")
  }

  @Test("statements: if/else if/else, switch, guard, loops, do/catch, closures")
  func statements() {
    let statements: [SwiftStatement] = [
      .if(
        condition: "a", then: [.line("x()")],
        otherwise: [.if(condition: "b", then: [.line("y()")], otherwise: [.line("z()")])]),
      .switch(
        subject: "v",
        cases: [
          SwiftSwitchCase(patterns: ["1", "2"], body: [.line("one()")]),
          SwiftSwitchCase(patterns: [], body: []),
        ]),
      .guard(condition: "let x", otherwise: [.line("return")]),
      .for(pattern: "e", sequence: "list", body: [.line("use(e)")]),
      .while(condition: "more", body: []),
      .do(body: [.line("try f()")], catches: [SwiftCatch(pattern: "let e as E", body: [.line("throw e")])]),
      .closure(opening: "run", parameters: "x", body: [.line("x")], closing: ")"),
    ]
    #expect(
      SwiftRenderer.render(statements) == """
        if a {
          x()
        } else if b {
          y()
        } else {
          z()
        }
        switch v {
        case 1, 2:
          one()
        default:
          break
        }
        guard let x else {
          return
        }
        for e in list {
          use(e)
        }
        while more {}
        do {
          try f()
        } catch let e as E {
          throw e
        }
        run { x in
          x
        })

        """)
  }
}
