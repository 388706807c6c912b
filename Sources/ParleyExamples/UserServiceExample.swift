import Foundation
import Parley

/// The example `UserService`: two users; asks `RoleService` (through the gateway) for roles.
struct UserServiceExample: ShopUsers.UserServiceHandler {
  let link: LinkBox

  private static let users: [String: (email: String, name: String)] = [
    "usr_1": ("ada@example.com", "Ada Lovelace"),
    "usr_2": ("alan@example.com", "Alan Turing"),
  ]

  func getUser(_ request: ShopUsers.GetUser, call: IncomingCall) async throws -> ShopUsers.User {
    guard let known = Self.users[request.id.rawValue] else { throw ShopUsers.UserNotFound(id: request.id) }
    let roles = try await ShopRoles.RoleServiceClient(try await link.connection()).rolesOf(userId: request.id)
    return ShopUsers.User(
      id: request.id, email: known.email, displayName: known.name, roles: roles.roles,
      createdAt: Date(timeIntervalSince1970: 1_700_000_000))
  }

  func canOrder(_ request: ShopUsers.GetUser, call: IncomingCall) async throws -> Bool {
    guard Self.users[request.id.rawValue] != nil else { throw ShopUsers.UserNotFound(id: request.id) }
    let roles = try await ShopRoles.RoleServiceClient(try await link.connection()).rolesOf(userId: request.id)
    return roles.roles.contains(.customer)
  }
}
