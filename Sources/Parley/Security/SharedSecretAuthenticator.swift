/// Mutual challenge–response authentication of two peers that share a secret, without the secret
/// ever crossing the wire.
///
/// The protocol, in four steps (all values are raw bytes; the transport carries them):
///
/// 1. The server sends a ``Challenge``: a fresh random 32-byte server nonce.
/// 2. The client picks its own random 32-byte nonce and answers with an ``Answer``: its nonce and
///    `HMAC-SHA256(secret, serverNonce ‖ clientNonce ‖ "parley-auth-v1 client " ‖ context)`.
/// 3. The server recomputes that code and compares in constant time. If it matches, the client
///    knows the secret; the server replies with a ``ServerProof``:
///    `HMAC-SHA256(secret, serverNonce ‖ clientNonce ‖ "parley-auth-v1 server " ‖ context)`.
/// 4. The client checks the proof the same way, so it knows it talks to a holder of the secret.
///
/// A recorded answer is useless later: it is bound to the server nonce of its own challenge. The
/// two labels differ, so a proof from one role can never be replayed as the other. Both nonces
/// have a fixed length, so the concatenation is unambiguous. `context` (both sides must use the
/// same) binds the proofs to a purpose, e.g. `"tcp"` or a service name.
///
/// ```swift
/// let auth = SharedSecretAuthenticator(secret: secret)
/// // server                                   // client
/// let challenge = try auth.makeChallenge()    // ──challenge──▶
///                                             let answer = try auth.answer(challenge)
/// // ◀──answer──
/// let proof = try auth.verify(answer, to: challenge)  // ──proof──▶
///                                             try auth.verify(proof, for: answer, to: challenge)
/// ```
///
/// The type has no I/O: it makes and checks values, which the caller sends and receives.
public struct SharedSecretAuthenticator: Sendable {
  /// The length of both nonces, in bytes (32).
  public static let nonceByteCount = 32

  /// What the server sends first: a fresh random nonce.
  public struct Challenge: Sendable, Hashable {
    /// The server's nonce (``SharedSecretAuthenticator/nonceByteCount`` bytes when well formed).
    public let serverNonce: [UInt8]

    /// Wraps a nonce received from a server (or made by ``SharedSecretAuthenticator/makeChallenge()``).
    public init(serverNonce: [UInt8]) {
      self.serverNonce = serverNonce
    }
  }

  /// The client's reply to a ``Challenge``: its own nonce and its proof of knowing the secret.
  public struct Answer: Sendable, Hashable {
    /// The client's nonce (``SharedSecretAuthenticator/nonceByteCount`` bytes when well formed).
    public let clientNonce: [UInt8]
    /// `HMAC-SHA256(secret, serverNonce ‖ clientNonce ‖ client label)`, 32 bytes when well formed.
    public let proof: [UInt8]

    /// Wraps an answer received from a client (or made by ``SharedSecretAuthenticator/answer(_:)``).
    public init(clientNonce: [UInt8], proof: [UInt8]) {
      self.clientNonce = clientNonce
      self.proof = proof
    }
  }

  /// The server's reply to a correct ``Answer``: its proof of knowing the secret.
  public struct ServerProof: Sendable, Hashable {
    /// `HMAC-SHA256(secret, serverNonce ‖ clientNonce ‖ server label)`, 32 bytes when well formed.
    public let proof: [UInt8]

    /// Wraps a proof received from a server (or made by ``SharedSecretAuthenticator/verify(_:to:)``).
    public init(proof: [UInt8]) {
      self.proof = proof
    }
  }

  /// The shared secret; never leaves this value.
  private let secret: SharedSecret
  /// The label mixed into the client's proof.
  private let clientLabel: [UInt8]
  /// The label mixed into the server's proof.
  private let serverLabel: [UInt8]

  /// Creates an authenticator for `secret`, binding proofs to `context`.
  ///
  /// - Parameters:
  ///   - secret: The secret both peers hold.
  ///   - context: A purpose label both peers agree on; proofs made for one context fail in another.
  public init(secret: SharedSecret, context: String = "tcp") {
    self.secret = secret
    self.clientLabel = Array("parley-auth-v1 client \(context)".utf8)
    self.serverLabel = Array("parley-auth-v1 server \(context)".utf8)
  }

  /// Step 1 (server): makes a challenge with a fresh random nonce. Keep it until the answer arrives,
  /// and use each challenge for one answer only.
  ///
  /// - Throws: ``SharedSecretAuthenticationError/randomnessUnavailable(_:)`` when the operating
  ///   system cannot provide random bytes.
  public func makeChallenge() throws(SharedSecretAuthenticationError) -> Challenge {
    Challenge(serverNonce: try Self.freshNonce())
  }

