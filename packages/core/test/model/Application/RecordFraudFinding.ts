import { Result } from "effect"
import { expect } from "vitest"
import { Application, CalendarDate, CreditRecord, Decider, PublishedMatter } from "../../../src/index.ts"
import {
  type ApplicationCommand,
  type ApplicationModel,
  type ApplicationReal,
  accept,
  caseNo,
  count,
  enterprise,
  isAllowed,
  settle,
} from "./model.ts"

/** The model's last day of a bar: the same day one (Art 78) or three (Art 79) years on (no 29 February in the runs). */
const modelBarEnd = (article: "ALL Art 78" | "ALL Art 79", from: string): string =>
  `${Number(from.slice(0, 4)) + (article === "ALL Art 78" ? 1 : 3)}${from.slice(4)}`

const dayAfter = (day: string): string => CalendarDate.addDays(CalendarDate.make(day), 1)

/**
 * A verifier records a finding of fraud: before the decision it is concealment or false materials
 * (ALL Art 78), after a grant a licence obtained by improper means (ALL Art 79). Where the matter
 * directly concerns public safety, personal health or the safety of life and property the finding
 * names a statutory bar, and the bar is exercised: recorded on a credit record from
 * `Application.toStatutoryBar`, read back with `CreditRecord.barsOn` as the runtime does, a new
 * application for the licence is refused with `ReapplicationBarred` up to the model's last day
 * (one or three years on) and taken the day after. Elsewhere no bar comes of it, and a new
 * application is taken at once.
 */
export class RecordFraudFindingCommand implements ApplicationCommand {
  /** `rarely` other than 0 skips the command, so that most runs reach a decision without a finding. */
  constructor(readonly rarely: number) {}
  check = (m: Readonly<ApplicationModel>) => this.rarely === 0 && isAllowed(m, "RecordFraudFinding") && m.fraud === null
  run(m: ApplicationModel, r: ApplicationReal): void {
    count("RecordFraudFinding")
    const article = m.decidedOn !== null ? "ALL Art 79" : "ALL Art 78"
    const safety = m.terms.concernsSafetyHealthProperty === true
    const [found] = accept(m, r, { _tag: "RecordFraudFinding", caseNo, findings: "伪造场地租赁合同" })
    expect(found).toMatchObject({
      _tag: "FraudFound",
      article,
      kind: safety && article === "ALL Art 79" ? "fraudInSafetyHealthProperty" : "falseMaterials",
      foundOn: m.today,
    })
    if (safety) expect(found).toMatchObject({ barId: `${caseNo}/${article === "ALL Art 78" ? "art78" : "art79"}` })
    else expect(found).not.toHaveProperty("barId")
    m.fraud = article
    m.fraudOn = m.today
    settle(m, r)
    if (safety) count("RecordFraudFinding(bar)")
    exerciseBar(m, found as Application.FraudFound, safety ? modelBarEnd(article, m.today) : null)
  }
  toString = () => "RecordFraudFinding"
}

/** Records what the finding bars on a credit record and submits a new application on the days that matter. */
const exerciseBar = (m: Readonly<ApplicationModel>, found: Application.FraudFound, lastDay: string | null): void => {
  expect(PublishedMatter.concernsSafetyHealthProperty(m.terms)).toBe(lastDay !== null)
  const command = Application.toStatutoryBar(found)
  expect(command === undefined).toBe(lastDay === null)
  const system: Decider.CommandContext = {
    now: `${m.today}T01:30:00.000Z`,
    actor: { id: "pm", roles: ["system"] },
    facts: {},
  }
  const record =
    command === undefined
      ? CreditRecord.initialState
      : (() => {
          const recorded = Decider.run(CreditRecord.decider, CreditRecord.initialState, command, system)
          if (Result.isFailure(recorded)) throw new Error(`bar refused: ${JSON.stringify(recorded.failure)}`)
          return recorded.success.state
        })()
  const submitOn = (day: string) => {
    const facts: Application.Facts = {
      reapplicationBars: {
        subject: Application.creditSubjectOf(enterprise),
        baseCode: m.terms.baseCode,
        checkedOn: CalendarDate.make(day),
        bars: CreditRecord.barsOn(record, m.terms.baseCode, CalendarDate.make(day)),
      },
    }
    return Application.decide(
      {
        _tag: "SubmitApplication",
        caseNo: "2026-AGAIN",
        applicant: enterprise,
        matter: m.terms,
        materials: [{ code: "M01", form: "paper" }],
      },
      Application.initialState,
      { now: `${day}T01:30:00.000Z`, actor: { id: "applicant-1", roles: ["applicant"] }, facts },
    )
  }
  if (lastDay === null) {
    expect(Result.isSuccess(submitOn(m.today))).toBe(true)
    return
  }
  for (const day of [m.today, lastDay]) {
    const outcome = submitOn(day)
    expect(Result.isFailure(outcome) ? outcome.failure : "accepted").toMatchObject({
      _tag: "ReapplicationBarred",
      article: found.article,
      baseCode: m.terms.baseCode,
      barredUntil: lastDay,
    })
  }
  expect(Result.isSuccess(submitOn(dayAfter(lastDay)))).toBe(true)
}
