/**
 * The Promise facade as docs/runtime.md shows it: open Yiciban on a PGlite folder, accept a
 * submitted case, run the timers that are due, close. The consumer test compiles and runs this
 * file from the published packages (scripts/consumer.ts); `test/facade.test.ts` runs it here.
 */
// #region facade
import type { Actor, Application } from "@yiciban/core"
import { createYiciban } from "@yiciban/runtime"

/**
 * Resolves with the case's stream version, whether the command id had been handled before (then
 * nothing was appended) and how many timers fired. `now` is the host's clock in epoch
 * milliseconds; without it, the system clock.
 */
export const acceptSubmittedCase = async (
  dataDir: string,
  caseNo: string,
  clerk: Actor.Actor,
  commandId: string,
  now?: () => number,
) => {
  const yiciban = await createYiciban({ store: { kind: "pglite", dataDir }, now })
  try {
    const accept: Application.Command = { _tag: "AcceptApplication", caseNo }
    const accepted = await yiciban.execute("application", caseNo, accept, clerk, { commandId })
    const fired = await yiciban.runDueTimers()
    return { version: accepted.version, duplicate: accepted.duplicate, timersFired: fired.length }
  } finally {
    await yiciban.close()
  }
}
// #endregion facade
