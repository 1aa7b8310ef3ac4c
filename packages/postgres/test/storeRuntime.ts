/**
 * The store's test runtime for a `describe`, apart from `support.ts`: it registers vitest's hooks,
 * and `support.ts` is also loaded outside vitest (the benches' `test/runtime/engines.ts`).
 */
import { Effect, ManagedRuntime } from "effect"
import { afterAll, beforeAll } from "vitest"
import type { Engine, Services } from "./support.ts"

/**
 * A store on `engine` for the tests of the enclosing `describe`: started before them, disposed after
 * them, with the engine's schemas and folder.
 */
export const storeRuntime = (engine: Engine): ManagedRuntime.ManagedRuntime<Services, unknown> => {
  const runtime = ManagedRuntime.make(engine.layer())
  beforeAll(() => runtime.runPromise(Effect.void))
  afterAll(async () => {
    await runtime.dispose()
    await engine.cleanup()
  })
  return runtime
}
