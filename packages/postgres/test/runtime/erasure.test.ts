/**
 * Erasure on PGlite and on the PostgreSQL server (DATABASE_URL): the memory store's scenario
 * (packages/runtime/test/erasure.ts) on SQL, scanning every row of every table of the store's
 * schema (events with their stream names and metadata, snapshots, checkpoints, case rows, timers,
 * subject keys) after the erasure, each run in a schema of its own; and a store without a usable
 * secret does not open.
 */
import { fc, it } from "@fast-check/vitest"
import { PersonalData } from "@yiciban/runtime"
import { Effect, Exit, Layer, Option } from "effect"
import { afterAll, beforeAll, describe, expect } from "vitest"
import { persons, scanned, scenario } from "../../../runtime/test/erasure.ts"
import * as Pglite from "../../src/pglite.ts"
import { engines } from "./engines.ts"

for (const engine of engines("erasure")) {
  describe(`erasure on ${engine.name}`, () => {
    const node = engine.node()
    let start = { ...scanned }
    beforeAll(() => {
      start = { ...scanned }
    })
    afterAll(async () => {
      const size = Object.fromEntries(
        Object.entries(scanned).map(([key, value]) => [key, value - start[key as keyof typeof scanned]]),
      )
      console.log(`erasure on ${engine.name}: ${JSON.stringify(size)}`)
      await node.dispose()
      await engine.cleanup()
    })

    // Each run on a store of its own (a new schema): fast-check repeats persons between runs and
    // while shrinking, and one run's erased person must not meet another run's rows.
    let run = 0
    it.prop([persons], { numRuns: 4 })(
      "after erasure no byte of an erased person's identity number or name is readable in any row of any table",
      async (people) => {
        const store = engine.fresh()
        const onStore = store.node()
        try {
          const dump = async () => (await store.dump()).flatMap((table) => table.rows)
          await scenario(`${engine.name[0]}${++run}`, people, (effect) => onStore.exit("2026-09-01", effect), dump)
        } finally {
          await onStore.dispose()
        }
      },
      120_000,
    )

    it("two nodes making one person's key at once keep one key: each opens what the other sealed", async () => {
      const other = engine.node()
      try {
        const code = "430102198807150026"
        const seal = (on: typeof node, value: string) =>
          on.on(
            "2026-09-01",
            Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => keyring.seal(code, value, () => null)),
          )
        const open = (on: typeof node, sealed: PersonalData.Sealed) =>
          on.on(
            "2026-09-01",
            Effect.flatMap(Effect.service(PersonalData.Keyring), (keyring) => keyring.open(sealed)),
          )
        const [a, b] = await Promise.all([seal(node, "甲"), seal(other, "乙")])
        expect(await open(other, a)).toEqual(Option.some("甲"))
        expect(await open(node, b)).toEqual(Option.some("乙"))
      } finally {
        await other.dispose()
      }
    })
  })
}

describe("the secret of a store that keeps data", () => {
  it.prop([fc.constantFrom(undefined, "", "short", "x".repeat(31))])(
    "missing or shorter than 32 characters: the runtime layer fails with InvalidOptions (path secret) and never opens",
    async (secret) => {
      const exit = await Effect.runPromiseExit(
        Effect.scoped(Layer.build(Pglite.layerRuntime({ secret: secret as string }))),
      )
      expect(Exit.isFailure(exit) && JSON.stringify(exit.cause)).toContain("InvalidOptions")
    },
  )
})
