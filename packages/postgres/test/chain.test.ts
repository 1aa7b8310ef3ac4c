import { EventChain, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { freshStream, newEvent, newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { PostgresEventStore } from "../src/index.ts"
import * as Sql from "../src/internal/sql.ts"
import { engines, type Services, uniqueSchema } from "./support.ts"

for (const engine of engines("chain")) {
  describe(`hash chain on ${engine.name}`, () => {
    let runtime: ManagedRuntime.ManagedRuntime<Services, unknown>
    let unchecked: ManagedRuntime.ManagedRuntime<Services, unknown>
    beforeAll(async () => {
      runtime = ManagedRuntime.make(engine.layer())
      unchecked = ManagedRuntime.make(engine.layer({ checkChainOnRead: false }))
      await runtime.runPromise(Effect.void)
    })
    afterAll(async () => {
      await runtime.dispose()
      await unchecked.dispose()
      await engine.cleanup()
    })
    const store = PostgresEventStore.PostgresEventStore.use(Effect.succeed)
    const table = () => `"${engine.schema}".events`

    /** A stream of `n` events written in a single append, single appends and a slow-path append. */
    const written = (n = 5) =>
      runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          const stream = freshStream("chain")
          const events = yield* newEvents(n)
          yield* s.append(stream, events.slice(0, 2), ExpectedVersion.noStream)
          yield* s.append(stream, events.slice(2, 3), ExpectedVersion.exact(2))
          // A stale expectation goes to the append function, which answers the conflict.
          const conflict = yield* Effect.flip(s.append(stream, events.slice(3), ExpectedVersion.exact(1)))
          expect(conflict._tag).toBe("VersionConflict")
          yield* s.append(stream, events.slice(3), ExpectedVersion.any)
          return stream
        }),
      )

    const readExit = (stream: string) => runtime.runPromiseExit(Effect.flatMap(store, (s) => s.readStream(stream)))
    const tampered = async (stream: string) => {
      const exit = await readExit(stream)
      expect(Exit.isFailure(exit)).toBe(true)
      const reason = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
      return (reason as { error: { _tag: string; version: number; found: EventChain.ChainBreak } } | undefined)?.error
    }
    const verify = () => runtime.runPromise(Effect.flatMap(store, (s) => s.verify))
    const breaksOf = async (stream: string) => (await verify()).breaks.filter((b) => b.stream === stream)

    it("the hash the database stores is EventChain.link of what reads return, from genesis on", async () => {
      const stream = await written()
      const events = await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))
      const rows = await engine.query(
        `SELECT version, encode(hash, 'hex') AS hash FROM ${table()} WHERE stream = $1 ORDER BY version`,
        [stream],
      )
      let previous = EventChain.genesis
      const expected = events.map((event) => {
        previous = EventChain.link(previous, EventChain.linkedOf(event))
        return previous
      })
      expect(rows.map((row) => row.hash)).toEqual(expected)
      expect(await breaksOf(stream)).toEqual([])
    })

    it("the fast paths' preimage is the bytes of EventChain.preimage: texts of every width, versions across 9→10 and 99→100, batches and single events", async () => {
      const stream = freshStream("chain")
      // Multi-byte and astral characters, escapes in the JSON text, a long type with every allowed
      // punctuation, schema versions of one to three digits.
      const texts = ["李雷", '😀 \\ " \n \u0000', "plain", "é".repeat(300), ""]
      const events = await runtime.runPromise(
        Effect.forEach(Array.from({ length: 123 }), (_, i) =>
          newEvent(
            i % 2 === 0 ? "Chain.Happened:v-1_x" : "ApplicationSubmitted",
            { text: texts[i % texts.length]!, i },
            [1, 12, 123][i % 3]!,
          ),
        ),
      )
      await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.append(stream, events.slice(0, 1), ExpectedVersion.noStream)
          yield* s.append(stream, events.slice(1, 8), ExpectedVersion.exact(1))
          // One event per append across 9 → 10, then a batch across 99 → 100.
          for (let v = 8; v < 12; v++) yield* s.append(stream, events.slice(v, v + 1), ExpectedVersion.exact(v))
          yield* s.append(stream, events.slice(12, 121), ExpectedVersion.exact(12))
          yield* s.append(stream, events.slice(121), ExpectedVersion.any)
        }),
      )
      const read = await unchecked.runPromise(EventStore.EventStore.use((s) => s.readStream(stream)))
      expect(read).toHaveLength(123)
      const rows = await engine.query(
        `SELECT version, encode(hash, 'hex') AS hash FROM ${table()} WHERE stream = $1 ORDER BY version`,
        [stream],
      )
      let previous = EventChain.genesis
      const expected = read.map((event) => {
        previous = EventChain.link(previous, EventChain.linkedOf(event))
        return previous
      })
      expect(rows.map((row) => row.hash)).toEqual(expected)
      expect(await breaksOf(stream)).toEqual([])
      expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toHaveLength(123)
    })

    it("changed data, actor or recorded time: detected on load and by verify", async () => {
      for (const change of [
        `data = '{"n":99}'`,
        `metadata = json_build_object('commandId','c','correlationId','c','causationId','c','actor',json_build_object('id','mallory'),'occurredAt','2026-09-24T01:30:00.000Z')`,
        `recorded_at = recorded_at + interval '1 millisecond'`,
        `recorded_at = recorded_at + interval '1 microsecond'`,
      ]) {
        const stream = await written()
        await engine.query(`UPDATE ${table()} SET ${change} WHERE stream = $1 AND version = 3`, [stream])
        expect(await tampered(stream)).toMatchObject({ _tag: "TamperDetected", version: 3, found: { _tag: "Changed" } })
        expect(await breaksOf(stream)).toEqual([{ _tag: "Changed", stream, version: 3 }])
      }
    })

    it("a stream read (and so checked) before is checked again: a change after the first read still fails the next", async () => {
      for (const [change, version] of [
        [`data = '{"n":99}'`, 3],
        [`metadata = '{"actor":{"id":"mallory"}}'`, 3],
        [`recorded_at = recorded_at + interval '1 microsecond'`, 3],
        [`type = 'Other'`, 3],
        [`schema_version = 2`, 3],
        [`event_id = '00000000-0000-4000-8000-00000000abcd'`, 3],
        [`hash = sha256(hash)`, 3],
        [`hash = sha256(hash)`, 5],
      ] as const) {
        const stream = await written()
        // Read twice: the second read finds every row already checked and unchanged.
        for (let i = 0; i < 2; i++) {
          expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toHaveLength(5)
        }
        await engine.query(`UPDATE ${table()} SET ${change} WHERE stream = $1 AND version = ${version}`, [stream])
        expect(await tampered(stream), change).toMatchObject({
          _tag: "TamperDetected",
          version,
          found: { _tag: "Changed" },
        })
        const fromThree = await runtime.runPromiseExit(
          Effect.flatMap(store, (s) => s.readStream(stream, { from: version })),
        )
        expect(Exit.isFailure(fromThree), change).toBe(true)
      }
    })

    it("deleting version 2 of 3: detected on load and by verify", async () => {
      const stream = await written(3)
      await engine.query(`DELETE FROM ${table()} WHERE stream = $1 AND version = 2`, [stream])
      expect(await tampered(stream)).toMatchObject({ version: 2, found: { _tag: "Missing", version: 2, upTo: 2 } })
      expect(await breaksOf(stream)).toEqual([{ _tag: "Missing", stream, version: 2, upTo: 2 }])
    })

    it("swapping two events' versions: detected", async () => {
      const stream = await written(3)
      for (const [from, to] of [
        [2, 1000],
        [3, 2],
        [1000, 3],
      ]) {
        await engine.query(`UPDATE ${table()} SET version = $3 WHERE stream = $1 AND version = $2`, [stream, from, to])
      }
      expect((await tampered(stream))?.found._tag).toBe("Changed")
      expect((await breaksOf(stream)).length).toBeGreaterThan(0)
    })

    it("deleting the last event and appending a new one: verify finds it against the anchor; anchor will not move", async () => {
      const stream = await written(3)
      const first = await runtime.runPromise(Effect.flatMap(store, (s) => s.anchor))
      expect(first.anchored).toBeGreaterThanOrEqual(1)
      await engine.query(`DELETE FROM ${table()} WHERE stream = $1 AND version = 3`, [stream])
      expect(await breaksOf(stream)).toEqual([{ _tag: "TailDeleted", stream, version: 3, actual: 2 }])
      await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.append(stream, yield* newEvents(1), ExpectedVersion.exact(2))
          // The chain itself is whole again: loading succeeds; only the anchor shows the rewrite.
          expect(yield* s.readStream(stream)).toHaveLength(3)
        }),
      )
      expect(await breaksOf(stream)).toEqual([{ _tag: "AnchorMismatch", stream, version: 3 }])
      const again = await runtime.runPromise(Effect.flatMap(store, (s) => s.anchor))
      expect(again.refused).toContainEqual({ _tag: "AnchorMismatch", stream, version: 3 })
      expect(await breaksOf(stream)).toEqual([{ _tag: "AnchorMismatch", stream, version: 3 }])
    })

    it("a read from a version checks the link into it; checkChainOnRead: false reads without checking", async () => {
      const stream = await written(5)
      await engine.query(`UPDATE ${table()} SET data = '{"n":7}' WHERE stream = $1 AND version = 4`, [stream])
      const fromFour = await runtime.runPromiseExit(Effect.flatMap(store, (s) => s.readStream(stream, { from: 4 })))
      expect(Exit.isFailure(fromFour)).toBe(true)
      const fromTwoLimited = await runtime.runPromise(
        Effect.flatMap(store, (s) => s.readStream(stream, { from: 2, limit: 2 })),
      )
      expect(fromTwoLimited.map((e) => e.streamVersion)).toEqual([2, 3])
      const raw = await unchecked.runPromise(EventStore.EventStore.use((s) => s.readStream(stream)))
      expect(raw[3]!.data).toEqual({ n: 7 })
    })

    it("events stored before migration 3 are chained by it (microseconds and all), then checked like any", async () => {
      const schema = uniqueSchema("prechain")
      const [one, two] = Sql.migrations(schema)
      await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          yield* s.sql.script(`CREATE SCHEMA "${schema}";
CREATE TABLE "${schema}".migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
${one!.sql}
${two!.sql}
INSERT INTO "${schema}".migrations (version, name) VALUES (1, 'one'), (2, 'two');
INSERT INTO "${schema}".events (global_position, version, stream, event_id, type, schema_version, data, metadata)
SELECT g, (g - 1) % 3 + 1, 'old-' || ((g - 1) / 3), ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'Happened', 1,
       json_build_object('n', g), '{"actor":{"id":"old"}}'::json
  FROM generate_series(1, 6) g;`)
        }),
      )
      const old = ManagedRuntime.make(engine.layer({ schema }))
      try {
        const report = await old.runPromise(EventStore.EventStore.use((s) => s.verify))
        expect(report).toEqual({ streams: 2, events: 6, anchors: 0, breaks: [] })
        const read = await old.runPromise(EventStore.EventStore.use((s) => s.readStream("old-1")))
        expect(read.map((e) => e.data)).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }])
        // Appending after them chains on.
        await old.runPromise(
          EventStore.EventStore.use((s) =>
            Effect.flatMap(newEvents(2), (events) => s.append("old-1", events, ExpectedVersion.exact(3))),
          ),
        )
        expect((await old.runPromise(EventStore.EventStore.use((s) => s.verify))).breaks).toEqual([])
        await engine.query(`UPDATE "${schema}".events SET data = '{"n":0}' WHERE stream = 'old-1' AND version = 2`)
        const after = await old.runPromise(EventStore.EventStore.use((s) => s.verify))
        expect(after.breaks).toEqual([{ _tag: "Changed", stream: "old-1", version: 2 }])
      } finally {
        await old.dispose()
      }
    })
  })
}
