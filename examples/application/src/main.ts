/**
 * Runs the food-business licence case and prints its record and clock.
 */
import { Result } from "effect"
import { applyAgain, signForTheDoor, wholeStory } from "./commitment.ts"
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

// Notify-and-commit: a false commitment, its rescission, the credit entry and the refused re-application.
const story = wholeStory()
if (Result.isFailure(story)) {
  console.error("rejected:", story.failure)
  process.exitCode = 1
} else {
  const { granted, verified, credit } = story.success
  console.log("\n告知承诺制 — SCJG-2026-000812")
  for (const event of [...granted.events, ...verified.events]) console.log(" ", event._tag)
  console.log("  credit entry", credit.state.entries[0]?.id, "until", credit.state.entries[0]?.expiresOn)
  const again = applyAgain(credit.state)
  console.log("  2026-11-02, the same licence:", Result.isFailure(again) ? again.failure._tag : "submitted")
  const { onCommitment, ordinary } = signForTheDoor(credit.state)
  console.log(
    "  2026-11-02, another matter on commitment:",
    onCommitment && Result.isFailure(onCommitment) ? onCommitment.failure._tag : "accepted",
  )
  console.log(
    "  … in the ordinary procedure:",
    ordinary && Result.isSuccess(ordinary) ? ordinary.success.state.phase : "refused",
  )
}
