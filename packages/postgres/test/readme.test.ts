/**
 * The README's examples, run: an embedded store in a folder, and an append hook that keeps a read
 * model in the append's transaction.
 */
import { EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { Effect } from "effect"
import { afterAll, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import * as Pglite from "../src/pglite.ts"
import { temporaryDataDir } from "./support.ts"

const folder = temporaryDataDir()
afterAll(folder.remove)

it("the README example runs: append, read, and a hook that projects in the same transaction", async () => {
  const dataDir = folder.path
  // #region usage
  const submitted = (eventId: string): EventEnvelope.NewEvent => ({
    eventId,
    type: "ApplicationSubmitted",
    schemaVersion: 1,
    data: { matterCode: "11430100MB1234567X-001" },
    metadata: {
      commandId: "cmd-1",
      correlationId: "cmd-1",
      causationId: "cmd-1",
      actor: { id: "applicant-9", roles: ["applicant"] },
      occurredAt: "2026-09-24T01:30:00.000Z",
    },
  })

  const insertCase = "INSERT INTO case_list (stream, version) VALUES ($1, $2)"

  const program = Effect.gen(function* () {
    // the port: what domain code and the runtime use
    const store = yield* EventStore.EventStore
    yield* store.append("application-0001", [submitted(yield* EventEnvelope.makeEventId)], ExpectedVersion.noStream)

    // the PostgreSQL store: an append whose hook writes a read model in the same transaction
    const postgres = yield* PostgresEventStore.PostgresEventStore
    yield* postgres.sql.script("CREATE TABLE IF NOT EXISTS case_list (stream text PRIMARY KEY, version bigint)")
    yield* postgres.appendWith(
      "application-0002",
      [submitted(yield* EventEnvelope.makeEventId)],
      ExpectedVersion.noStream,
      (sql, appended) => Effect.asVoid(sql.query(insertCase, [appended.stream, appended.streamVersion])),
    )

    const events = yield* store.readAll({ fromPosition: 0, limit: 100 })
    const stall = yield* postgres.stallStatus
    return { streams: events.map((event) => event.stream), held: stall.blocker !== undefined }
  })

  // embedded: PGlite in a folder (or `layerPglite()` in memory);
  // on a server: Pg.layerPostgres({ connectionString: process.env.DATABASE_URL! })
  const result = await Effect.runPromise(program.pipe(Effect.provide(Pglite.layerPglite({ dataDir }))))
  // #endregion usage
  expect(result).toEqual({ streams: ["application-0001", "application-0002"], held: false })
})
