import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Decider } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"

type Counter = { readonly count: number }
type Add = { readonly _tag: "Add"; readonly by: number }
type Added = { readonly _tag: "Added"; readonly by: number }
type TooBig = { readonly _tag: "TooBig"; readonly limit: number }

const counter: Decider.Decider<Counter, Add, Added, TooBig> = {
  initialState: { count: 0 },
  decide: (command, state) =>
    state.count + command.by > 10
      ? Result.fail({ _tag: "TooBig", limit: 10 })
      : command.by === 0
        ? Result.succeed([])
        : Result.succeed([{ _tag: "Added", by: command.by }]),
  evolve: (state, event) => ({ count: state.count + event.by }),
}

const context: Decider.CommandContext = {
  now: "2026-09-24T01:30:00.000Z",
  actor: { id: "tester", roles: ["system"] },
  facts: {},
}

describe("Decider kernel", () => {
  it("fold replays events from the initial state or from a given state", () => {
    expect(
      Decider.fold(counter, [
        { _tag: "Added", by: 2 },
        { _tag: "Added", by: 3 },
      ]),
    ).toEqual({ count: 5 })
    expect(Decider.fold(counter, [{ _tag: "Added", by: 1 }], { count: 4 })).toEqual({ count: 5 })
    expect(Decider.fold(counter, [])).toBe(counter.initialState)
  })

  it("run returns the events and the state after them, or the rejection", () => {
    const accepted = Decider.run(counter, { count: 1 }, { _tag: "Add", by: 2 }, context)
    expect(Result.getOrThrow(accepted)).toEqual({ events: [{ _tag: "Added", by: 2 }], state: { count: 3 } })
    const rejected = Decider.run(counter, { count: 9 }, { _tag: "Add", by: 2 }, context)
    expect(Result.isFailure(rejected) && rejected.failure).toEqual({ _tag: "TooBig", limit: 10 })
  })

  it("runAll threads the state and stops at the first rejection", () => {
    const all = Decider.runAll(counter, counter.initialState, [
      [{ _tag: "Add", by: 4 }, context],
      [{ _tag: "Add", by: 5 }, context],
    ])
    expect(Result.getOrThrow(all).state).toEqual({ count: 9 })
    const stopped = Decider.runAll(counter, counter.initialState, [
      [{ _tag: "Add", by: 8 }, context],
      [{ _tag: "Add", by: 5 }, context],
      [{ _tag: "Add", by: 1 }, context],
    ])
    expect(Result.isFailure(stopped) && stopped.failure).toEqual({ _tag: "TooBig", limit: 10 })
  })
})

describe("DeciderSpecification (given / when / then)", () => {
  const spec = DeciderSpecification.for(counter)

  it("passes when the events match", () => {
    spec
      .given([{ _tag: "Added", by: 2 }])
      .when({ _tag: "Add", by: 3 }, context)
      .thenEmits([{ _tag: "Added", by: 3 }])
  })

  it("fails when the events differ", () => {
    expect(() =>
      spec
        .given([])
        .when({ _tag: "Add", by: 3 }, context)
        .thenEmits([{ _tag: "Added", by: 4 }]),
    ).toThrow(/Expected values to be strictly deep-equal/)
  })

  it("fails when an expected acceptance is rejected, naming the rejection", () => {
    expect(() =>
      spec
        .given([{ _tag: "Added", by: 9 }])
        .when({ _tag: "Add", by: 3 }, context)
        .thenEmits([]),
    ).toThrow(/rejected with \{"_tag":"TooBig","limit":10\}/)
  })

  it("passes and fails on rejections, by value or by predicate", () => {
    const given = spec.given([{ _tag: "Added", by: 9 }])
    given.when({ _tag: "Add", by: 3 }, context).thenRejects({ _tag: "TooBig", limit: 10 })
    given.when({ _tag: "Add", by: 3 }, context).thenRejects((rejection) => rejection._tag === "TooBig")
    expect(() => given.when({ _tag: "Add", by: 3 }, context).thenRejects({ _tag: "TooBig", limit: 11 })).toThrow()
    expect(() => given.when({ _tag: "Add", by: 3 }, context).thenRejects(() => false)).toThrow(/does not match/)
    expect(() => given.when({ _tag: "Add", by: 1 }, context).thenRejects({ _tag: "TooBig", limit: 10 })).toThrow(
      /to be rejected, but it produced/,
    )
  })

  it("thenAccepts hands over the events and the resulting state; thenNothingHappens expects no events", () => {
    let seen: Counter | undefined
    spec
      .given([{ _tag: "Added", by: 1 }])
      .when({ _tag: "Add", by: 2 }, context)
      .thenAccepts((_, state) => {
        seen = state
      })
    expect(seen).toEqual({ count: 3 })
    spec.given([]).when({ _tag: "Add", by: 0 }, context).thenNothingHappens()
    expect(() => spec.given([]).when({ _tag: "Add", by: 1 }, context).thenNothingHappens()).toThrow()
  })

  it("exposes the given state", () => {
    expect(spec.given([{ _tag: "Added", by: 7 }]).state).toEqual({ count: 7 })
  })
})

describe("Decider.today", () => {
  it("is the Beijing date of context.now, or InvalidInstant for a text that is not an instant with a zone", () => {
    expect(Decider.today(context)).toEqual(Result.succeed("2026-09-24"))
    expect(Decider.today({ now: "2026-09-30T17:00:00.000Z" })).toEqual(Result.succeed("2026-10-01"))
    for (const now of ["yesterday", "2026-09-24T09:30:00", "2026-02-30T00:00:00Z", "+275760-09-13T00:00:00.000Z"]) {
      expect(Decider.today({ now })).toEqual(Result.fail({ _tag: "InvalidInstant", now }))
    }
  })
})
