/**
 * The peer benches' domain (`bench/peer.ts` here, `packages/postgres/bench/peer.ts`): a tally that
 * is opened by its first amount and records the next ones. One plain `decide` and `evolve`, used
 * as they are by Emmett and by Yiciban, so the stores are what differs. The event's data is about
 * the size of an application's submission (~270 bytes of JSON), its metadata the envelope Yiciban's
 * port requires (Emmett's events carry the same object).
 */
import type { EventEnvelope } from "@yiciban/eventstore"

export interface Tally {
  readonly count: number
  readonly total: number
}

/** Record `amount` on `stream` as its `seq`-th event (from 0); `n` numbers the command in the run. */
export interface RecordAmount {
  readonly stream: string
  readonly n: number
  readonly seq: number
  readonly amount: number
}

export interface TallyEvent {
  readonly type: "TallyOpened" | "AmountRecorded"
  readonly data: {
    readonly tally: string
    readonly n: number
    readonly amount: number
    readonly matterCode: string
    readonly applicant: { readonly name: string; readonly identityType: string; readonly region: string }
    readonly channel: string
    readonly materials: ReadonlyArray<string>
  }
}

export const initialState = (): Tally => ({ count: 0, total: 0 })

export const evolve = (state: Tally, event: { readonly type: string; readonly data: unknown }): Tally =>
  event.type === "TallyOpened" || event.type === "AmountRecorded"
    ? { count: state.count + 1, total: state.total + (event.data as TallyEvent["data"]).amount }
    : state

/** The one event `command` makes; a command that finds the stream at another count is a bug of the bench. */
export const decide = (command: RecordAmount, state: Tally): TallyEvent => {
  if (state.count !== command.seq) throw new Error(`${command.stream}: at ${state.count}, expected ${command.seq}`)
  return {
    type: state.count === 0 ? "TallyOpened" : "AmountRecorded",
    data: {
      tally: command.stream,
      n: command.n,
      amount: command.amount,
      matterCode: "11430100MB1234567X-001",
      applicant: { name: "李雷", identityType: "resident", region: "430102" },
      channel: "hall",
      materials: ["id-card", "business-licence"],
    },
  }
}

export const metadata: EventEnvelope.EventMetadata = {
  commandId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  correlationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  causationId: "0190f0c8-8d6b-7c3e-9a51-6f2b0e8c1d2a",
  actor: { id: "clerk-0042", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}

/**
 * `commands` commands over `streams` streams, round-major: the commands to one stream are `streams`
 * apart, and each stream gets `commands ÷ streams` events. `tag` makes the stream names new.
 */
export const workload = (commands: number, streams: number, tag: string): ReadonlyArray<RecordAmount> =>
  Array.from({ length: commands }, (_, n) => ({
    stream: `tally-${tag}s${n % streams}`,
    n,
    seq: Math.floor(n / streams),
    amount: n % 97,
  }))
