/**
 * The facade's policy library on PGlite and on the server is the SQL one (`PolicyLibrarySql`),
 * caught up from the log under a durable checkpoint: it answers every query as the memory facade
 * does; a new facade on the same PGlite folder finds the policies without reading the log again;
 * a second process on the same server schema sees what the first published, suspended and
 * amended. An entry loaded at an older version of its stream never replaces a newer one (two
 * catch-ups at once may write in either order).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { EventStore } from "@yiciban/eventstore"
import { createYiciban, PolicyLibrary, RuntimeStore, SharedData, type Yiciban } from "@yiciban/runtime"
import { Effect } from "effect"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import {
  libraryQueries,
  loanInterest,
  policyAdmin,
  representative,
  restaurantCode,
  sharedRecords,
  stableJobs,
  tourismVouchers,
} from "../../../runtime/test/policyFixtures.ts"
import * as PgClient from "../../src/internal/pgClient.ts"
import * as PolicyLibrarySql from "../../src/PolicyLibrarySql.ts"
import { PostgresEventStore } from "../../src/PostgresEventStore.ts"
import { postgresStore } from "../../src/pg.ts"
import { pgliteStore } from "../../src/pglite.ts"
import { databaseUrl, testSecret } from "./engines.ts"

type Facade = Awaited<ReturnType<typeof createYiciban>>

const at = (day: string) => Date.parse(`${day}T01:30:00.000Z`)
const now = () => at("2026-09-10")
const sharedData = () => SharedData.makeMemory(sharedRecords(), "湖南省数据共享交换平台")
const reader = representative(restaurantCode) as Yiciban.ActorInput
const encode = (terms: typeof stableJobs) => JSON.parse(JSON.stringify(terms))
const adminFor = (terms: typeof stableJobs) =>
  (terms === tourismVouchers
    ? { ...policyAdmin, authority: terms.authority.creditCode, region: "440300" }
    : policyAdmin) as Yiciban.ActorInput

const publishAll = async (yiciban: Facade) => {
  for (const [policyId, terms] of [
    ["HN-2026-WG-01", stableJobs],
    ["HN-2026-TX-01", loanInterest],
    ["SZ-2026-WL-01", tourismVouchers],
  ] as const) {
    await yiciban.policy.execute({ _tag: "DraftPolicy", policyId, terms: encode(terms) }, adminFor(terms))
    await yiciban.policy.execute({ _tag: "PublishPolicy", policyId }, adminFor(terms))
  }
}

const shape = (page: PolicyLibrary.Page) => ({
  total: page.total,
  items: page.items.map((item) => [item.entry.policyId, item.entry.phase, item.entry.version, item.score]),
})

const answersOf = (yiciban: Facade) =>
  Promise.all(libraryQueries.map(async (query) => shape(await yiciban.policy.search(query, reader))))

const eligibleOf = async (yiciban: Facade) =>
  (await yiciban.policy.eligibleFor(restaurantCode, "2026-09-10", reader)).map((entry) => entry.policyId)

/** The library's rows (id, phase, stream version) and its checkpoint, read in the store. */
const inStore = (yiciban: Facade) =>
  yiciban.run(
    Effect.gen(function* () {
      const store = yield* PostgresEventStore
      const t = `"${store.schema}"`
      const rows = yield* store.sql.query<{ policy_id: string; phase: string; stream_version: string }>(
        `SELECT policy_id, phase, stream_version FROM ${t}.policy_library ORDER BY policy_id`,
      )
      const head = yield* store.sql.query<{ max: string | null }>(`SELECT max(global_position) FROM ${t}.events`)
      return {
        rows: rows.map((row) => [row.policy_id, row.phase, Number(row.stream_version)]),
        checkpoint: yield* store.loadCheckpoint("projection:policy-library:0"),
        head: Number(head[0]!.max),
      }
    }) as unknown as Effect.Effect<
      { rows: Array<Array<string | number>>; checkpoint: number; head: number },
      unknown,
      EventStore.EventStore
    >,
  )

const memoryAnswers = async () => {
  const yiciban = await createYiciban({ store: RuntimeStore.memory(), now, sharedData: sharedData() })
  try {
    await publishAll(yiciban)
    return { answers: await answersOf(yiciban), eligible: await eligibleOf(yiciban) }
  } finally {
    await yiciban.close()
  }
}

