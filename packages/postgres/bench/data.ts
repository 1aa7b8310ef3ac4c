/**
 * What the benches append and how they run it, shared by `run.ts` and `chain.ts`: one payload
 * (an application's submission with its metadata, ~450 bytes of JSON), batches, a pool of
 * workers, timing and the statistics of paired rounds.
 */
import { readFileSync } from "node:fs"
import { performance } from "node:perf_hooks"
import { PGlite } from "@electric-sql/pglite"
import { EventEnvelope } from "@yiciban/eventstore"
import { Effect } from "effect"
import { checkedStartParams } from "../src/internal/pgliteStart.ts"

export const metadata: EventEnvelope.EventMetadata = {
  commandId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  correlationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  causationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  actor: { id: "clerk-0042", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

/** `n` new events with fresh ids; `tag` makes their data differ between datasets. */
export const makeEvents = (n: number, tag: string): Array<EventEnvelope.NewEvent> => {
  const ids = Effect.runSync(Effect.forEach(Array.from({ length: n }), () => EventEnvelope.makeEventId))
  return ids.map((eventId, i) => ({
    eventId,
    type: "ApplicationSubmitted",
    schemaVersion: 1,
    data: {
      applicationId: `${tag}-${i}`,
      matterCode: "11430100MB1234567X-001",
      applicant: { name: "李雷", identityType: "resident", region: "430102" },
      channel: "hall",
      materials: ["id-card", "business-licence"],
      n: i,
    },
    metadata,
  }))
}

export const chunk = <A>(items: ReadonlyArray<A>, size: number): Array<Array<A>> => {
  const chunks: Array<Array<A>> = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** Runs `work` over `items` with `workers` concurrent workers taking the next item in turn. */
export const inParallel = async <A>(workers: number, items: ReadonlyArray<A>, work: (item: A) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) await work(items[next++]!)
    }),
  )
}

/** Milliseconds `work` took. */
export const timed = async (work: () => Promise<void>) => {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/** The value at quantile `q` (0 … 1) of `values`, nearest rank. */
export const quantile = (values: ReadonlyArray<number>, q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!
}

export const median = (values: ReadonlyArray<number>) => quantile(values, 0.5)

/** A PostgreSQL array literal of plain items (ids, type names, integers: nothing to escape). */
export const arrayLiteral = (items: ReadonlyArray<string>) => `{${items.map((item) => `"${item}"`).join(",")}}`

/** The CPU time a process of this machine has spent, in µs (`/proc/<pid>/schedstat`; a server backend's pid). */
export const cpuMicrosOf = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]) / 1000

/** `of(pid)` summed over the given processes, 0 for one that is gone (a backend that closed). */
export const sumOver = (pids: ReadonlyArray<number>, of: (pid: number) => number) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + of(pid)
    } catch {
      return sum // a backend that is gone
    }
  }, 0)

/** The CPU time the given processes have spent, in µs (`cpuMicrosOf` summed). */
export const cpuMicrosOfAll = (pids: ReadonlyArray<number>) => sumOver(pids, cpuMicrosOf)

/**
 * A PGlite database in `dir` started as `makePglite` starts one: with its shared buffers
 * (`defaultSharedBuffers`), or the size given after `--shared-buffers` on the command line.
 */
export const createPglite = (dir: string): Promise<PGlite> => {
  const i = process.argv.indexOf("--shared-buffers")
  return PGlite.create(dir, { startParams: checkedStartParams(i < 0 ? undefined : process.argv[i + 1]) })
}
