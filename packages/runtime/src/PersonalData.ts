/**
 * Personal data (个人信息, PIPL): pseudonymous stream names, personal fields sealed with a key per
 * subject kept apart from the event log, and erasure by deleting that key.
 *
 * - **Pseudonym**: a subject (a person, by resident identity number) is named in stream names, case
 *   rows and event metadata by `HMAC-SHA-256(secret, "subject:" + code)` in hex, never by its code.
 *   The deployment's `secret` comes from the host.
 * - **Sealing**: the fields an aggregate declares personal ({@link Aggregate.Personal}) are
 *   replaced, before the append, by a {@link Sealed} envelope: AES-256-GCM under the subject's
 *   data key, the pseudonym as additional data, and the value the field reads as once erased. The
 *   runtime opens them after every read, so deciders and projections see plain values.
 * - **Keys**: one random 256-bit data key per subject, created on first use, wrapped (AES-256-GCM)
 *   with a key derived from the secret and kept by a {@link KeyStore} (a map in memory, the table
 *   `subject_keys` on PostgreSQL and PGlite) — never in the event log. A stored key that does not
 *   unwrap (wrapped under another secret, or its row altered) is a {@link BrokenSeal}: opening a
 *   field under it fails, and so does sealing a new one (nothing is sealed, nothing appended).
 * - **Erasure**: deleting the key makes every sealed field of the subject unreadable for good;
 *   opened after that, a field reads as its declared erased value (`IdentityCode.ErasedCode`,
 *   `IdentityCode.erasedName`), so replay, deciders and projections keep working.
 *
 * @since 0.2.0
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto"
import { IdentityCode } from "@yiciban/core"
import type { EventStore } from "@yiciban/eventstore"
import { EventStoreError } from "@yiciban/eventstore"
import type { Schema } from "effect"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Result from "effect/Result"
import type { Any } from "./Aggregate.ts"
import { InvalidOptions, type ReadModelUnavailable, UnreadableEvent } from "./RuntimeError.ts"

/**
 * The shortest secret accepted: 32 characters (a random 32-byte value in base64 has 44).
 *
 * @category models
 * @since 0.2.0
 */
export const minimumSecretLength = 32

/**
 * A fixed, public secret for tests and demos on the memory store ONLY: anyone can compute the
 * pseudonyms and unwrap the keys made with it. The memory store uses it when given no secret; the
 * PostgreSQL and PGlite stores never do.
 *
 * @category models
 * @since 0.2.0
 */
export const testingSecret = "yiciban-testing-secret-NOT-FOR-PRODUCTION-0000"

/**
 * Where the wrapped data keys live, apart from the event log.
 *
 * - `getOrCreate(pseudonym, fresh)`: the subject's wrapped key, storing `fresh` first when it has
 *   none (two writers racing keep one key);
 * - `get(pseudonym)`: the wrapped key, or `undefined` (never made, or erased);
 * - `erase(pseudonym)`: deletes the key; true when there was one.
 *
 * @category services
 * @since 0.2.0
 */
export class KeyStore extends Context.Service<
  KeyStore,
  {
    readonly getOrCreate: (pseudonym: string, fresh: Uint8Array) => Effect.Effect<Uint8Array, ReadModelUnavailable>
    readonly get: (pseudonym: string) => Effect.Effect<Uint8Array | undefined, ReadModelUnavailable>
    readonly erase: (pseudonym: string) => Effect.Effect<boolean, ReadModelUnavailable>
  }
>()("@yiciban/runtime/KeyStore") {}

/**
 * The key store in memory, over `keys` (the memory store's map).
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeMemoryKeyStore = (keys: Map<string, Uint8Array>): KeyStore["Service"] =>
  KeyStore.of({
    getOrCreate: (pseudonym, fresh) =>
      Effect.sync(() => {
        const stored = keys.get(pseudonym)
        if (stored !== undefined) return stored
        keys.set(pseudonym, fresh)
        return fresh
      }),
    get: (pseudonym) => Effect.sync(() => keys.get(pseudonym)),
    erase: (pseudonym) => Effect.sync(() => keys.delete(pseudonym)),
  })

/**
 * A sealed personal field as it is stored in an event's data: the cipher, the subject's
 * pseudonym, `data` (base64 of the 12-byte IV, the 16-byte tag and the ciphertext of the field's
 * JSON), what the field reads as once the subject is erased, and `key`, the id of the data key it
 * was sealed under ({@link keyIdOf}; absent in fields sealed by earlier builds, which open as before).
 *
 * The key id tells a field sealed under a key since erased from an altered one: a person erased
 * and then back (a new application) gets a new key, and the fields sealed under the old one read
 * as erased, not as broken.
 *
 * @category models
 * @since 0.2.0
 */
