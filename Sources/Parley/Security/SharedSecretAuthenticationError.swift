/// Why a shared-secret handshake (``SharedSecretAuthenticator``) failed.
public enum SharedSecretAuthenticationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A received value has the wrong shape (e.g. a nonce of the wrong length).
  case malformed(String)
  /// The client's proof is wrong: it does not hold the secret, or it answered another challenge.
  case clientProofMismatch
  /// The server's proof is wrong: it does not hold the secret.
  case serverProofMismatch
  /// The operating system could not provide random bytes for a nonce.
  case randomnessUnavailable(String)

  /// A sentence describing the failure, safe to log (it never contains the secret or a proof).
  public var description: String {
    switch self {
    case .malformed(let detail):
      return "malformed authentication message: \(detail)"
    case .clientProofMismatch:
      return "the client's proof does not match: wrong shared secret, or an answer to another challenge"
    case .serverProofMismatch:
      return "the server's proof does not match: the server does not hold the shared secret"
    case .randomnessUnavailable(let detail):
      return "cannot make a nonce: \(detail)"
    }
  }
}
