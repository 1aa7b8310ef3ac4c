/**
 * The demo's ratings (好差评) and supervision record: the restaurant rates its concluded case
 * online (very dissatisfied) and its visit at the hall; the bureau verifies the negative, rectifies
 * by the deadline and calls back; the supervisor reads the five rates and exports the log, which
 * verifies intact — and, with one line tampered, names that line.
 */
import type { Yiciban } from "@yiciban/runtime"
import { SupervisionExport } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"
import { clerk, matterCode, reviewer, supervisor } from "./flows.ts"

const restaurantActor: Yiciban.ActorInput = {
  id: "xiangwei-01",
  roles: ["applicant"],
  subjects: [{ code: "91430102MA4L0P1T5J", relation: "legalRepresentative" }],
}

/** The key the demo's export is MAC'd with (a host keeps its own in its secret store). */
const demoKey = { id: "demo-2026-11", secret: "demo-export-key-NOT-FOR-PRODUCTION-0000" }

/**
 * Rates the case `caseNo` (concluded) online and its first visit, and takes the negative through
 * verification, rectification by deadline and callback. Returns each step, for the printout.
 */
export const rateCase = async (yiciban: Yiciban.Yiciban, clock: SimulatedClock, caseNo: string) => {
  const steps: Array<readonly [string, string]> = []
  const online = `${caseNo}.online`
  const visit = `${caseNo}.visit-1`
  const act = async (day: string, id: string, command: Yiciban.RatingCommand, actor: Yiciban.ActorInput) => {
    clock.set(day)
    const outcome = await yiciban.rating.execute(command, actor, { commandId: `demo/${command.ratingId}/${id}` })
    steps.push([day, `${command._tag} ${command.ratingId}: ${outcome.state.phase} (${(actor as { id: string }).id})`])
    return outcome
  }
  await act("2026-11-03", "open", { _tag: "OpenRating", ratingId: visit, matterCode }, clerk)
  await act(
    "2026-11-03",
    "give",
    { _tag: "GiveRating", ratingId: visit, level: 1, channel: "hallTablet" },
    restaurantActor,
  )
  await act("2026-11-03", "open", { _tag: "OpenRating", ratingId: online, matterCode }, clerk)
  await act(
    "2026-11-03",
    "give",
    {
      _tag: "GiveRating",
      ratingId: online,
      level: 5,
      channel: "mobile",
      text: "补交材料跑了两趟",
      tags: ["等候", "材料"],
    },
    restaurantActor,
  )
  await act(
    "2026-11-04",
    "verify",
    { _tag: "VerifyNegative", ratingId: online, findings: "容缺告知单未写明补交方式" },
    reviewer,
  )
  const ordered = await act(
    "2026-11-04",
    "rectify",
    { _tag: "RectifyByDeadline", ratingId: online, measures: "修订容缺告知单模板，写明线上补交方式" },
    reviewer,
  )
  const handling = ordered.state.negative?.handling
  if (handling?._tag === "RectifyByDeadline") steps.push(["", `  rectify by ${handling.rectifyBy}`])
  await act(
    "2026-11-06",
    "done",
    { _tag: "CompleteRectification", ratingId: online, outcome: "模板已修订并上线" },
    reviewer,
  )
  const closed = await act(
    "2026-11-09",
    "callback",
    { _tag: "RecordCallback", ratingId: online, reached: true, satisfied: true, notes: "申请人认可整改" },
    reviewer,
  )
  steps.push(["", `  the clerk's outcome names the rater: ${closed.state.rater !== null}`])
  return steps
}

/** The five rates the supervisor reads, as CSV. */
export const fiveRates = (yiciban: Yiciban.Yiciban) => yiciban.rating.fiveRatesCsv(supervisor)

/**
 * Exports the log (the supervisor), verifies it, then tampers with one record and verifies again.
 */
export const exportAndTamper = async (yiciban: Yiciban.Yiciban) => {
  const lines: Array<string> = []
  const { records, batches } = await yiciban.rating.exportLog(
    { key: demoKey, write: (more) => void lines.push(...more), batchSize: 100 },
    supervisor,
  )
  const intact = SupervisionExport.verify(lines, demoKey)
  const at = lines.findIndex((line) => line.includes('"type":"RatingGiven"') && line.includes('"level":5'))
  const tampered = [...lines]
  tampered[at] = tampered[at]!.replace('"level":5', '"level":2')
  const report = SupervisionExport.verify(tampered, demoKey)
  return { records, batches, intact, line: at + 1, problems: report.problems.map(SupervisionExport.describe) }
}