export interface Sealed {
  readonly "~sealed": "aes-256-gcm"
  readonly subject: string
  readonly data: string
  readonly erased: Schema.Json
  readonly key?: string
}

/**
 * True when `u` is a {@link Sealed} field.
 *
 * @category guards
 * @since 0.2.0
 */
export const isSealed = (u: unknown): u is Sealed =>
  typeof u === "object" &&
  u !== null &&
  !Array.isArray(u) &&
  (u as { "~sealed"?: unknown })["~sealed"] === "aes-256-gcm" &&
  typeof (u as { subject?: unknown }).subject === "string" &&
  typeof (u as { data?: unknown }).data === "string" &&
  ((u as { key?: unknown }).key === undefined || typeof (u as { key?: unknown }).key === "string") &&
  "erased" in u

/**
 * What the runtime does with personal data: name subjects by pseudonym, seal and open fields,
 * erase a subject's key.
 *
 * @category services
 * @since 0.2.0
 */
export class Keyring extends Context.Service<
  Keyring,
  {
    readonly pseudonym: (code: string) => string
    /** The value sealed under the subject's key (made on first use); a stored key that does not unwrap fails. */
    readonly seal: (
      code: string,
      value: Schema.Json,
      erased: (code: IdentityCode.ErasedCode) => Schema.Json,
    ) => Effect.Effect<Sealed, ReadModelUnavailable | BrokenSeal>
    /** The field's value, or `Option.none()` when the subject's key was erased; a broken seal fails. */
    readonly open: (sealed: Sealed) => Effect.Effect<Option.Option<Schema.Json>, ReadModelUnavailable | BrokenSeal>
    readonly erase: (pseudonym: string) => Effect.Effect<boolean, ReadModelUnavailable>
  }
>()("@yiciban/runtime/Keyring") {}

/**
 * A sealed field did not open under its subject's key: the ciphertext, the tag or the pseudonym
 * was altered, or the key belongs to another secret. Sealing fails with it too when the subject's
 * stored key does not unwrap (wrapped under another secret, or its row altered).
 *
 * @category errors
 * @since 0.2.0
 */
export class BrokenSeal extends Error {
  readonly _tag = "BrokenSeal"
  constructor(readonly subject: string) {
    super(`a sealed field of subject ${subject} does not open: altered, or sealed under another secret`)
  }
}

const hmac = (secret: string | Uint8Array, label: string) => createHmac("sha256", secret).update(label).digest()

/**
 * The id of a data key as a sealed field records it: the first 8 bytes of
 * `HMAC-SHA-256(key, "yiciban/key-id")` in hex (16 characters). It names the key without
 * revealing it.
 *
 * @category constructors
 * @since 0.3.0
 */
export const keyIdOf = (key: Uint8Array): string => hmac(key, "yiciban/key-id").subarray(0, 8).toString("hex")

/**
 * The pseudonym of a subject's code under `secret`: `HMAC-SHA-256(secret, "subject:" + code)` in
 * hex (64 characters).
 *
 * @example
 * ```ts
 * import { PersonalData } from "@yiciban/runtime"
 *
 * PersonalData.pseudonymOf(PersonalData.testingSecret, "430102199003077716").length // 64
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const pseudonymOf = (secret: string, code: string): string => hmac(secret, `subject:${code}`).toString("hex")

const encrypt = (key: Uint8Array, plain: Uint8Array, aad: string): Buffer => {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", key, iv)
  cipher.setAAD(Buffer.from(aad, "utf8"))
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

const decrypt = (key: Uint8Array, sealed: Uint8Array, aad: string): Buffer | undefined => {
  try {
    const bytes = Buffer.from(sealed)
    const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, 12))
    decipher.setAAD(Buffer.from(aad, "utf8"))
    decipher.setAuthTag(bytes.subarray(12, 28))
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()])
  } catch {
    return undefined
  }
}

/**
 * Checks a deployment secret: a string of at least {@link minimumSecretLength} characters.
 *
 * @category combinators
 * @since 0.2.0
 */
export const checkSecret = (secret: unknown): Result.Result<string, InvalidOptions> =>
  typeof secret !== "string"
    ? Result.fail(
        new InvalidOptions({
          path: "secret",
          detail: `a store that keeps data needs the deployment's secret (a string of at least ${minimumSecretLength} characters, e.g. 32 random bytes in base64), to name subjects by pseudonym and wrap their keys`,
        }),
      )
    : secret.length < minimumSecretLength
      ? Result.fail(
          new InvalidOptions({
            path: "secret",
            detail: `the secret has ${secret.length} characters; at least ${minimumSecretLength} are needed`,
          }),
        )
      : Result.succeed(secret)