describe("the facade's policy library on PGlite", () => {
  const folder = mkdtempSync(join(tmpdir(), "yiciban-policylib-"))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it("searches in SQL as the memory facade does, and a new facade on the folder finds the policies", async () => {
    const expected = await memoryAnswers()
    const open = () =>
      createYiciban({ store: pgliteStore({ dataDir: folder, secret: testSecret }), now, sharedData: sharedData() })
    const first = await open()
    try {
      await publishAll(first)
      expect(await answersOf(first)).toEqual(expected.answers)
      expect(await eligibleOf(first)).toEqual(expected.eligible)
      const stored = await inStore(first)
      expect(stored.rows).toEqual([
        ["HN-2026-TX-01", "published", 2],
        ["HN-2026-WG-01", "published", 2],
        ["SZ-2026-WL-01", "published", 2],
      ])
      expect(stored.checkpoint).toBe(stored.head)
    } finally {
      await first.close()
    }
    // A restart: the library and its checkpoint are in the folder, so the new facade reads
    // nothing again (the checkpoint is at the head) and still finds every policy.
    const second = await open()
    try {
      const stored = await inStore(second)
      expect(stored.checkpoint).toBe(stored.head)
      expect(await answersOf(second)).toEqual(expected.answers)
      await second.policy.execute(
        { _tag: "SuspendPolicy", policyId: "HN-2026-TX-01", reason: "预算调整" },
        adminFor(loanInterest),
      )
      const found = shape(await second.policy.search({ text: "贴息" }, reader))
      expect(found.items).toEqual([["HN-2026-TX-01", "suspended", 1, 3]])
      expect((await second.policy.search({ text: "贴息", openOn: "2026-09-10" }, reader)).total).toBe(0)
    } finally {
      await second.close()
    }
  }, 240_000)
})

describe.skipIf(databaseUrl === undefined)("the facade's policy library on the server, two processes", () => {
  const schema = `policylib_facade_${process.pid}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`
  afterAll(async () => {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.end()
  })

  it("one process publishes, suspends and amends; the other searches the same library", async () => {
    const expected = await memoryAnswers()
    const open = () =>
      createYiciban({
        store: postgresStore({ connectionString: databaseUrl!, schema, poolSize: 2, secret: testSecret }),
        now,
        sharedData: sharedData(),
      })
    const [a, b] = await Promise.all([open(), open()])
    try {
      await publishAll(a)
      // B catches the library up from the durable checkpoint; A then has nothing left to read.
      expect(await answersOf(b)).toEqual(expected.answers)
      expect(await eligibleOf(b)).toEqual(expected.eligible)
      expect(await answersOf(a)).toEqual(expected.answers)

      await a.policy.execute(
        { _tag: "SuspendPolicy", policyId: "HN-2026-TX-01", reason: "预算调整" },
        adminFor(loanInterest),
      )
      await a.policy.execute(
        {
          _tag: "AmendPolicy",
          policyId: "HN-2026-WG-01",
          terms: encode({ ...stableJobs, title: "稳岗返还（2026年第二批）", keywords: ["稳岗", "返还"] }),
        },
        adminFor(stableJobs),
      )
      await a.policy.execute({ _tag: "PublishPolicy", policyId: "HN-2026-WG-01" }, adminFor(stableJobs))
      // Both search at once after the new events: each catches up, neither writes an older entry.
      const [fromB, fromA] = await Promise.all([
        b.policy.search({ text: "稳岗 返还" }, reader),
        a.policy.search({ text: "贴息" }, reader),
      ])
      expect(shape(fromB).items).toEqual([["HN-2026-WG-01", "published", 2, 6]])
      expect(shape(fromA).items).toEqual([["HN-2026-TX-01", "suspended", 1, 3]])
      expect(await eligibleOf(b)).not.toContain("HN-2026-TX-01")
      const stored = await inStore(b)
      expect(stored.rows).toEqual([
        ["HN-2026-TX-01", "suspended", 3],
        ["HN-2026-WG-01", "published", 4],
        ["SZ-2026-WL-01", "published", 2],
      ])
      expect(stored.checkpoint).toBe(stored.head)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  }, 120_000)

  it("keeps the entry of the later stream version whatever order the upserts arrive in", async () => {
    const [entry] = (await memoryEntries()).filter((e) => e.policyId === "HN-2026-WG-01")
    const later = { ...entry!, phase: "suspended" as const }
    const client = new pg.Pool({ connectionString: databaseUrl, max: 1 })
    try {
      await client.query(`CREATE SCHEMA "${schema}_upsert"`)
      const sql = PgClient.make(client)
      const page = await Effect.runPromise(
        Effect.gen(function* () {
          const library = yield* PolicyLibrarySql.make(sql, `${schema}_upsert`)
          yield* library.upsert(later, 3)
          yield* library.upsert(entry!, 2)
          const afterStale = yield* library.search({ text: "稳岗" })
          yield* library.upsert(entry!, 4)
          return [afterStale, yield* library.search({ text: "稳岗" })] as const
        }),
      )
      expect(page.map((p) => p.items.map((item) => item.entry.phase))).toEqual([["suspended"], ["published"]])
      const memory = PolicyLibrary.makeMemory()
      const inMemory = await Effect.runPromise(
        Effect.gen(function* () {
          yield* memory.upsert(later, 3)
          yield* memory.upsert(entry!, 2)
          return yield* memory.search({ text: "稳岗" })
        }),
      )
      expect(inMemory.items.map((item) => item.entry.phase)).toEqual(["suspended"])
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_upsert" CASCADE`)
      await client.end()
    }
  })
})

/** The library entries of the three policies, as the memory facade's search gives them. */
const memoryEntries = async () => {
  const yiciban = await createYiciban({ store: RuntimeStore.memory(), now, sharedData: sharedData() })
  try {
    await publishAll(yiciban)
    return (await yiciban.policy.search({}, reader)).items.map((item) => item.entry)
  } finally {
    await yiciban.close()
  }
}
