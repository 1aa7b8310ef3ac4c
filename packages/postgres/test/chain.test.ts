import { EventChain, type EventEnvelope, EventStore, ExpectedVersion } from "@yiciban/eventstore"
import { freshStream, newEvent, newEvents } from "@yiciban/eventstore/testing"
import { Effect, Exit, ManagedRuntime } from "effect"
import fc from "fast-check"
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

    /**
     * A change to each field a link covers, as an `UPDATE … SET` clause; `id` (four hex digits) ends the new event id
     * (event ids are unique across the table, so each test passes its own).
     */
    const rowChanges = (id: string) => [
      `data = '{"n":99}'`,
      `metadata = '{"actor":{"id":"mallory"}}'`,
      `recorded_at = recorded_at + interval '1 microsecond'`,
      `type = 'Other'`,
      `schema_version = 2`,
      `event_id = '00000000-0000-4000-8000-00000000${id}'`,
      `hash = sha256(hash)`,
    ]

    const readExit = (stream: string) => runtime.runPromiseExit(Effect.flatMap(store, (s) => s.readStream(stream)))
    const tampered = async (stream: string) => {
      const exit = await readExit(stream)
      expect(Exit.isFailure(exit)).toBe(true)
      const reason = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
      return (reason as { error: { _tag: string; version: number; found: EventChain.ChainBreak } } | undefined)?.error
    }
    const verify = () => runtime.runPromise(Effect.flatMap(store, (s) => s.verify))
    const breaksOf = async (stream: string) => (await verify()).breaks.filter((b) => b.stream === stream)

    /** The stored hashes and `batch_start` of a stream, in version order. */
    const storedLinks = async (stream: string) => {
      const rows = await engine.query(
        `SELECT version, encode(hash, 'hex') AS hash, batch_start FROM ${table()} WHERE stream = $1 ORDER BY version`,
        [stream],
      )
      return rows.map((row) => ({
        hash: row.hash as string,
        batchStart: row.batch_start === null ? null : Number(row.batch_start),
      }))
    }

    /**
     * The hashes a stream's events must store, from what reads return: `EventChain.link` for an
     * event linked alone, `EventChain.linkBatch` for the events of one batch (`batchStarts[i]`, the
     * stored `batch_start` of event i).
     */
    const referenceHashes = (
      events: ReadonlyArray<EventEnvelope.RecordedEvent>,
      batchStarts: ReadonlyArray<number | null>,
    ) => {
      const hashes: Array<string> = []
      let previous = EventChain.genesis
      for (let i = 0; i < events.length; ) {
        const start = batchStarts[i]
        if (start === null) {
          previous = EventChain.link(previous, EventChain.linkedOf(events[i]!))
          hashes.push(previous)
          i++
          continue
        }
        let end = i
        while (end < events.length && batchStarts[end] === start) end++
        const batch = events.slice(i, end)
        previous = EventChain.linkBatch(previous, {
          stream: batch[0]!.stream,
          firstVersion: batch[0]!.streamVersion,
          recordedAt: batch[0]!.recordedAt,
          events: batch.map((event) => EventChain.linkedOf(event)),
        })
        for (const _ of batch) hashes.push(previous)
        i = end
      }
      return hashes
    }

    it("the hash the database stores is EventChain.link (one event) or EventChain.linkBatch (a batch) of what reads return, from genesis on", async () => {
      const stream = await written()
      const events = await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))
      const stored = await storedLinks(stream)
      // Versions 1–2 one append (the fast path on the server), 3 alone, 4–5 through the append function.
      expect(stored.map((row) => row.batchStart)).toEqual([1, 1, null, 4, 4])
      expect(stored.map((row) => row.hash)).toEqual(
        referenceHashes(
          events,
          stored.map((row) => row.batchStart),
        ),
      )
      expect(await breaksOf(stream)).toEqual([])
    })

    it("the fast paths' preimages are the bytes of EventChain.preimage and batchPreimage: texts of every width, types array_out quotes, versions across 9→10 and 99→100, batches and single events", async () => {
      const stream = freshStream("chain")
      // Multi-byte and astral characters, escapes in the JSON text, a long type with every allowed
      // punctuation, schema versions of one to three digits.
      const texts = ["李雷", '😀 \\ " \n \u0000', "plain", "é".repeat(300), ""]
      const events = await runtime.runPromise(
        Effect.forEach(Array.from({ length: 123 }), (_, i) =>
          newEvent(
            // "null" and "NULL" are quoted in an array's text (array_out), the others are not.
            ["Chain.Happened:v-1_x", "ApplicationSubmitted", "null", "NULL"][i % 4]!,
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
      const stored = await storedLinks(stream)
      expect(new Set(stored.map((row) => row.batchStart))).toEqual(new Set([null, 2, 13, 122]))
      expect(stored.map((row) => row.hash)).toEqual(
        referenceHashes(
          read,
          stored.map((row) => row.batchStart),
        ),
      )
      expect(await breaksOf(stream)).toEqual([])
      expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toHaveLength(123)
    })

    it("EventChain.arrayText is the text PostgreSQL's array_out writes for a text array, whatever the elements", async () => {
      // PostgreSQL's text holds no NUL and no lone surrogate (the driver sends UTF-8).
      const element = fc
        .oneof(
          fc.string({ unit: "grapheme", maxLength: 8 }),
          fc.constantFrom("", "NULL", "null", "a b", "{", "}", ",", '"', "\\", "\t", "\v", "\f", "\r\n", " "),
        )
        .map((text) => text.split(String.fromCharCode(0)).join(""))
      await fc.assert(
        fc.asyncProperty(fc.array(element, { maxLength: 6 }), async (elements) => {
          const rows = await engine.query("SELECT $1::text[]::text AS text", [elements])
          expect(EventChain.arrayText(elements)).toBe(rows[0]!.text)
        }),
        { numRuns: 150 },
      )
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
      for (const [change, version, shownAt = version] of [
        ...rowChanges("abcd").map((change) => [change, 3] as const),
        // Versions 4 and 5 share one link (a batch): a change to either shows at the batch's first.
        [`hash = sha256(hash)`, 5, 4],
        [`data = '{"n":99}'`, 5, 4],
        [`batch_start = NULL`, 5, 4],
      ] as const) {
        const stream = await written()
        // Read twice: the second read finds every row already checked and unchanged.
        for (let i = 0; i < 2; i++) {
          expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toHaveLength(5)
        }
        await engine.query(`UPDATE ${table()} SET ${change} WHERE stream = $1 AND version = ${version}`, [stream])
        expect(await tampered(stream), change).toMatchObject({
          _tag: "TamperDetected",
          version: shownAt,
          found: { _tag: "Changed" },
        })
        const fromThree = await runtime.runPromiseExit(
          Effect.flatMap(store, (s) => s.readStream(stream, { from: version })),
        )
        expect(Exit.isFailure(fromThree), change).toBe(true)
      }
    })

    it("a store's own single-event appends, not read yet, are checked on its first read: a change after the write fails it", async () => {
      for (const [change, version] of [
        ...rowChanges("abce").map((change) => [change, 2] as const),
        [`data = '{"n":99}'`, 1],
        [`hash = sha256(hash)`, 3],
      ] as const) {
        const stream = await runtime.runPromise(
          Effect.gen(function* () {
            const s = yield* store
            const stream = freshStream("chain")
            const events = yield* newEvents(3)
            for (const [i, event] of events.entries()) yield* s.append(stream, [event], ExpectedVersion.exact(i))
            return stream
          }),
        )
        await engine.query(`UPDATE ${table()} SET ${change} WHERE stream = $1 AND version = ${version}`, [stream])
        expect(await tampered(stream), change).toMatchObject({
          _tag: "TamperDetected",
          version,
          found: { _tag: "Changed" },
        })
      }
    })

    it("a row read again unchanged comes back as the same deeply frozen event, in a fresh array; a changed global position (outside the link) is read as stored", async () => {
      const read = (stream: string) => runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))
      const stream = await written()
      const first = await read(stream)
      const second = await read(stream)
      expect(second).not.toBe(first)
      for (const [i, event] of second.entries()) expect(event).toBe(first[i])
      const frozen = (value: unknown): boolean =>
        typeof value !== "object" || value === null || (Object.isFrozen(value) && Object.values(value).every(frozen))
      for (const event of first) expect(frozen(event)).toBe(true)
      ;(second as Array<EventEnvelope.RecordedEvent>).pop()
      expect(await read(stream)).toHaveLength(5)
      await engine.query(
        `UPDATE ${table()} SET global_position = global_position + 1000000000 WHERE stream = $1 AND version = 2`,
        [stream],
      )
      const third = await read(stream)
      expect(third[1]!.globalPosition).toBe(first[1]!.globalPosition + 1_000_000_000)
      expect(third[1]).toMatchObject({ ...first[1], globalPosition: first[1]!.globalPosition + 1_000_000_000 })
      expect(third[0]).toBe(first[0])
      // Without the check, every read makes its events afresh.
      const plain = (s: string) => unchecked.runPromise(Effect.flatMap(store, (x) => x.readStream(s)))
      expect((await plain(stream))[0]).not.toBe((await plain(stream))[0])
    })

    it("deleting version 2 of 3: detected on load and by verify", async () => {
      const stream = await written(3)
      await engine.query(`DELETE FROM ${table()} WHERE stream = $1 AND version = 2`, [stream])
      // Version 1 shared its link with version 2 (one append): it no longer matches it.
      expect(await tampered(stream)).toMatchObject({ version: 1, found: { _tag: "Changed", version: 1 } })
      expect(await breaksOf(stream)).toEqual([
        { _tag: "Changed", stream, version: 1 },
        { _tag: "Missing", stream, version: 2, upTo: 2 },
      ])
      // Linked one by one: only the gap shows.
      const single = freshStream("chain")
      await runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          for (let v = 0; v < 3; v++) yield* s.append(single, yield* newEvents(1), ExpectedVersion.exact(v))
        }),
      )
      await engine.query(`DELETE FROM ${table()} WHERE stream = $1 AND version = 2`, [single])
      expect(await tampered(single)).toMatchObject({ version: 2, found: { _tag: "Missing", version: 2, upTo: 2 } })
      expect(await breaksOf(single)).toEqual([{ _tag: "Missing", stream: single, version: 2, upTo: 2 }])
    })

    /** A stream of one 10-event append (versions 1–10), then two single events. */
    const batched = () =>
      runtime.runPromise(
        Effect.gen(function* () {
          const s = yield* store
          const stream = freshStream("chain")
          yield* s.append(stream, yield* newEvents(10), ExpectedVersion.noStream)
          yield* s.append(stream, yield* newEvents(1), ExpectedVersion.exact(10))
          yield* s.append(stream, yield* newEvents(1), ExpectedVersion.exact(11))
          return stream
        }),
      )

    it("inside a batch (one link for its events): a change to any event, its time, its hash or its batch mark, a deleted event or a deleted tail is detected on load and by verify", async () => {
      for (const [change, shownAt, found] of [
        [`UPDATE {t} SET data = '{"n":99}' WHERE stream = $1 AND version = 5`, 1, "Changed"],
        [`UPDATE {t} SET type = 'Other' WHERE stream = $1 AND version = 10`, 1, "Changed"],
        [
          `UPDATE {t} SET recorded_at = recorded_at + interval '1 microsecond' WHERE stream = $1 AND version = 7`,
          1,
          "Changed",
        ],
        [`UPDATE {t} SET hash = sha256(hash) WHERE stream = $1 AND version BETWEEN 1 AND 10`, 1, "Changed"],
        [`UPDATE {t} SET hash = sha256(hash) WHERE stream = $1 AND version = 6`, 1, "Changed"],
        // Claimed to be linked one by one, or the batch's boundary moved.
        [`UPDATE {t} SET batch_start = NULL WHERE stream = $1 AND version BETWEEN 1 AND 10`, 1, "Changed"],
        [`UPDATE {t} SET batch_start = 6 WHERE stream = $1 AND version BETWEEN 6 AND 10`, 1, "Changed"],
        [`UPDATE {t} SET batch_start = 1 WHERE stream = $1 AND version = 11`, 1, "Changed"],
        // Events deleted inside the batch, at its end, or the stream cut inside it.
        [`DELETE FROM {t} WHERE stream = $1 AND version = 4`, 1, "Changed"],
        [`DELETE FROM {t} WHERE stream = $1 AND version = 10`, 1, "Changed"],
        [`DELETE FROM {t} WHERE stream = $1 AND version >= 8`, 1, "Changed"],
      ] as const) {
        const stream = await batched()
        // Read twice first: the second read finds every row checked and unchanged.
        for (let i = 0; i < 2; i++) {
          expect(await runtime.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))).toHaveLength(12)
        }
        await engine.query(change.replace("{t}", table()), [stream])
        expect(await tampered(stream), change).toMatchObject({ version: shownAt, found: { _tag: found } })
        expect((await breaksOf(stream)).length, change).toBeGreaterThan(0)
        expect((await breaksOf(stream))[0], change).toMatchObject({ _tag: found, version: shownAt })
      }
    })

    it("property: streams of batches of any size, any one tamper, read before it or not — verify finds it (after an anchor) and a load fails unless only a link of one event at the tail went, and then returns what is stored", async () => {
      const tampers = [
        ["ChangeData", `UPDATE {t} SET data = '{"n":-1}' WHERE stream = $1 AND version = $2`],
        ["ChangeActor", `UPDATE {t} SET metadata = '{"actor":{"id":"mallory"}}' WHERE stream = $1 AND version = $2`],
        [
          "ChangeTime",
          `UPDATE {t} SET recorded_at = recorded_at + interval '1 microsecond' WHERE stream = $1 AND version = $2`,
        ],
        ["ChangeType", `UPDATE {t} SET type = 'Withdrawn' WHERE stream = $1 AND version = $2`],
        ["ChangeHash", `UPDATE {t} SET hash = sha256(hash) WHERE stream = $1 AND version = $2`],
        // The row claimed to be linked alone, or moved into another batch.
        ["Unbatch", `UPDATE {t} SET batch_start = NULL WHERE stream = $1 AND version = $2 AND batch_start IS NOT NULL`],
        [
          "Rebatch",
          `UPDATE {t} SET batch_start = coalesce(batch_start, version) + 1 WHERE stream = $1 AND version = $2`,
        ],
        [
          "DeleteEvent",
          `DELETE FROM {t} WHERE stream = $1 AND version = $2 AND version < (SELECT max(version) FROM {t} WHERE stream = $1)`,
        ],
        ["Swap", ""],
        [
          "DeleteTail",
          `DELETE FROM {t} WHERE stream = $1 AND $2::bigint > 0 AND version = (SELECT max(version) FROM {t} WHERE stream = $1)`,
        ],
      ] as const
      const shape = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 3,
      })
      await fc.assert(
        fc.asyncProperty(
          shape,
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...tampers),
          fc.boolean(),
          async (shapes, which, pick, [tag, sql], readFirst) => {
            const names = await runtime.runPromise(
              Effect.gen(function* () {
                const s = yield* store
                const names: Array<string> = []
                for (const batches of shapes) {
                  const stream = freshStream("chain")
                  names.push(stream)
                  let version = 0
                  for (const size of batches) {
                    yield* s.append(stream, yield* newEvents(size), ExpectedVersion.exact(version))
                    version += size
                  }
                }
                yield* s.anchor
                return names
              }),
            )
            const stream = names[which % names.length]!
            // Read before the tamper: the next load finds its rows remembered (and their events kept).
            if (readFirst) expect(Exit.isSuccess(await readExit(stream))).toBe(true)
            const stored = await storedLinks(stream)
            const version = (pick % stored.length) + 1
            const last = stored[stored.length - 1]!
            let changed: number
            if (tag === "Swap") {
              if (stored.length < 2) return
              const v = Math.min(version, stored.length - 1)
              for (const [from, to] of [
                [v, 1000],
                [v + 1, v],
                [1000, v + 1],
              ]) {
                await engine.query(`UPDATE ${table()} SET version = $3 WHERE stream = $1 AND version = $2`, [
                  stream,
                  from,
                  to,
                ])
              }
              changed = 1
            } else {
              changed = (
                await engine.query(
                  `WITH x AS (${sql.replaceAll("{t}", table())} RETURNING 1) SELECT count(*)::int AS n FROM x`,
                  [stream, version],
                )
              )[0]!.n as number
            }
            if (changed === 0) return
            const breaks = (await verify()).breaks.filter((b) => names.includes(b.stream))
            expect(breaks.length, tag).toBeGreaterThan(0)
            expect(
              breaks.every((b) => b.stream === stream),
              tag,
            ).toBe(true)
            const load = await readExit(stream)
            // Only a deleted tail that was linked alone leaves a whole, shorter chain: the anchor shows it.
            const onlyAnchorsSee = tag === "DeleteTail" && last.batchStart === null
            expect(Exit.isSuccess(load), `${tag} at ${version} of ${stored.length}`).toBe(onlyAnchorsSee)
            if (Exit.isSuccess(load)) {
              const fresh = await unchecked.runPromise(Effect.flatMap(store, (s) => s.readStream(stream)))
              expect(load.value).toEqual(fresh)
            }
          },
        ),
        { numRuns: engine.name === "server" ? 80 : 40 },
      )
    })

    it("a read from inside a batch, or cut inside one by its limit, checks the whole batch", async () => {
      const stream = await batched()
      const read = (options: { from?: number; limit?: number }) =>
        runtime.runPromiseExit(Effect.flatMap(store, (s) => s.readStream(stream, options)))
      const versions = async (options: { from?: number; limit?: number }) => {
        const exit = await read(options)
        return Exit.isSuccess(exit) ? exit.value.map((e) => e.streamVersion) : exit
      }
      expect(await versions({ from: 4, limit: 3 })).toEqual([4, 5, 6])
      expect(await versions({ from: 1, limit: 2 })).toEqual([1, 2])
      expect(await versions({ from: 10, limit: 2 })).toEqual([10, 11])
      expect(await versions({ from: 11 })).toEqual([11, 12])
      expect(await versions({ from: 12 })).toEqual([12])
      // A change after the rows a read returns, inside the same batch, fails it; one outside does not.
      await engine.query(`UPDATE ${table()} SET data = '{"n":99}' WHERE stream = $1 AND version = 9`, [stream])
      for (const options of [{ from: 4, limit: 3 }, { from: 1, limit: 2 }, { from: 10, limit: 1 }, { from: 2 }]) {
        expect(Exit.isFailure(await read(options)), JSON.stringify(options)).toBe(true)
      }
      expect(await versions({ from: 11 })).toEqual([11, 12])
      expect(await versions({ from: 12 })).toEqual([12])
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