/**
 * The keyring over a key store, with `secret` (checked with {@link checkSecret}).
 *
 * @category constructors
 * @since 0.2.0
 */
export const makeKeyring = (secret: string, keys: KeyStore["Service"]): Keyring["Service"] => {
  const wrapping = hmac(secret, "yiciban/key-wrapping")
  // The subject's data key, or undefined when its stored form does not unwrap to one: wrapped under
  // another secret, or its row altered.
  const unwrap = (pseudonym: string, wrapped: Uint8Array): Buffer | undefined => {
    const key = decrypt(wrapping, wrapped, `key:${pseudonym}`)
    return key?.length === 32 ? key : undefined
  }
  return Keyring.of({
    pseudonym: (code) => pseudonymOf(secret, code),
    seal: (code, value, erased) =>
      Effect.gen(function* () {
        const subject = pseudonymOf(secret, code)
        const wrapped = yield* keys.getOrCreate(subject, encrypt(wrapping, randomBytes(32), `key:${subject}`))
        const key = unwrap(subject, wrapped)
        if (key === undefined) return yield* Effect.fail(new BrokenSeal(subject))
        const data = encrypt(key, Buffer.from(JSON.stringify(value), "utf8"), subject).toString("base64")
        return {
          "~sealed": "aes-256-gcm",
          subject,
          data,
          erased: erased(IdentityCode.erasedCodeOf(subject)),
          key: keyIdOf(key),
        }
      }),
    open: (sealed) =>
      Effect.gen(function* () {
        const wrapped = yield* keys.get(sealed.subject)
        if (wrapped === undefined) return Option.none()
        const key = unwrap(sealed.subject, wrapped)
        if (key === undefined) return yield* Effect.fail(new BrokenSeal(sealed.subject))
        const plain = decrypt(key, Buffer.from(sealed.data, "base64"), sealed.subject)
        // Sealed under another key of the subject's — one erased since, the person back with a new
        // key — the field reads as erased. A field that opens under the current key although it names
        // another, or that names the current key and does not open, was altered.
        if (sealed.key !== undefined && sealed.key !== keyIdOf(key)) {
          return plain === undefined ? Option.none() : yield* Effect.fail(new BrokenSeal(sealed.subject))
        }
        if (plain === undefined) return yield* Effect.fail(new BrokenSeal(sealed.subject))
        return Option.some(JSON.parse(plain.toString("utf8")) as Schema.Json)
      }),
    erase: (pseudonym) => keys.erase(pseudonym),
  })
}

/**
 * The keyring over the {@link KeyStore} in context, with the deployment's `secret`; fails with
 * `InvalidOptions` (path `secret`) when it is missing or too short.
 *
 * @example
 * ```ts
 * import { PersonalData } from "@yiciban/runtime"
 *
 * const keyring = PersonalData.layerKeyring(process.env.YICIBAN_SECRET) // needs a KeyStore
 * ```
 *
 * @category layers
 * @since 0.2.0
 */
export const layerKeyring = (secret: unknown): Layer.Layer<Keyring, InvalidOptions, KeyStore> =>
  Layer.effect(
    Keyring,
    Effect.gen(function* () {
      const checked = yield* Effect.fromResult(checkSecret(secret))
      return makeKeyring(checked, yield* KeyStore)
    }),
  )

// ---------------------------------------------------------------------------------------------
// What the runtime does with it
// ---------------------------------------------------------------------------------------------

const noKeyring = (stream: string, what: string) =>
  new UnreadableEvent({
    stream,
    streamVersion: 0,
    type: "personal data",
    detail: `${what} needs the Keyring service (PersonalData.layerKeyring, or a store layer given a secret); none is provided`,
  })

const unavailable = (operation: string) => (error: ReadModelUnavailable) =>
  new EventStoreError.StoreUnavailable({ operation, cause: error })

/**
 * The stream of an aggregate's instance: `<name>-<id>`, or `<name>-<pseudonym>` when the instance
 * is a person ({@link Aggregate.Personal} `instanceSubject`; an erased code names its pseudonym).
 *
 * @category combinators
 * @since 0.2.0
 */
export const streamFor = (aggregate: Any, id: string): Effect.Effect<string, UnreadableEvent> =>
  Effect.gen(function* () {
    const code = aggregate.personal?.instanceSubject?.(id)
    if (code === undefined) return `${aggregate.name}-${id}`
    if (IdentityCode.isErasedCode(code)) return `${aggregate.name}-${code.slice("erased:".length)}`
    const keyring = yield* Effect.serviceOption(Keyring)
    if (Option.isNone(keyring)) return yield* noKeyring(`${aggregate.name}-?`, "naming a person's stream")
    return `${aggregate.name}-${keyring.value.pseudonym(code)}`
  })

