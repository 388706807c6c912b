import Foundation
import Parley

/// The calls `parley demo` makes through the gateway, with generated clients, narrated for a
/// newcomer: a nested chain, an application error, a validation failure, typed events and a
/// server stream.
public enum ShopDemo {
  /// Runs the script as caller `client`. `say` prints a line; `settle` lets the services' own
  /// lines (who handled what) arrive and prints them. Returns whether every step behaved as
  /// expected.
  public static func run(
    client: GatewayClient, say: @escaping @Sendable (String) -> Void,
    settle: @escaping @Sendable () async -> Void
  ) async -> Bool {
    // Built on the GatewayClient (not only its connection), so the client can also subscribe.
    let orders = ShopOrders.OrderServiceClient(client)
    var ok = true

    // 1. A nested chain, with its context.
    let root = CallContext.makeRoot()
    say("")
    say("1. A nested call chain. The demo (the caller) asks OrderService for order ord_1; the order")
    say("   service asks UserService for the customer, which asks RoleService for the roles.")
    say("   Every hop goes through the gateway; the context (root \(root)) travels along.")
    let started = ContinuousClock.now
    do {
      let order = try await CallContext.$current.withValue(CallContext(root: root, chain: [], depth: 0)) {
        try await orders.getOrder(id: "ord_1")
      }
      let elapsed = ContinuousClock.now - started
      await settle()
      say(
        "   ← Order \(order.id.rawValue) of \(order.customer.rawValue) (\(order.note ?? "")), status \(order.status), \(order.items.count) item(s), in \(ParleyLifecycleEvent.format(elapsed)) end to end"
      )
    } catch {
      await settle()
      say("   ✗ unexpected failure: \(error)")
      ok = false
    }

    // 2. An application error declared in the contract.
    say("")
    say("2. An application error. ord_404 does not exist: the service throws OrderNotFound, which")
    say("   orders.ipc declares (code 404); the generated client rethrows it as a Swift error.")
    do {
      _ = try await orders.getOrder(id: "ord_404")
      await settle()
      say("   ✗ expected OrderNotFound, got a reply")
      ok = false
    } catch let error as ShopOrders.OrderNotFound {
      await settle()
      say("   ← caught ShopOrders.OrderNotFound(orderId: \"\(error.orderId.rawValue)\")")
    } catch {
      await settle()
      say("   ✗ expected OrderNotFound, got \(error)")
      ok = false
    }

    // 3. A validation failure.
    say("")
    say("3. A validation failure. \"bogus\" breaks OrderID's @pattern(\"^ord_[a-z0-9]+$\"): the request")
    say("   is refused by the generated server code before the service's own code runs, naming the field.")
    do {
      _ = try await orders.getOrder(id: "bogus")
      await settle()
      say("   ✗ expected VALIDATION_FAILED, got a reply")
      ok = false
    } catch let error as ParleyError where error.code == .validationFailed {
      await settle()
      let fields = error.violations.map { "\($0.path): \($0.message)" }.joined(separator: "; ")
      say(
        "   ← VALIDATION_FAILED (did not run: \(!error.mayHaveRun)) — \(fields.isEmpty ? error.message : fields)"
      )
    } catch {
      await settle()
      say("   ✗ expected VALIDATION_FAILED, got \(error)")
      ok = false
    }

    // 4. Events.
    say("")
    say("4. Typed events. The demo subscribes to OrderService.orderShipped and InventoryService.stockChanged")
    say("   with the generated clients (the gateway acknowledges before subscribe returns), then places an")
    say("   order: the inventory service publishes stockChanged, the order service orderShipped.")
    do {
      let shipped = try await orders.orderShipped.subscribe()
      let stock = try await ShopInventory.InventoryServiceClient(client).stockChanged.subscribe()
      let receipt = try await orders.placeOrder(
        ShopOrders.PlaceOrder(
          customer: "usr_2",
          items: [
            ShopOrders.LineItem(
              sku: "PEN-1", quantity: 3, price: ShopCommon.Money(amountMinor: 150, currency: "EUR"))
          ], payment: .voucher("WELCOME")))
      await settle()
      say(
        "   ← Receipt for \(receipt.orderId.rawValue): \(receipt.total.amountMinor) \(receipt.total.currency.rawValue) minor units"
      )
      if let change = await first(of: stock, within: .seconds(5)) {
        say(
          "   ⚡ stockChanged: \(change.level.sku.rawValue) now \(change.level.available) available (\(change.reason))"
        )
      } else {
        say("   ✗ no stockChanged event")
        ok = false
      }
      if let notice = await first(of: shipped, within: .seconds(5)) {
        say("   ⚡ orderShipped: \(notice.orderId.rawValue) with \(notice.carrier)")
      } else {
        say("   ✗ no orderShipped event")
        ok = false
      }
      await shipped.cancel()
      await stock.cancel()
    } catch {
      await settle()
      say("   ✗ unexpected failure: \(error)")
      ok = false
    }

    // 5. A server stream.
    say("")
    say("5. A server stream. exportOrders sends usr_1's order history two orders per page; the generated")
    say("   client returns an AsyncSequence, and the service's send waits whenever the demo is behind.")
    do {
      var pages = 0
      for try await page in try await orders.exportOrders(
        customer: "usr_1", page: ShopCommon.PageRequest(limit: 2))
      {
        pages += 1
        say(
          "   ← page \(pages): \(page.orders.map(\.id.rawValue).joined(separator: ", "))\(page.nextCursor.map { " (next cursor \($0))" } ?? "")"
        )
      }
      await settle()
      do {
        for try await _ in try await orders.exportOrders(customer: "usr_9", page: ShopCommon.PageRequest()) {}
        say("   ✗ expected UserNotFound for usr_9")
        ok = false
      } catch let error as ShopUsers.UserNotFound {
        await settle()
        say("   ← the stream for usr_9 ended with ShopUsers.UserNotFound(id: \"\(error.id.rawValue)\")")
      }
    } catch {
      await settle()
      say("   ✗ unexpected failure: \(error)")
      ok = false
    }

    // 6. What the gateway saw.
    say("")
    say("6. What the gateway counted (parley status --gateway PATH shows the same, --json for machines):")
    do {
      let status = try await client.status()
      for service in status.services {
        let instances = service.instances.map { "\($0.instance) pid \($0.pid.map(String.init) ?? "?")" }
        say("   \(service.service) [\(instances.joined(separator: ", "))]")
        for method in service.methods {
          let p50 = method.latency.quantileMicros(0.5).map { "\(Double($0) / 1000) ms" } ?? "-"
          say("     \(method.method): \(method.calls) call(s), \(method.errors) error(s), p50 ≤ \(p50)")
        }
      }
    } catch {
      say("   ✗ could not read the status: \(error)")
      ok = false
    }
    return ok
  }

  private static func first<Payload: Sendable>(
    of events: ParleyTypedEvents<Payload>, within limit: Duration
  ) async -> Payload? {
    await withTaskGroup(of: Payload?.self) { group in
      group.addTask {
        var iterator = events.makeAsyncIterator()
        return await iterator.next()
      }
      group.addTask {
        try? await Task.sleep(for: limit)
        return nil
      }
      let result = await group.next() ?? nil
      group.cancelAll()
      return result
    }
  }
}
