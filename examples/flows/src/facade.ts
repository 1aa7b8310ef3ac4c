/**
 * The Promise facade as docs/runtime.md shows it: open Yiciban on a PGlite folder, accept a
 * submitted case, run the timers that are due, close. The consumer test compiles and runs this
 * file from the published packages (scripts/consumer.ts); `test/facade.test.ts` runs it here.
 */
// #region facade
import type { Actor } from "@yiciban/core"
import { createYiciban } from "@yiciban/runtime"

/** `now` is the host's clock in epoch milliseconds; without it, the system clock. */
export const acceptSubmittedCase = async (
  dataDir: string,
  caseNo: string,
  clerk: Actor.Actor,
  commandId: string,
  now?: () => number,
) => {
  const yiciban = await createYiciban({ store: { kind: "pglite", dataDir }, now })
  try {
    const accepted = await yiciban.execute("application", caseNo, { _tag: "AcceptApplication", caseNo }, clerk, {
      commandId,
    })
    const fired = await yiciban.runDueTimers()
    return { accepted, fired }
  } finally {
    await yiciban.close()
  }
}
// #endregion facade
