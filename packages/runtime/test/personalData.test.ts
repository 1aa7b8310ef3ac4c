import { fc, it } from "@fast-check/vitest"
import { Application, CreditRecord, IdentityCode } from "@yiciban/core"
import { Effect, Exit, Option, Schema } from "effect"
import { describe, expect } from "vitest"
import { Aggregates, CommandHandler, PersonalData, RuntimeStore } from "../src/index.ts"
import { untyped } from "./erasure.ts"
import { matterCode } from "./fixtures.ts"
import { failureOf, onDay } from "./support.ts"

const json: fc.Arbitrary<import("effect").Schema.Json> = fc.jsonValue() as never
const code = "430102199003077716"

const withKeyring = <A, E>(
  f: (keyring: PersonalData.Keyring["Service"], keys: Map<string, Uint8Array>) => Effect.Effect<A, E>,
) => {
  const storage = RuntimeStore.makeMemoryStorage()
  return Effect.runPromiseExit(
    Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => f(keyring, storage.keys)).pipe(
      Effect.provide(RuntimeStore.layerMemory(storage, { secret: "a-secret-of-forty-characters-0123456789" })),
    ),
  )
}

describe("the keyring", () => {
  it.prop([json])("a sealed value opens to itself; once the key is erased it opens to nothing", async (value) => {
    const exit = await withKeyring((keyring) =>
      Effect.gen(function* () {
        const sealed = yield* keyring.seal(code, value, (erased) => erased)
        expect(PersonalData.isSealed(sealed)).toBe(true)
        expect(sealed.erased).toBe(IdentityCode.erasedCodeOf(keyring.pseudonym(code)))
        const opened = yield* keyring.open(sealed)
        expect(opened).toEqual(Option.some(JSON.parse(JSON.stringify(value))))
        expect(yield* keyring.erase(sealed.subject)).toBe(true)
        expect(yield* keyring.open(sealed)).toEqual(Option.none())
      }),
    )
    expect(Exit.isSuccess(exit)).toBe(true)
  })

  it.prop([json, json])(
    "a person erased and back gets a new key: what was sealed under the erased one reads as erased, what is sealed now opens",
    async (before, after) => {
      const exit = await withKeyring((keyring) =>
        Effect.gen(function* () {
          const old = yield* keyring.seal(code, before, (erased) => erased)
          expect(yield* keyring.erase(old.subject)).toBe(true)
          const now = yield* keyring.seal(code, after, (erased) => erased)
          expect(now.subject).toBe(old.subject)
          expect(now.key).not.toBe(old.key)
          expect(yield* keyring.open(old)).toEqual(Option.none())
          expect(yield* keyring.open(now)).toEqual(Option.some(JSON.parse(JSON.stringify(after))))
          // A field of the earlier build (no key id) still opens under its key.
          const { key: _, ...unnamed } = now
          expect(yield* keyring.open(unnamed)).toEqual(Option.some(JSON.parse(JSON.stringify(after))))
          // Naming another key does not hide a field that opens under the current one: it was altered.
          const renamed = yield* Effect.exit(keyring.open({ ...now, key: old.key! }))
          expect(Exit.isFailure(renamed) && JSON.stringify(renamed.cause)).toContain("BrokenSeal")
        }),
      )
      expect(exit).toEqual(Exit.void)
    },
  )

  it.prop([json, fc.nat()])("an altered ciphertext does not open: BrokenSeal", async (value, at) => {
    const exit = await withKeyring((keyring) =>
      Effect.gen(function* () {
        const sealed = yield* keyring.seal(code, value, () => null)
        const bytes = Buffer.from(sealed.data, "base64")
        const i = at % bytes.length
        bytes[i] = bytes[i]! ^ 0x01
        return yield* keyring.open({ ...sealed, data: bytes.toString("base64") })
      }),
    )
    expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("BrokenSeal")
  })

  it.prop([fc.string({ minLength: 1 })])(
    "pseudonyms are 64 hex digits, one per code and secret, and name nothing of the code",
    (text) => {
      const a = PersonalData.pseudonymOf("secret-a-0123456789-0123456789-0123", text)
      expect(a).toMatch(/^[0-9a-f]{64}$/)
      expect(PersonalData.pseudonymOf("secret-a-0123456789-0123456789-0123", text)).toBe(a)
      expect(PersonalData.pseudonymOf("secret-b-0123456789-0123456789-0123", text)).not.toBe(a)
    },
  )

  it("the stored key is wrapped: it is not the data key, and another secret cannot open the field", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    const run = <A, E>(secret: string, effect: Effect.Effect<A, E, PersonalData.Keyring>) =>
      Effect.runPromiseExit(effect.pipe(Effect.provide(RuntimeStore.layerMemory(storage, { secret }))))
    const sealed = await run(
      "first-secret-0123456789-0123456789-0123",
      Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => keyring.seal(code, "李嫣然", () => null)),
    )
    if (!Exit.isSuccess(sealed)) throw new Error("seal failed")
    expect([...storage.keys.values()][0]!.length).toBe(12 + 16 + 32)
    const other = await run(
      "other-secret-0123456789-0123456789-0123",
      Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => keyring.open(sealed.value)),
    )
    expect(Exit.isFailure(other) && JSON.stringify(other.cause)).toContain("BrokenSeal")
  })

  // A key wrapped under another secret, and the same key's row with one bit flipped.
  const keysThatDoNotUnwrap = async (): Promise<ReadonlyArray<readonly [string, Uint8Array]>> => {
    const storage = RuntimeStore.makeMemoryStorage()
    const sealed = await Effect.runPromiseExit(
      Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => keyring.seal(code, "李嫣然", () => null)).pipe(
        Effect.provide(RuntimeStore.layerMemory(storage, { secret: "other-secret-0123456789-0123456789-0123" })),
      ),
    )
    if (!Exit.isSuccess(sealed)) throw new Error("seal failed")
    const wrapped = [...storage.keys.values()][0]!
    const altered = Uint8Array.from(wrapped)
    altered[altered.length - 1] = altered[altered.length - 1]! ^ 0x01
    return [
      ["under another secret", wrapped],
      ["altered", altered],
    ]
  }

  it("a stored key that does not unwrap: sealing fails with BrokenSeal, as opening does", async () => {
    for (const [what, wrapped] of await keysThatDoNotUnwrap()) {
      const exit = await withKeyring((keyring, keys) => {
        keys.set(keyring.pseudonym(code), wrapped)
        return keyring.seal(code, "李嫣然", () => null)
      })
      expect(failureOf(exit), what).toBeInstanceOf(PersonalData.BrokenSeal)
    }
  })

  it("a command for a person whose stored key does not unwrap fails with PersonalDataUnprotected and writes nothing", async () => {
    const person = "430102199003077716"
    for (const [what, wrapped] of await keysThatDoNotUnwrap()) {
      const storage = RuntimeStore.makeMemoryStorage()
      const pseudonym = PersonalData.pseudonymOf(PersonalData.testingSecret, person)
      storage.keys.set(pseudonym, wrapped)
      const exit = await onDay(
        storage,
        "2026-09-01",
        CommandHandler.handle(
          Aggregates.application,
          "N-1",
          untyped({
            _tag: "DraftApplication",
            caseNo: "N-1",
            applicant: { kind: "person", code: person, name: "李嫣然" },
            matterCode,
          }),
          { id: "p", roles: ["applicant"], subjects: [{ code: person, relation: "self" }] },
        ),
      )
      const failure = failureOf(exit)
      expect(failure?._tag, what).toBe("PersonalDataUnprotected")
      expect(failure?.message, what).toContain("does not unwrap")
      expect(storage.events.events.length, what).toBe(0)
      expect(storage.cases.size, what).toBe(0)
      expect(storage.timers.size, what).toBe(0)
      expect([...storage.keys], what).toEqual([[pseudonym, wrapped]])
    }
  })

  it.prop([fc.oneof(fc.constant(undefined), fc.string({ maxLength: 31 }), fc.integer())])(
    "a secret that is not a string of 32 characters is InvalidOptions",
    (secret) => {
      const checked = PersonalData.checkSecret(secret)
      expect(checked._tag).toBe("Failure")
    },
  )
})

describe("the erased code", () => {
  const pseudonym = fc.stringMatching(/^[0-9a-f]{64}$/)

  it.prop([pseudonym])(
    "events and states accept it where they hold a person's number; commands never do, and it is never an identity number",
    (p) => {
      const erased = IdentityCode.erasedCodeOf(p)
      const applicant = { kind: "person", code: erased, name: IdentityCode.erasedName }
      expect(IdentityCode.isErasedCode(erased)).toBe(true)
      expect(IdentityCode.isResidentIdNumber(erased)).toBe(false)
      expect(Schema.is(Application.Applicant)(applicant)).toBe(true)
      expect(Schema.is(Application.ApplicantInput)(applicant)).toBe(false)
      expect(Schema.is(CreditRecord.CreditSubject)({ kind: "person", code: erased })).toBe(true)
      expect(Schema.is(CreditRecord.CreditSubjectInput)({ kind: "person", code: erased })).toBe(false)
    },
  )
})
