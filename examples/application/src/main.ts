/**
 * Runs the food-business licence case and prints its record and clock.
 */
import { Result } from "effect"
import { clockOn, wholeCase } from "./foodLicence.ts"

const outcome = wholeCase()
if (Result.isFailure(outcome)) {
  console.error("rejected:", outcome.failure)
  process.exitCode = 1
} else {
  const { accepted, reviewed, concluded } = outcome.success
  for (const event of [...accepted.events, ...reviewed.events, ...concluded.events]) {
    const { _tag, caseNo: _, ...rest } = event
    console.log(_tag.padEnd(30), JSON.stringify(rest).slice(0, 110))
  }
  for (const day of ["2026-09-24", "2026-10-09", "2026-10-13", "2026-11-02"]) {
    const view = clockOn(day === "2026-11-02" ? concluded.state : reviewed.state, day)
    if (Result.isSuccess(view) && view.success !== undefined) {
      const { promisedDueOn, statutoryDueOn, elapsedWorkingDays, pausedWorkingDays, warningLevel } = view.success
      console.log(day, { promisedDueOn, statutoryDueOn, elapsedWorkingDays, pausedWorkingDays, warningLevel })
    }
  }
}
