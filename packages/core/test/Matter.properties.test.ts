import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { expect } from "vitest"
import { Decider, Matter } from "../src/index.ts"
import { matterCommand } from "./arbitraries/matter.ts"

const code = "11430100MB1A38544B-000101001000-01"
const admin: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z",
  actor: { id: "admin", roles: ["catalogueAdmin"] },
  facts: {},
}

/** The events a random sequence of commands leaves in a stream (rejected commands leave nothing), and the state after each step. */
const lifecycle = fc.array(matterCommand(code, "000101001000"), { minLength: 1, maxLength: 30 }).map((commands) => {
  let state = Matter.initialState
  const events: Array<Matter.Event> = []
  for (const command of commands) {
    const outcome = Decider.run(Matter.decider, state, command, admin)
    if (Result.isSuccess(outcome)) {
      events.push(...outcome.success.events)
      state = outcome.success.state
    }
  }
  return { events, state }
})

const encodeEvent = Schema.encodeSync(Matter.Event)
const decodeEvent = Schema.decodeUnknownSync(Matter.Event)
/** What a store does to an event: encode, serialize to JSON text, parse, decode. */
const throughStore = (event: Matter.Event): Matter.Event => decodeEvent(JSON.parse(JSON.stringify(encodeEvent(event))))

const numRuns = 300

test.prop([lifecycle], { numRuns })(
  "every Matter event survives a Schema encode → JSON → decode round trip",
  ({ events }) => {
    for (const event of events) expect(throughStore(event)).toEqual(event)
  },
)

test.prop([lifecycle], { numRuns })(
  "replaying the stored events reproduces the state, from the start or from any snapshot",
  ({ events, state }) => {
    const stored = events.map(throughStore)
    expect(Decider.fold(Matter.decider, stored)).toEqual(state)
    const cut = Math.floor(stored.length / 2)
    const snapshot = Schema.decodeUnknownSync(Matter.State)(
      JSON.parse(JSON.stringify(Schema.encodeSync(Matter.State)(Decider.fold(Matter.decider, stored.slice(0, cut))))),
    )
    expect(Decider.fold(Matter.decider, stored.slice(cut), snapshot)).toEqual(state)
  },
)

test.prop([lifecycle], { numRuns })("every state a stream reaches satisfies the state invariants", ({ state }) => {
  for (const [name, holds] of Matter.stateInvariants) expect(holds(state), name).toBe(true)
})