/**
 * The pseudonym of `code` when it is a resident identity number (a person), else `code` itself
 * (an enterprise's credit code is not personal data).
 *
 * @category combinators
 * @since 0.2.0
 */
export const pseudonymIfPerson = (keyring: Keyring["Service"], code: string): string =>
  IdentityCode.isResidentIdNumber(code) ? keyring.pseudonym(code) : code

/**
 * Opens every sealed field of a stored event's data (at any depth): its value, or its erased value
 * once the subject's key is gone. A broken seal is an `UnreadableEvent`.
 *
 * @category combinators
 * @since 0.2.0
 */
export const openEvent = (
  event: EventStore.RecordedEvent,
): Effect.Effect<EventStore.RecordedEvent, UnreadableEvent | EventStoreError.StoreUnavailable> =>
  Effect.gen(function* () {
    if (!containsSealed(event.data)) return event
    const keyring = yield* Effect.serviceOption(Keyring)
    if (Option.isNone(keyring)) return yield* noKeyring(event.stream, "opening sealed personal data")
    const data = yield* openJson(keyring.value, event.data).pipe(
      Effect.mapError((error) =>
        error instanceof BrokenSeal
          ? new UnreadableEvent({
              stream: event.stream,
              streamVersion: event.streamVersion,
              type: event.type,
              detail: error.message,
            })
          : unavailable("open personal data")(error),
      ),
    )
    return { ...event, data: data as EventStore.RecordedEvent["data"] }
  })

const containsSealed = (u: unknown): boolean => {
  if (isSealed(u)) return true
  if (Array.isArray(u)) return u.some(containsSealed)
  if (typeof u === "object" && u !== null) return Object.values(u).some(containsSealed)
  return false
}

const openJson = (keyring: Keyring["Service"], u: unknown): Effect.Effect<unknown, ReadModelUnavailable | BrokenSeal> =>
  Effect.gen(function* () {
    if (isSealed(u)) {
      const opened = yield* keyring.open(u)
      return Option.isSome(opened) ? opened.value : u.erased
    }
    if (Array.isArray(u)) {
      const out: Array<unknown> = []
      for (const item of u) out.push(yield* openJson(keyring, item))
      return out
    }
    if (typeof u === "object" && u !== null) {
      const out: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(u)) out[key] = yield* openJson(keyring, value)
      return out
    }
    return u
  })

/**
 * Seals the personal fields of one encoded event's data: each field at its path replaced by a
 * {@link Sealed} envelope under its subject's key. A path that is not in the data is a defect of
 * the aggregate's declaration and fails (nothing personal is appended unsealed by mistake); a
 * subject whose stored key does not unwrap fails with {@link BrokenSeal}.
 *
 * @category combinators
 * @since 0.2.0
 */
export const sealFields = (
  keyring: Keyring["Service"],
  data: Schema.Json,
  fields: ReadonlyArray<PersonalField>,
): Effect.Effect<Schema.Json, ReadModelUnavailable | MissingPersonalField | BrokenSeal> =>
  Effect.gen(function* () {
    let out = data
    for (const field of fields) {
      const value = at(out, field.path)
      if (value === undefined) return yield* Effect.fail(new MissingPersonalField(field.path))
      out = replaced(out, field.path, yield* keyring.seal(field.subject, value, field.erased))
    }
    return out
  })

/**
 * A personal field of an event: where it is in the event's encoded data (`path`), whose it is
 * (`subject`: the person's resident identity number) and what it reads as once erased (given the
 * subject's erased code, `erased:<pseudonym>`).
 *
 * @category models
 * @since 0.2.0
 */
export interface PersonalField {
  readonly path: ReadonlyArray<string>
  readonly subject: string
  readonly erased: (code: IdentityCode.ErasedCode) => Schema.Json
}

/**
 * An aggregate declared a personal field at a path its event's data does not have.
 *
 * @category errors
 * @since 0.2.0
 */
export class MissingPersonalField extends Error {
  readonly _tag = "MissingPersonalField"
  constructor(readonly path: ReadonlyArray<string>) {
    super(`the declared personal field ${path.join(".")} is not in the event's data`)
  }
}

const at = (json: Schema.Json, path: ReadonlyArray<string>): Schema.Json | undefined => {
  let here: unknown = json
  for (const key of path) {
    if (typeof here !== "object" || here === null || !(key in here)) return undefined
    here = (here as Record<string, unknown>)[key]
  }
  return here as Schema.Json
}

const replaced = (json: Schema.Json, path: ReadonlyArray<string>, value: unknown): Schema.Json => {
  if (path.length === 0) return value as Schema.Json
  const [head, ...rest] = path
  const object = json as Record<string, Schema.Json>
  return { ...object, [head!]: replaced(object[head!]!, rest, value) } as Schema.Json
}
