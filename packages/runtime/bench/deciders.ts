/**
 * The runtime's deciders alone, as `bench/commands.ts` and `bench/peer.ts` take them for a floor:
 * per case the submission's event (as the runtime decided it, the case number changed) evolved,
 * and the acceptance decided from that state — no store, no decoding, no authorization, no
 * catalogue, no facts, no chain, no read models. Less than the two commands' domain work (the
 * submission's decision is not repeated), so an upper bound of what a runtime running these
 * deciders could reach.
 */
import { performance } from "node:perf_hooks"
import { type Actor, Application, Decider } from "@yiciban/core"

/** `cases` cases submitted and accepted by the deciders alone; commands per second (two per case). */
export const decidersAlone = (
  submitted: Application.Event & { readonly _tag: "ApplicationSubmitted" },
  clerk: Actor.Actor,
  cases: number,
  tag: string,
): number => {
  const context = { now: "2026-09-24T01:30:00.000Z", actor: clerk, facts: {} }
  const started = performance.now()
  for (let i = 0; i < cases; i++) {
    const caseNo = `${tag}-${i}`
    const state = Application.decider.evolve(Application.decider.initialState, { ...submitted, caseNo })
    const accepted = Decider.run(Application.decider, state, { _tag: "AcceptApplication", caseNo }, context)
    if (accepted._tag !== "Success") throw new Error("the deciders refused the acceptance")
  }
  return (2 * cases) / ((performance.now() - started) / 1000)
}
