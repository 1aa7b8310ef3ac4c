import { fc, test } from "@fast-check/vitest"
import { expect, it } from "vitest"
import { Rating } from "../src/index.ts"
import {
  Advance,
  Appeal,
  DecideAppeal,
  Give,
  GiveAgain_Err,
  initialModel,
  NextStep,
  Open,
  type Real,
  RecordDefault,
  runCounts,
  Step,
} from "./model/Rating/model.ts"

const steps = [
  "VerifyNegative",
  "RectifyAtOnce",
  "RectifyByDeadline",
  "CompleteRectification",
  "ExplainNegative",
  "RecordCallback",
] as const

const commands = [
  // drawn only while the stream is new, so four of them open it early and leave the run's length to what follows
  ...Array.from({ length: 4 }, () =>
    fc.tuple(fc.constantFrom("online" as const, "visit" as const), fc.boolean()).map(([o, c]) => new Open(o, c)),
  ),
  ...Array.from({ length: 3 }, () =>
    fc.constantFrom<Rating.Level>(1, 2, 3, 4, 5, 4, 5).map((level) => new Give(level)),
  ),
  ...Array.from({ length: 2 }, () => fc.integer({ min: 1, max: 12 }).map((days) => new Advance(days))),
  ...Array.from({ length: 2 }, () => fc.constant(new RecordDefault())),
  fc.constantFrom(...steps).map((tag) => new Step(tag)),
  ...Array.from({ length: 10 }, () => fc.nat(5).map((pick) => new NextStep(pick))),
  fc.constant(new Appeal()),
  ...Array.from({ length: 4 }, () => fc.constant(new Appeal(true))),
  fc.boolean().map((upheld) => new DecideAppeal(upheld)),
  fc.boolean().map((upheld) => new DecideAppeal(upheld, true)),
  fc.constant(new GiveAgain_Err()),
]

const numRuns = 600

test.prop([fc.commands(commands, { maxCommands: 50, size: "max" })], { numRuns })(
  "Rating: given once, never altered; a negative goes verify → rectify/explain → callback → closed; an upheld appeal excludes it; a default never counts — the aggregate agrees with the model",
  (cmds) => {
    const real: Real = { state: Rating.initialState, events: [] }
    fc.modelRun(() => ({ model: initialModel(), real }), cmds)
  },
)

it("ran every command of the model, and reports how often", () => {
  const names = [...runCounts.keys()].sort()
  console.log(
    `Rating model-based test, ${numRuns} runs:\n${names.map((n) => `  ${n.padEnd(36)} ${runCounts.get(n)}`).join("\n")}`,
  )
  expect(names).toEqual(
    expect.arrayContaining([
      "Open(online)",
      "Open(visit)",
      "Open_Err(notConcluded)",
      "Give(negative)",
      "Give(positive)",
      "RecordDefault",
      "RecordDefault_Err(notDue)",
      "VerifyNegative",
      "RectifyAtOnce",
      "RectifyByDeadline",
      "CompleteRectification",
      "ExplainNegative",
      "RecordCallback",
      "RecordCallback_Err(phase)",
      "Appeal",
      "Appeal_Err(again)",
      "DecideAppeal(upheld)",
      "DecideAppeal(dismissed)",
      "GiveAgain_Err",
    ]),
  )
})