  /// Step 2 (client): answers `challenge` with a fresh client nonce and a proof.
  ///
  /// - Throws: ``SharedSecretAuthenticationError/malformed(_:)`` when the challenge's nonce does not
  ///   have ``nonceByteCount`` bytes, or ``SharedSecretAuthenticationError/randomnessUnavailable(_:)``.
  public func answer(_ challenge: Challenge) throws(SharedSecretAuthenticationError) -> Answer {
    try answer(challenge, clientNonce: try Self.freshNonce())
  }

  /// Step 2 (client) with a chosen client nonce, for tests and reproducible examples. Real clients
  /// call ``answer(_:)``, which draws the nonce from ``SecureRandom``.
  ///
  /// - Throws: ``SharedSecretAuthenticationError/malformed(_:)`` when a nonce has the wrong length.
  public func answer(
    _ challenge: Challenge, clientNonce: [UInt8]
  ) throws(SharedSecretAuthenticationError) -> Answer {
    try Self.checkLength(challenge.serverNonce, Self.nonceByteCount, "server nonce")
    try Self.checkLength(clientNonce, Self.nonceByteCount, "client nonce")
    let proof = code(challenge.serverNonce, clientNonce, clientLabel)
    return Answer(clientNonce: clientNonce, proof: proof)
  }

  /// Step 3 (server): checks the client's answer to `challenge` and, when it is right, returns the
  /// server's proof to send back.
  ///
  /// - Throws: ``SharedSecretAuthenticationError/malformed(_:)`` for wrong lengths, or
  ///   ``SharedSecretAuthenticationError/clientProofMismatch`` when the client does not know the
  ///   secret or the answer was made for another challenge (a replay).
  public func verify(
    _ answer: Answer, to challenge: Challenge
  ) throws(SharedSecretAuthenticationError) -> ServerProof {
    try Self.checkLength(challenge.serverNonce, Self.nonceByteCount, "server nonce")
    try Self.checkLength(answer.clientNonce, Self.nonceByteCount, "client nonce")
    try Self.checkLength(answer.proof, HMACSHA256.byteCount, "client proof")
    let expected = code(challenge.serverNonce, answer.clientNonce, clientLabel)
    guard ConstantTime.equals(expected, answer.proof) else {
      throw .clientProofMismatch
    }
    return ServerProof(proof: code(challenge.serverNonce, answer.clientNonce, serverLabel))
  }

  /// Step 4 (client): checks the server's proof for the exchange of `challenge` and `answer`.
  ///
  /// - Throws: ``SharedSecretAuthenticationError/malformed(_:)`` for wrong lengths, or
  ///   ``SharedSecretAuthenticationError/serverProofMismatch`` when the server does not know the
  ///   secret.
  public func verify(
    _ proof: ServerProof, for answer: Answer, to challenge: Challenge
  ) throws(SharedSecretAuthenticationError) {
    try Self.checkLength(challenge.serverNonce, Self.nonceByteCount, "server nonce")
    try Self.checkLength(answer.clientNonce, Self.nonceByteCount, "client nonce")
    try Self.checkLength(proof.proof, HMACSHA256.byteCount, "server proof")
    let expected = code(challenge.serverNonce, answer.clientNonce, serverLabel)
    guard ConstantTime.equals(expected, proof.proof) else {
      throw .serverProofMismatch
    }
  }

  /// `HMAC-SHA256(secret, serverNonce ‖ clientNonce ‖ label)`.
  private func code(_ serverNonce: [UInt8], _ clientNonce: [UInt8], _ label: [UInt8]) -> [UInt8] {
    var mac = HMACSHA256(key: secret.bytes)
    mac.update(serverNonce)
    mac.update(clientNonce)
    mac.update(label)
    return mac.finalize()
  }

  /// A fresh random nonce.
  private static func freshNonce() throws(SharedSecretAuthenticationError) -> [UInt8] {
    do {
      return try SecureRandom.bytes(count: nonceByteCount)
    } catch {
      throw .randomnessUnavailable(error.description)
    }
  }

  /// Throws ``SharedSecretAuthenticationError/malformed(_:)`` unless `bytes` has `count` bytes.
  private static func checkLength(
    _ bytes: [UInt8], _ count: Int, _ name: String
  ) throws(SharedSecretAuthenticationError) {
    guard bytes.count == count else {
      throw .malformed("the \(name) has \(bytes.count) bytes; expected \(count)")
    }
  }
}
