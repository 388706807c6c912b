// The rule catalogue: every id, default severity and description, in one place.

private let allWires: [CompatWire] = [.json, .binary, .source]
private let codecs: [CompatWire] = [.json, .binary]
private let both: [CompatDirection] = [.backward, .forward]

extension CompatRuleID {
  /// The catalogue entry of this rule.
  public var rule: CompatRule {
    func make(
      _ severity: CompatSeverity, _ summary: String, why: String, safely: String,
      _ wires: [CompatWire], _ directions: [CompatDirection]
    ) -> CompatRule {
      CompatRule(
        id: self, severity: severity, summary: summary, why: why, safely: safely, wires: wires,
        directions: directions)
    }
    switch self {
    case .contractRemoved:
      return make(
        .error, "A contract of the baseline is missing from the new contracts.",
        why: "Every method is identified by contract, service and method name on both wires: old clients "
          + "get SERVICE_NOT_FOUND (backward); their generated Swift disappears (source).",
        safely: "Keep the contract and mark its services and methods `@deprecated` until no client uses it.",
        allWires, [.backward])
    case .contractRenamed:
      return make(
        .error,
        "A contract got a new name (matched by file path or by its declarations); reported once "
          + "as the root cause instead of once per method.",
        why: "The contract name is part of every call on both wires, so old clients fail against the new "
          + "server and new clients against the old one; the generated Swift names change (source).",
        safely:
          "Keep the old name; add the new contract next to it and migrate clients before removing the old one.",
        allWires, both)
    case .contractAdded:
      return make(
        .info, "A new contract.", why: "Nothing breaks: no existing client uses it.",
        safely: "Nothing to do.", [], [])
    case .versionDecreased:
      return make(
        .error, "The contract version went down.",
        why: "Versions travel in every envelope; a lower version makes peers and caches treat new "
          + "contracts as older ones and breaks `@since` bookkeeping.",
        safely: "Versions only go up: use a version above the baseline's.", [], [])
    case .versionNotBumped:
      return make(
        .warning,
        "The contract has a change that breaks a codec (danger or error on json or binary) but kept "
          + "its version; source-only changes do not need a new version.",
        why: "Peers see the same `cv` for two incompatible contracts, so a mismatch cannot be diagnosed.",
        safely: "Increase `version` whenever a change breaks a wire or direction.", [], [])
    case .sinceMismatch:
      return make(
        .warning,
        "A new element's `@since(N)` is not the version that adds it, or an existing "
          + "element's `@since` changed.",
        why:
          "Generated docs and availability checks would claim the element exists in versions that lack it.",
        safely: "Write `@since` with the new contract version on new elements and never change it later.",
        [], [])
    case .elementDeprecated:
      return make(
        .info, "An element became `@deprecated`.",
        why: "Nothing breaks yet; a later removal will be downgraded.",
        safely: "Nothing to do; tell clients what to use instead in the reason.", [], [])
    case .declarationRemoved:
      return make(
        .error, "A struct, enum, union, distinct type or error was removed.",
        why: "Type names never travel on the wires (fields that used the type are reported on their "
          + "own), but application code that names the generated Swift type no longer compiles (source, backward).",
        safely: "Mark it `@deprecated` and remove it in a later version once nothing uses it.",
        [.source], [.backward])
    case .declarationRenamed:
      return make(
        .error,
        "A declaration got a new name and is structurally identical (same kind, numbers, names "
          + "and types) or sits in the same place (the same field, variant or method payload); reported "
          + "once instead of removed + added, with any changes of its content listed separately.",
        why: "Type names are not on the wires, so json and binary are unaffected; the generated Swift "
          + "type name changes (source, backward).",
        safely: "Keep the old name, or add a `typealias` in your own code while migrating.",
        [.source], [.backward])
    case .declarationAdded:
      return make(
        .info, "A new declaration.", why: "Nothing breaks.", safely: "Nothing to do.", [], [])
    case .declarationKindChanged:
      return make(
        .error, "A declaration kept its name but changed kind (e.g. struct → union).",
        why: "Each kind has a different shape on both wires and a different Swift type: every reader of "
          + "the other version fails, in both directions.",
        safely:
          "Add a new declaration of the new kind and a new field or method that uses it; deprecate the old one.",
        allWires, both)
    case .errorCodeChanged:
      return make(
        .danger, "An error kept its name but its numeric code changed.",
        why: "Clients recognise a declared error by its code; with another code the error reaches them as a "
          + "generic application error (codec rule 7), in both directions on both wires.",
        safely: "Error codes are forever: add a new error with the new code instead.", codecs, both)
    case .typeChanged:
      return make(
        .error,
        "A field, variant, distinct type or payload changed type in a way other rules do not "
          + "describe (e.g. String → Int32, Float → Double, a distinct type ↔ its base type).",
        why: "Depends on the types: a reader of the other version fails to decode (error) or rejects some "
          + "values (danger) on the affected wire; the Swift type always changes (source, backward). "
          + "A distinct type ↔ its base type, or a renamed type, changes only the source.",
        safely:
          "Add a new field with the new type, deprecate the old one, and fill both during the transition.",
        allWires, both)
    case .integerWidened:
      return make(
        .error, "An integer type got wider (e.g. Int32 → Int64).",
        why: "Values written by the wider side may not fit the narrower reader: on input (requests) new "
          + "clients can send values the old server rejects (forward); on output (replies, events) the new "
          + "server can send values old clients cannot decode (backward). Only large values fail, so the codecs "
          + "rate it danger; the Swift type changes (source, error).",
        safely: "Widen only types that are input-only and accept that new clients must not send large "
          + "values to old servers, or add a new wider field.",
        allWires, both)
    case .integerNarrowed:
      return make(
        .error, "An integer type got narrower (e.g. Int64 → Int32).",
        why: "Values that the old, wider writer sends may not fit: on input old clients' large values are "
          + "rejected by the new server (backward); on output the old server's large values fail in new "
          + "clients (forward). Only large values fail (danger on the codecs); the Swift type changes (source, error).",
        safely: "Keep the wider type and narrow the accepted values with `@range` on input instead.",
        allWires, both)
    case .fieldMadeOptional:
      return make(
        .error, "A required field became optional (`T` → `T?`).",
        why: "The side that knows it as optional may leave it out; a reader that still requires it fails "
          + "to decode (input: forward, new clients → old server; output: backward, new server → old "
          + "clients). The Swift property becomes optional (source).",
        safely: "Give the field a default instead, or add a new optional field and deprecate the old one.",
        allWires, both)
    case .fieldMadeRequired:
      return make(
        .error, "An optional field became required (`T?` → `T`).",
        why: "Writers that know it as optional leave it out and the new reader fails to decode (input: "
          + "backward; output: forward). The Swift property type changes (source).",
        safely: "Keep it optional, or give it a default value so that its absence is not an error.",
        allWires, both)
    case .fieldRemoved:
      return make(
        .error, "A field was removed (its number and name are reserved).",
        why: "A reader of the old contract still requires a required field and fails when the new side "
          + "leaves it out (input: forward; output: backward); the Swift property disappears (source, backward).",
        safely: "Make the field optional or give it a default first, deprecate it, and remove it in a later "
          + "version, keeping `reserved N, \"name\"`.",
        allWires, both)
    case .fieldRemovedUnreserved:
      return make(
        .error, "A field was removed without reserving its number and name.",
        why: "As `field-removed`, and a later field could reuse the number (binary) or the name (json), "
          + "so clients of the old contract would misread it in both directions.",
        safely: "Add `reserved N, \"name\"` for the removed field.", allWires, both)
    case .fieldRenamed:
      return make(
        .error, "A field kept its number and got a new name.",
        why: "Numbers are the binary identity, so binary is unaffected; JSON identifies fields by name, so "
          + "readers of either version miss the value (both directions); the Swift property is renamed (source).",
        safely: "Keep the name (rename only in your own code), or add a new field and deprecate the old one.",
        [.json, .source], both)
    case .fieldRenumbered:
      return make(
        .error, "A field kept its name and got a new number.",
        why: "JSON uses names and the Swift API does not show numbers, but binary readers of either version "
          + "look for the other number and miss the value (both directions).",
        safely: "Never change numbers: keep the old number.", [.binary], both)
    case .fieldAdded:
      return make(
        .info, "A new optional or defaulted field.",
        why: "Nothing breaks: old readers skip it and new readers use nil or the default when it is absent.",
        safely: "Nothing to do; add `@since` with the new version.", [], [])
    case .fieldAddedRequired:
      return make(
        .error, "A new required field (neither optional nor defaulted).",
        why: "Writers of the old contract never send it, so the new reader fails to decode (input: "
          + "backward; output: forward, old server → new clients); code that builds the struct must pass the "
          + "new value (source).",
        safely: "Make the new field optional (`T?`) or give it a default (`= value`).", allWires, both)
    case .fieldDefaultChanged:
      return make(
        .warning, "A field's default value changed.",
        why: "Writers never leave out a field that equals its default (codec rule 2), so only messages from "
          + "writers that predate the field are affected: the new reader fills in another value than the "
          + "old one did (input: backward; output: forward). Swift code that relies on the default changes "
          + "meaning without a compile error (source).",
        safely: "Keep the default; add a new field if the meaning must change.", allWires, both)
    case .fieldDefaultRemoved:
      return make(
        .error, "A field lost its default and became required.",
        why: "Messages from writers that predate the field no longer decode on the new reader (input: "
          + "backward; output: forward); code that relied on the default argument no longer compiles (source).",
        safely: "Keep the default.", allWires, both)
    case .fieldMovedIntoUnion:
      return make(
        .error,
        "A field was removed and a variant of the same name appears in a union-typed field added "
          + "to the same struct; reported once instead of removed + added.",
        why: "Its value moves under another number (binary) and another key (`{\"type\": …, \"value\": …}` "
          + "in json): readers of the other version lose it or fail when it was required, in both "
          + "directions; the Swift API changes (source).",
        safely:
          "Keep the old field (deprecated) and fill both the field and the union during the transition.",
        allWires, both)
    case .enumCaseRemoved:
      return make(
        .error, "An enum case was removed (its number and name are reserved).",
        why: "Enums are open, so no decoder fails; but values the old side sends arrive as `unknown` (input: "
          + "backward; output: forward), and Swift code that names the case no longer compiles (source).",
        safely: "Deprecate the case and stop sending it first; remove it in a later version and reserve it.",
        allWires, both)
    case .enumCaseRemovedUnreserved:
      return make(
        .error, "An enum case was removed without reserving its number and name.",
        why: "As `enum-case-removed`, and a later case could reuse the number (binary) or the name (json) "
          + "with another meaning for old clients, in both directions.",
        safely: "Add `reserved N, \"name\"` for the removed case.", allWires, both)
    case .enumCaseRenamed:
      return make(
        .error, "An enum case kept its number and got a new name.",
        why:
          "JSON writes cases by name, so readers of either version see `unknown` (both directions); binary "
          + "is unaffected; the Swift case is renamed (source).",
        safely: "Keep the name; add a new case and deprecate the old one if the name must change.",
        [.json, .source], both)
    case .enumCaseRenumbered:
      return make(
        .error, "An enum case kept its name and got a new number (e.g. two cases swapped their numbers).",
        why: "Binary writes cases by number: readers of either version decode another case or `unknown` "
          + "(both directions). JSON and the Swift API are unaffected.",
        safely: "Never change numbers: keep the old ones.", [.binary], both)
    case .enumCaseAdded:
      return make(
        .warning, "A new enum case.",
        why: "Open enums keep unknown cases, so nothing fails to decode, but readers of the old contract see "
          + "`unknown` (input: forward; output: backward); exhaustive `switch`es over the generated enum "
          + "need the new case (source, warning).",
        safely: "Nothing to do; handle `unknown` in clients.", allWires, both)
    case .unionVariantRemoved:
      return make(
        .error, "A union variant was removed (its number and name are reserved).",
        why: "Unions are open, so no decoder fails, but values the old side sends arrive as `unknown` "
          + "(input: backward; output: forward); Swift code that names the variant no longer compiles (source).",
        safely:
          "Deprecate the variant and stop sending it first; remove it in a later version and reserve it.",
        allWires, both)
    case .unionVariantRemovedUnreserved:
      return make(
        .error, "A union variant was removed without reserving its number and name.",
        why: "As `union-variant-removed`, and a later variant could reuse the number (binary) or the name "
          + "(json) with another type, in both directions.",
        safely: "Add `reserved N, \"name\"` for the removed variant.", allWires, both)
    case .unionVariantRenamed:
      return make(
        .error, "A union variant kept its number and got a new name.",
        why: "JSON writes `{\"type\": name}`: readers of either version see `unknown` (both directions); "
          + "binary is unaffected; the Swift case is renamed (source).",
        safely: "Keep the name.", [.json, .source], both)
    case .unionVariantRenumbered:
      return make(
        .error, "A union variant kept its name and got a new number.",
        why: "Binary identifies variants by number: readers of either version see `unknown` or another "
          + "variant (both directions).",
        safely: "Never change numbers: keep the old one.", [.binary], both)
    case .unionVariantAdded:
      return make(
        .warning, "A new union variant.",
        why: "Open unions keep unknown variants, so nothing fails to decode, but readers of the old contract "
          + "see `unknown` (input: forward; output: backward); exhaustive `switch`es need the new case (source, warning).",
        safely: "Nothing to do; handle `unknown` in clients.", allWires, both)
    case .reservationRemoved:
      return make(
        .danger, "A reserved number or name is no longer reserved (and not in use).",
        why: "Nothing stops a later version from reusing it, which old clients would misread: numbers on "
          + "binary, names on json, both directions.",
        safely: "Reservations are forever: keep the `reserved` line.", codecs, both)
    case .reservedNumberReused:
      return make(
        .error, "A number the baseline reserves is used by a member again.",
        why:
          "Clients that still know the retired member read the new one as the old (binary, both directions).",
        safely: "Use a fresh number and keep the reservation.", [.binary], both)
    case .reservedNameReused:
      return make(
        .error, "A name the baseline reserves is used by a member again.",
        why:
          "Clients that still know the retired member read the new one as the old (json, both directions).",
        safely: "Use a fresh name and keep the reservation.", [.json], both)
    case .numberReused:
      return make(
        .error,
        "A new member uses a number that an older baseline (`--against` given more than once) "
          + "used for a different member, freed without a reservation.",
        why:
          "Clients still on that older version read the new member as the old one (binary, both directions).",
        safely: "Use a fresh number and reserve the old one.", [.binary], both)
    case .nameReused:
      return make(
        .error, "A new member uses a name that an older baseline used with a different number.",
        why:
          "Clients still on that older version read the new member as the old one (json, both directions).",
        safely: "Use a fresh name and reserve the old one.", [.json], both)
    case .constraintTightened:
      return make(
        .error, "A constraint (@range, @length, @count, @pattern, @format) now accepts fewer values.",
        why: "Receivers of requests enforce constraints (codec rule 6): on input, old clients' values can "
          + "now fail with VALIDATION_FAILED (backward, error). On output, clients do not validate, so new "
          + "clients merely may see values from old servers outside the new bounds (forward, warning).",
        safely:
          "Tighten on output only, or accept the old values on input and normalise them in the handler.",
        codecs, both)
    case .constraintLoosened:
      return make(
        .error, "A constraint now accepts more values.",
        why: "On input, new clients may send values the old server rejects (forward, error). On output, old "
          + "clients may receive values outside what they were promised (backward, warning).",
        safely: "Loosen on input only once every server runs the new version.", codecs, both)
    case .constraintChanged:
      return make(
        .error,
        "A constraint changed so that neither version accepts all values of the other (e.g. a "
          + "different @pattern).",
        why: "Both a tightening and a loosening: see those rules (input: error both directions; output: "
          + "warning both directions).",
        safely: "Change constraints in two steps: loosen first, tighten after every peer has moved.",
        codecs, both)
    case .serviceRemoved:
      return make(
        .error, "A service was removed.",
        why: "Old clients get SERVICE_NOT_FOUND for every method (both wires, backward); their generated "
          + "client disappears (source).",
        safely: "Deprecate the service and remove it once no client calls it.", allWires, [.backward])
    case .serviceRenamed:
      return make(
        .error, "A service got a new name (most methods kept); reported once, not once per method.",
        why: "The service name routes every call on both wires: old clients fail against the new server and "
          + "new clients against the old one; the generated client type is renamed (source).",
        safely: "Keep the old service next to the new one until clients have moved.", allWires, both)
    case .serviceAdded:
      return make(
        .info, "A new service.",
        why: "Nothing breaks old clients; new clients calling an old server get SERVICE_NOT_FOUND.",
        safely: "Nothing to do.", [], [])
    case .methodRemoved:
      return make(
        .error, "A method was removed.",
        why: "Old clients get METHOD_NOT_FOUND (or never receive the event) on both wires (backward); the "
          + "generated client method disappears (source).",
        safely: "Deprecate the method and remove it once no client calls it.", allWires, [.backward])
    case .methodRenamed:
      return make(
        .error, "A method got a new name with the same kind and types; reported once.",
        why: "Methods are identified by name on both wires: old clients fail against the new server and new "
          + "clients against the old one; the generated method is renamed (source).",
        safely: "Add the new method, keep the old one `@deprecated` and delegate to the new one.",
        allWires, both)
    case .methodAdded:
      return make(
        .info, "A new method.",
        why:
          "Nothing breaks old clients; new clients calling an old server get METHOD_NOT_FOUND (forward, info).",
        safely: "Nothing to do; add `@since` with the new version.", codecs, [.forward])
    case .methodKindChanged:
      return make(
        .error, "A method changed kind (rpc / oneway / event / stream).",
        why: "Each kind uses different envelopes (reply, streamItem, event): peers of the other version fail "
          + "in both directions on both wires; the generated API changes (source).",
        safely: "Add a new method of the new kind and deprecate the old one.", allWires, both)
    case .methodRequestChanged:
      return make(
        .error, "A method's request (or event payload) type changed to another type.",
        why: "The payload is decoded as the other type: readers fail (input for requests, output for event "
          + "payloads), in both directions; the generated signature changes (source).",
        safely: "Evolve the existing request struct (add optional fields) instead of replacing it.",
        allWires, both)
    case .methodResponseChanged:
      return make(
        .error, "A method's response (or stream item) type changed to another type.",
        why: "Replies are decoded as the other type by clients of the other version, in both directions; the "
          + "generated signature changes (source).",
        safely: "Evolve the existing response struct (add optional fields) instead of replacing it.",
        allWires, both)
    case .methodErrorAdded:
      return make(
        .warning, "An error was added to a method's `throws`.",
        why: "Old clients do not know it: it reaches them as a generic application error with code, name and "
          + "message (codec rule 7), never as a decoding failure (backward).",
        safely: "Make sure old clients handle generic application errors.", codecs, [.backward])
    case .methodErrorRemoved:
      return make(
        .warning, "An error was removed from a method's `throws`.",
        why:
          "An old server can still throw it; new clients receive it as a generic application error (forward).",
        safely: "Nothing breaks hard; keep handling generic application errors.", codecs, [.forward])
    case .methodIdempotencyChanged:
      return make(
        .danger, "`@idempotent` was added or removed.",
        why: "The runtime retries idempotent calls. Removed: old clients keep retrying a method that may now "
          + "run twice (backward). Added: new clients retry against old servers whose handler may not be "
          + "idempotent (forward).",
        safely:
          "Make the handler idempotent before adding the attribute; keep it until no old client remains.",
        codecs, both)
    case .methodTimeoutChanged:
      return make(
        .warning, "`@timeout` was added, removed or changed.",
        why: "Clients send their deadline with every call. Longer: old clients give up before the new server "
          + "needs to (backward). Shorter: new clients give up on old servers that need the old time (forward).",
        safely: "Change timeouts together with the server's performance, and let callers override them.",
        codecs, both)
    }
  }
}
