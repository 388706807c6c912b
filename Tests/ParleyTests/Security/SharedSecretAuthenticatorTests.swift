import Parley
import Testing

@Suite("Shared-secret challenge–response handshake")
struct SharedSecretAuthenticatorTests {
  let secret: SharedSecret
  let otherSecret: SharedSecret

  init() throws {
    secret = try SharedSecret(bytes: Array("correct horse battery staple".utf8))
    otherSecret = try SharedSecret(bytes: Array("correct horse battery stapler".utf8))
  }

  @Test("both sides authenticate each other with the same secret")
  func success() throws {
    let server = SharedSecretAuthenticator(secret: secret)
    let client = SharedSecretAuthenticator(secret: secret)
    let challenge = try server.makeChallenge()
    #expect(challenge.serverNonce.count == SharedSecretAuthenticator.nonceByteCount)
    let answer = try client.answer(challenge)
    #expect(answer.proof.count == 32)
    let proof = try server.verify(answer, to: challenge)
    try client.verify(proof, for: answer, to: challenge)
    // The secret never appears in what crosses the wire.
    let wire = challenge.serverNonce + answer.clientNonce + answer.proof + proof.proof
    #expect(!containsSubsequence(wire, secret.bytes))
  }

  @Test("a client with the wrong secret is refused")
  func wrongClientSecret() throws {
    let server = SharedSecretAuthenticator(secret: secret)
    let client = SharedSecretAuthenticator(secret: otherSecret)
    let challenge = try server.makeChallenge()
    let answer = try client.answer(challenge)
    #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
      try server.verify(answer, to: challenge)
    }
  }

  @Test("a server with the wrong secret is detected by the client")
  func wrongServerSecret() throws {
    let client = SharedSecretAuthenticator(secret: secret)
    let impostor = SharedSecretAuthenticator(secret: otherSecret)
    let challenge = try impostor.makeChallenge()
    let answer = try client.answer(challenge)
    // The impostor cannot verify the answer; it fabricates a proof with its own secret.
    let fakeProof = try impostor.verify(
      try impostor.answer(challenge, clientNonce: answer.clientNonce), to: challenge)
    #expect(throws: SharedSecretAuthenticationError.serverProofMismatch) {
      try client.verify(fakeProof, for: answer, to: challenge)
    }
  }

  @Test("a recorded answer replayed against a new challenge fails")
  func replay() throws {
    let server = SharedSecretAuthenticator(secret: secret)
    let client = SharedSecretAuthenticator(secret: secret)
    let firstChallenge = try server.makeChallenge()
    let recorded = try client.answer(firstChallenge)
    _ = try server.verify(recorded, to: firstChallenge)
    let secondChallenge = try server.makeChallenge()
    #expect(firstChallenge != secondChallenge)
    #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
      try server.verify(recorded, to: secondChallenge)
    }
  }

  @Test("the server's proof cannot be reflected as a client answer")
  func reflection() throws {
    let server = SharedSecretAuthenticator(secret: secret)
    let challenge = try server.makeChallenge()
    let answer = try server.answer(challenge)
    let proof = try server.verify(answer, to: challenge)
    let reflected = SharedSecretAuthenticator.Answer(clientNonce: answer.clientNonce, proof: proof.proof)
    #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
      try server.verify(reflected, to: challenge)
    }
  }

  @Test("any flipped bit in a nonce or proof makes verification fail")
  func tampering() throws {
    let auth = SharedSecretAuthenticator(secret: secret)
    let challenge = try auth.makeChallenge()
    let answer = try auth.answer(challenge)
    let proof = try auth.verify(answer, to: challenge)
    for index in 0..<32 {
      var proofBytes = answer.proof
      proofBytes[index] ^= 0x01
      #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
        try auth.verify(.init(clientNonce: answer.clientNonce, proof: proofBytes), to: challenge)
      }
      var clientNonce = answer.clientNonce
      clientNonce[index] ^= 0x80
      #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
        try auth.verify(.init(clientNonce: clientNonce, proof: answer.proof), to: challenge)
      }
      var serverNonce = challenge.serverNonce
      serverNonce[index] ^= 0x10
      #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
        try auth.verify(answer, to: .init(serverNonce: serverNonce))
      }
      var serverProof = proof.proof
      serverProof[index] ^= 0x02
      #expect(throws: SharedSecretAuthenticationError.serverProofMismatch) {
        try auth.verify(.init(proof: serverProof), for: answer, to: challenge)
      }
    }
  }

  @Test("malformed lengths are refused with a clear error")
  func malformed() throws {
    let auth = SharedSecretAuthenticator(secret: secret)
    let challenge = try auth.makeChallenge()
    let answer = try auth.answer(challenge)
    #expect(throws: SharedSecretAuthenticationError.malformed("the server nonce has 0 bytes; expected 32")) {
      try auth.answer(.init(serverNonce: []))
    }
    #expect(throws: SharedSecretAuthenticationError.malformed("the client proof has 31 bytes; expected 32")) {
      try auth.verify(
        .init(clientNonce: answer.clientNonce, proof: Array(answer.proof.dropLast())), to: challenge)
    }
    #expect(throws: SharedSecretAuthenticationError.malformed("the client nonce has 33 bytes; expected 32")) {
      try auth.verify(.init(clientNonce: answer.clientNonce + [0], proof: answer.proof), to: challenge)
    }
  }

  @Test("proofs are bound to the context label")
  func contextBinding() throws {
    let tcp = SharedSecretAuthenticator(secret: secret, context: "tcp")
    let other = SharedSecretAuthenticator(secret: secret, context: "gateway")
    let challenge = try tcp.makeChallenge()
    let answer = try other.answer(challenge)
    #expect(throws: SharedSecretAuthenticationError.clientProofMismatch) {
      try tcp.verify(answer, to: challenge)
    }
  }

  @Test("the proof is HMAC(secret, serverNonce ‖ clientNonce ‖ label), as documented")
  func documentedConstruction() throws {
    let auth = SharedSecretAuthenticator(secret: secret)
    let serverNonce = [UInt8](repeating: 1, count: 32)
    let clientNonce = [UInt8](repeating: 2, count: 32)
    let answer = try auth.answer(.init(serverNonce: serverNonce), clientNonce: clientNonce)
    let expected = HMACSHA256.authenticationCode(
      for: serverNonce + clientNonce + Array("parley-auth-v1 client tcp".utf8), key: secret.bytes)
    #expect(answer.proof == expected)
  }

  @Test("secrets are never printed and must be long enough")
  func secretHygiene() throws {
    #expect(!"\(secret)".contains("horse"))
    #expect(!String(reflecting: secret).contains("horse"))
    #expect(throws: SharedSecretError.tooShort(byteCount: 5, minimum: 16)) {
      try SharedSecret(bytes: Array("short".utf8))
    }
  }

  /// Whether `needle` occurs contiguously in `haystack`.
  private func containsSubsequence(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains { start in
      Array(haystack[start..<(start + needle.count)]) == needle
    }
  }
}
