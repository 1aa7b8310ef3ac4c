/**
 * Prints the food-business licence's two versions, the delegation to the development zone and the
 * merged material list of the 开办餐饮店 bundle.
 */
import { Result } from "effect"
import { brokenDrafts, empowerTheZone, openARestaurant, publishAndRevise } from "./foodBusinessLicence.ts"

const { state, latest, first } = Result.getOrThrow(publishAndRevise())
console.log(`${latest!.name} (${latest!.implementationCode})`)
console.log(
  `  version ${first!.version}: promised ${first!.promisedLimitWorkingDays} / statutory ${first!.statutoryLimitWorkingDays} working days`,
)
console.log(
  `  version ${latest!.version}: promised ${latest!.promisedLimitWorkingDays} / statutory ${latest!.statutoryLimitWorkingDays} working days`,
)

const { supplementDeadline, barredCommitment } = brokenDrafts()
for (const outcome of [supplementDeadline, barredCommitment]) {
  if (Result.isFailure(outcome)) console.log(`  rejected draft: ${JSON.stringify(outcome.failure)}`)
}

const { before, from } = Result.getOrThrow(empowerTheZone(state))
console.log(`  handled by ${before!.name} until 2026-10-31, by ${from!.name} from 2026-11-01`)

const { materials } = Result.getOrThrow(openARestaurant(latest!))
console.log("开办餐饮店一件事 — one material list:")
for (const m of materials) console.log(`  ${m.name} [${m.codes.join(", ")}] needed by ${m.neededBy} matter(s)`)
