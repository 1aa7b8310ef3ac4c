/**
 * Given / when / then specifications for deciders, for users' own tests. Works with any test
 * runner: a failed expectation throws an `AssertionError` with a diff.
 *
 * @example
 * ```ts
 * import { DeciderSpecification } from "@yiciban/core/testing"
 *
 * const spec = DeciderSpecification.for(counter)
 *
 * spec.given([{ _tag: "Added", by: 2 }]).when({ _tag: "Add", by: 3 }, context).thenEmits([{ _tag: "Added", by: 3 }])
 * spec.given([{ _tag: "Added", by: 9 }]).when({ _tag: "Add", by: 3 }, context).thenRejects({ _tag: "TooBig", limit: 10 })
 * ```
 *
 * @since 0.1.0
 */
import { AssertionError, deepStrictEqual } from "node:assert/strict"
import * as Result from "effect/Result"
import { type Decider, fold } from "./Decider.ts"

/**
 * The `when` step: a command decided against the state the `given` events produced.
 *
 * @category models
 * @since 0.1.0
 */
export interface WhenStep<S, E, R> {
  /** Expects exactly these events, in this order. */
  readonly thenEmits: (expected: ReadonlyArray<E>) => void
  /** Expects the command to be accepted; hands the events and the resulting state to `check`. */
  readonly thenAccepts: (check?: (events: ReadonlyArray<E>, state: S) => void) => void
  /** Expects this rejection (compared deeply), or a rejection that `check` accepts. */
  readonly thenRejects: (expected: R | ((rejection: R) => boolean)) => void
  /** Expects the command to be accepted with no events (an idempotent no-op). */
  readonly thenNothingHappens: () => void
}

/**
 * The `given` step: the events already in the stream.
 *
 * @category models
 * @since 0.1.0
 */
export interface GivenStep<S, C, E, R, X> {
  readonly when: (command: C, context: X) => WhenStep<S, E, R>
  /** The state the given events produce. */
  readonly state: S
}

/**
 * A specification bound to one decider.
 *
 * @category models
 * @since 0.1.0
 */
export interface Specification<S, C, E, R, X> {
  readonly given: (events: ReadonlyArray<E>) => GivenStep<S, C, E, R, X>
}

const describe = (value: unknown): string => {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/**
 * Builds given / when / then specifications for a decider.
 *
 * @category constructors
 * @since 0.1.0
 */
export const DeciderSpecification = {
  for: <S, C, E, R, X>(decider: Decider<S, C, E, R, X>): Specification<S, C, E, R, X> => ({
    given: (events) => {
      const state = fold(decider, events)
      return {
        state,
        when: (command, context) => {
          const outcome = decider.decide(command, state, context)
          const accepted = (): ReadonlyArray<E> => {
            if (Result.isFailure(outcome)) {
              throw new AssertionError({
                message: `expected ${describe(command)} to be accepted, but it was rejected with ${describe(outcome.failure)}`,
                actual: outcome.failure,
              })
            }
            return outcome.success
          }
          return {
            thenEmits: (expected) => deepStrictEqual(accepted(), expected),
            thenAccepts: (check) => {
              const produced = accepted()
              check?.(produced, fold(decider, produced, state))
            },
            thenNothingHappens: () => deepStrictEqual(accepted(), []),
            thenRejects: (expected) => {
              if (Result.isSuccess(outcome)) {
                throw new AssertionError({
                  message: `expected ${describe(command)} to be rejected, but it produced ${describe(outcome.success)}`,
                  actual: outcome.success,
                })
              }
              if (typeof expected === "function") {
                const accepts = expected as (rejection: R) => boolean
                if (!accepts(outcome.failure)) {
                  throw new AssertionError({
                    message: `the rejection ${describe(outcome.failure)} does not match the expectation`,
                    actual: outcome.failure,
                  })
                }
              } else {
                deepStrictEqual(outcome.failure, expected)
              }
            },
          }
        },
      }
    },
  }),
}
