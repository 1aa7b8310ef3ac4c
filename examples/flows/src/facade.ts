/**
 * The Promise facade as docs/runtime.md shows it: open Yiciban on a PGlite folder, accept a
 * submitted case, run the timers that are due, close. The consumer test compiles and runs this
 * file from the published packages (scripts/consumer.ts); `test/facade.test.ts` runs it here.
 */
// #region facade
import { pgliteStore } from "@yiciban/postgres/pglite"
import { createYiciban, type Yiciban } from "@yiciban/runtime"
import { deploymentSecret } from "./secret.ts"

/**
 * Resolves with the case's stream version, whether the command id had been handled before (then
 * nothing was appended), the case's phase and how many timers fired. `clerk` is the actor the host
 * built after it authenticated the window clerk; `now` is the host's clock in epoch milliseconds
 * (without it, the system clock).
 */
export const acceptSubmittedCase = async (
  dataDir: string,
  caseNo: string,
  clerk: Yiciban.ActorInput,
  commandId: string,
  now?: () => number,
) => {
  const yiciban = await createYiciban({ store: pgliteStore({ dataDir, secret: deploymentSecret() }), now })
  try {
    const accepted = await yiciban.application.execute({ _tag: "AcceptApplication", caseNo }, clerk, { commandId })
    const fired = await yiciban.runDueTimers()
    return {
      version: accepted.version,
      duplicate: accepted.duplicate,
      phase: accepted.state.phase,
      timersFired: fired.length,
    }
  } finally {
    await yiciban.close()
  }
}
// #endregion facade
