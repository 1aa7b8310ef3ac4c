import type { Actor, Matter } from "@yiciban/core"
import type { EventStore, EventStoreError } from "@yiciban/eventstore"
import { Effect, Exit, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Aggregates, CommandHandler, type RuntimeError, RuntimeStore } from "../src/index.ts"
import { admin, allMaterials, applicant, elements, matterCode, morningOf, restaurant } from "./fixtures.ts"

export type Services = Layer.Success<ReturnType<typeof RuntimeStore.layerMemory>>

/** Runs `effect` on a memory runtime over `storage`, with a TestClock set to 09:30 on `day`. */
export const onDay = <A, E>(
  storage: RuntimeStore.MemoryStorage,
  day: string,
  effect: Effect.Effect<A, E, Services>,
): Promise<Exit.Exit<A, E>> =>
  Effect.runPromiseExit(
    Effect.andThen(TestClock.setTime(morningOf(day)), effect).pipe(
      Effect.provide(Layer.merge(RuntimeStore.layerMemory(storage), TestClock.layer())),
    ),
  )

export const failureOf = <A, E>(exit: Exit.Exit<A, E>): E | undefined =>
  Exit.isFailure(exit) ? (exit.cause.reasons.find((reason) => reason._tag === "Fail") as any)?.error : undefined

export const successOf = <A, E>(exit: Exit.Exit<A, E>): A => {
  if (Exit.isSuccess(exit)) return exit.value
  throw new Error(`expected success, got ${JSON.stringify(failureOf(exit) ?? exit.cause)}`)
}

/** Drafts and publishes the test matter. */
type Step<S, E> = Effect.Effect<
  CommandHandler.Outcome<S, E>,
  CommandHandler.HandleError | EventStoreError.StreamError | RuntimeError.UnreadableEvent,
  EventStore.EventStore | RuntimeStore.RuntimeStore
>

export const publishMatter = (
  actor: Actor.Actor = admin,
  matterElements: typeof elements = elements,
): Step<Matter.State, Matter.Event> =>
  Effect.gen(function* () {
    yield* CommandHandler.handle(
      Aggregates.matter,
      matterCode,
      { _tag: "DraftMatter", implementationCode: matterCode, baseCode: "000101001000", elements: matterElements },
      actor,
      { commandId: "draft-matter" },
    )
    return yield* CommandHandler.handle(
      Aggregates.matter,
      matterCode,
      { _tag: "PublishDraft", implementationCode: matterCode },
      actor,
      { commandId: "publish-matter" },
    )
  })

/** Submits a case for the published test matter, its terms read from the catalogue stream. */
export const submitCase = (
  caseNo: string,
  materials: ReadonlyArray<{ readonly code: string; readonly form: "paper" }> = allMaterials,
) =>
  Effect.gen(function* () {
    return yield* CommandHandler.handle(
      Aggregates.application,
      caseNo,
      { _tag: "SubmitApplication", caseNo, applicant, matterCode, materials },
      restaurant,
      { commandId: `submit-${caseNo}` },
    )
  })

/** Drafts and publishes a matter of the city bureau (command ids `draft-<code>`, `publish-<code>`). */
export const publishOther = (implementationCode: string, matterElements: typeof elements) =>
  Effect.gen(function* () {
    yield* CommandHandler.handle(
      Aggregates.matter,
      implementationCode,
      {
        _tag: "DraftMatter",
        implementationCode,
        baseCode: implementationCode.split("-")[1]!,
        elements: matterElements,
      },
      admin,
      { commandId: `draft-${implementationCode}` },
    )
    return yield* CommandHandler.handle(
      Aggregates.matter,
      implementationCode,
      { _tag: "PublishDraft", implementationCode },
      admin,
      { commandId: `publish-${implementationCode}` },
    )
  })

/** Submits a case of the restaurant for the published matter `code`. */
export const submitFor = (caseNo: string, code: string, codes: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    return yield* CommandHandler.handle(
      Aggregates.application,
      caseNo,
      {
        _tag: "SubmitApplication",
        caseNo,
        applicant,
        matterCode: code,
        materials: codes.map((c) => ({ code: c, form: "paper" as const })),
      },
      restaurant,
      { commandId: `submit-${caseNo}` },
    )
  })
