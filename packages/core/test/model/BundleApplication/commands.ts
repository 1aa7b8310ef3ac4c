/**
 * The model's commands: each is `check(model)` + `run(model, real)` + `toString()`; an `…Err`
 * command asserts the exact rejection.
 */
import { expect } from "vitest"
import { type BundleApplication, CalendarDate } from "../../../src/index.ts"
import { applicant, asApplicant, asClerkOf, asHead, asLeadClerk, asSystem, letter, province } from "./fixtures.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  caseNo,
  count,
  keyOf,
  outstanding,
  refuse,
  settle,
  succeed,
} from "./model.ts"

abstract class Step implements BundleCommand {
  abstract readonly name: string
  abstract check(m: Readonly<BundleModel>): boolean
  abstract act(m: BundleModel, r: BundleReal): void
  run(m: BundleModel, r: BundleReal): void {
    count(this.name)
    this.act(m, r)
    settle(m, r)
  }
  toString(): string {
    return this.name
  }
}

export class Submit extends Step {
  readonly name = "Submit"
  /** `withoutShared`: the applicant hands over nothing the members take from shared data (the source had no record). */
  constructor(
    readonly picks: ReadonlyArray<boolean>,
    readonly withoutShared = false,
  ) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.phase === "new"
  act(m: BundleModel, r: BundleReal) {
    const marked = (codes: ReadonlyArray<string>) =>
      m.bundle.members.some((member) => member.materials.some((r) => codes.includes(r.code) && r.sharedDataKind))
    const entries = m.bundle.notice.materials.filter(
      (e, i) => this.picks[i % this.picks.length] && !(this.withoutShared && marked(e.codes)),
    )
    // an entry every member requiring it takes from shared data (数据共享) is, on alternate picks, on file
    // as the fact the runtime fetched: held like a paper, with its reliance
    const requirements = m.bundle.members.flatMap((member) => member.materials)
    const sharedKind = (codes: ReadonlyArray<string>) => {
      const inEntry = requirements.filter((r) => codes.includes(r.code))
      const kind = inEntry[0]?.sharedDataKind
      return kind !== undefined && inEntry.every((r) => r.sharedDataKind === kind) ? kind : undefined
    }
    const viaShared = (index: number) =>
      sharedKind(entries[index]!.codes) !== undefined && this.picks[(index + 1) % this.picks.length] === true
    const materials = entries.map((e, i) => ({ code: e.codes.at(-1)!, form: viaShared(i) ? "sharedData" : "paper" }))
    const shared = entries.flatMap((e, i) =>
      viaShared(i)
        ? [
            {
              materialCode: e.codes.at(-1)!,
              kind: sharedKind(e.codes)!,
              source: "model",
              fetchedAt: "2026-09-24T01:30:00.000Z",
              digest: "0".repeat(64),
            },
          ]
        : [],
    )
    if (shared.length > 0) count("Submit(sharedData)")
    succeed(
      r,
      {
        _tag: "SubmitBundleApplication",
        caseNo,
        applicant,
        bundle: m.bundle,
        materials: materials as ReadonlyArray<{ code: string; form: "paper" | "sharedData" }>,
        ...(shared.length === 0 ? {} : { sharedDataReliedOn: shared }),
      },
      asApplicant,
    )
    m.phase = "submitted"
    m.held = new Set(entries.map((e) => e.codes[0]!))
  }
}

export class Propose extends Step {
  readonly name = "Propose"
  constructor(
    readonly member: number,
    readonly items: ReadonlyArray<{ readonly material: number; readonly problem: "missing" | "defective" }>,
  ) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.phase === "submitted"
  act(m: BundleModel, r: BundleReal) {
    const member = m.bundle.members[this.member % m.bundle.members.length]!
    const picked = new Map<string, "missing" | "defective">()
    for (const item of this.items)
      picked.set(member.materials[item.material % member.materials.length]!.code, item.problem)
    const items = [...picked].map(([code, problem]) => ({ code, problem, note: `${problem}: ${code}` }))
    const command: BundleApplication.Command = {
      _tag: "ProposeCorrection",
      caseNo,
      implementationCode: member.implementationCode,
      items: items as [(typeof items)[number], ...typeof items],
    }
    const context = asClerkOf(member.implementingAuthority)
    const askedAgain = items.filter((i) => i.problem === "missing" && m.held.has(keyOf(m, i.code)))
    const neverGiven = items.filter((i) => i.problem === "defective" && !m.held.has(keyOf(m, i.code)))
    if (askedAgain.length > 0) {
      count("Propose_Err(MaterialAlreadyHandedOver)")
      return refuse(r, command, context, { _tag: "MaterialAlreadyHandedOver", codes: askedAgain.map((i) => i.code) })
    }
    if (neverGiven.length > 0) {
      count("Propose_Err(MaterialNotHandedOver)")
      return refuse(r, command, context, { _tag: "MaterialNotHandedOver", codes: neverGiven.map((i) => i.code) })
    }
    succeed(r, command, context)
    m.proposals.set(member.implementationCode, new Map(items.map((i) => [keyOf(m, i.code), i.problem])))
  }
}

export class IssueNotice extends Step {
  readonly name = "IssueNotice"
  check = (m: Readonly<BundleModel>) => m.phase === "submitted"
  act(m: BundleModel, r: BundleReal) {
    const command: BundleApplication.Command = { _tag: "IssueCombinedNotice", caseNo }
    if (m.proposals.size === 0) return refuse(r, command, asLeadClerk, { _tag: "NothingToNotify" })
    const notice = new Map<string, "missing" | "defective">()
    for (const items of m.proposals.values()) {
      for (const [key, problem] of items) if (notice.get(key) !== "defective") notice.set(key, problem)
    }
    const [event] = succeed(r, command, asLeadClerk)
    // one item per material, however many departments asked for it
    if (event?._tag === "CombinedNoticeIssued") {
      expect(new Map(event.items.map((i) => [i.code, i.problem]))).toEqual(notice)
    }
    m.notice = notice
    m.phase = "correctionRequested"
  }
}

export class Answer extends Step {
  readonly name = "Answer"
  constructor(readonly picks: ReadonlyArray<boolean>) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.phase === "correctionRequested"
  act(m: BundleModel, r: BundleReal) {
    const keys = [...m.notice!.keys()]
    const chosen = keys.filter((_, i) => this.picks[i % this.picks.length])
    const answered = chosen.length > 0 ? chosen : keys.slice(0, 1)
    succeed(
      r,
      {
        _tag: "AnswerCombinedNotice",
        caseNo,
        materials: answered.map((code) => ({ code, form: "electronic" as const })) as [
          { code: string; form: "electronic" },
          ...Array<{ code: string; form: "electronic" }>,
        ],
      },
      asApplicant,
    )
    for (const key of answered) m.held.add(key)
    m.resupplied = new Set(answered)
    m.phase = "corrected"
  }
}

/** The model's choice for a member: the plainest acceptance its terms allow, if any. */
const modeFor = (m: BundleModel, member: BundleModel["bundle"]["members"][number]) => {
  const missing = outstanding(m, member)
  if (missing.length === 0) return { _tag: "Ordinary" as const }
  // the member's own deferrable materials and those the bundle tolerates for it (跨部门容缺)
  const granted = m.bundle.crossTolerance?.find((t) => t.implementationCode === member.implementationCode)
  const deferrable = [...(member.tolerantAcceptance?.deferrableMaterialCodes ?? []), ...(granted?.materialCodes ?? [])]
  if (missing.every((code) => deferrable.includes(code))) {
    if (missing.some((code) => !(member.tolerantAcceptance?.deferrableMaterialCodes ?? []).includes(code))) {
      count("Accept(crossTolerance)")
    }
    return {
      _tag: "Tolerant" as const,
      deferred: missing.map((code) => ({ code, howToSupply: "五个工作日内补交" })),
      commitment: { signedBy: applicant.name, statement: "承诺按期补交" },
    }
  }
  if (
    member.commitment?.enabled === true &&
    missing.every((c) => member.commitment!.replacedMaterialCodes.includes(c))
  ) {
    return { _tag: "OnCommitment" as const, letter, grantOnTheSpot: false }
  }
  return undefined
}

export class Accept extends Step {
  readonly name = "Accept"
  check = (m: Readonly<BundleModel>) => m.phase === "submitted" || m.phase === "corrected"
  act(m: BundleModel, r: BundleReal) {
    const members = m.bundle.members.map((member) => ({ member, mode: modeFor(m, member) }))
    const blocked = members.find((x) => x.mode === undefined)
    const command: BundleApplication.Command = {
      _tag: "AcceptBundle",
      caseNo,
      members: members.map(({ member, mode }) => ({
        implementationCode: member.implementationCode,
        acceptance: mode ?? { _tag: "Ordinary" },
      })),
    }
    if (blocked !== undefined) {
      count("Accept_Err(AcceptanceNotAllowed)")
      return refuse(r, command, asLeadClerk, {
        _tag: "AcceptanceNotAllowed",
        implementationCode: blocked.member.implementationCode,
        mode: "Ordinary",
        why: "materialsOutstanding",
      })
    }
    succeed(r, command, asLeadClerk)
    m.children = m.bundle.members.map((member) => ({
      authority: member.implementingAuthority.creditCode,
      outcome: null,
    }))
    m.phase = "accepted"
  }
}

export class AcceptOrdinaryErr extends Step {
  readonly name = "AcceptOrdinary_Err"
  check = (m: Readonly<BundleModel>) =>
    (m.phase === "submitted" || m.phase === "corrected") && m.bundle.members.some((x) => outstanding(m, x).length > 0)
  act(m: BundleModel, r: BundleReal) {
    const first = m.bundle.members.find((x) => outstanding(m, x).length > 0)!
    refuse(
      r,
      {
        _tag: "AcceptBundle",
        caseNo,
        members: m.bundle.members.map((x) => ({
          implementationCode: x.implementationCode,
          acceptance: { _tag: "Ordinary" },
        })),
      },
      asLeadClerk,
      { _tag: "AcceptanceNotAllowed", implementationCode: first.implementationCode, codes: outstanding(m, first) },
    )
  }
}

const results = ["granted", "denied", "declined", "withdrawn", "terminated", "lapsed"] as const

export class ChildOutcome extends Step {
  readonly name = "ChildOutcome"
  constructor(
    readonly child: number,
    readonly result: (typeof results)[number],
    readonly byOwnAuthority: boolean,
    readonly day: number,
  ) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.children.length > 0
  act(m: BundleModel, r: BundleReal) {
    const index = this.child % m.children.length
    const child = m.children[index]!
    const decidedBy = this.byOwnAuthority
      ? child.authority
      : province.creditCode === child.authority
        ? "X"
        : province.creditCode
    const command: BundleApplication.Command = {
      _tag: "RecordChildOutcome",
      caseNo,
      childCaseNo: `${caseNo}-J${index + 1}`,
      outcome: {
        result: this.result,
        on: CalendarDate.make(`2026-10-${String(10 + this.day).padStart(2, "0")}`),
        decidedBy,
      },
    }
    if (!this.byOwnAuthority) {
      count("ChildOutcome_Err(DecidedByAnotherAuthority)")
      return refuse(r, command, asSystem, { _tag: "DecidedByAnotherAuthority" })
    }
    if (child.outcome !== null) {
      const recorded = r.state.children[index]!.outcome!
      if (recorded.result === this.result && recorded.on === command.outcome.on) {
        expect(succeed(r, command, asSystem)).toEqual([])
        return
      }
      count("ChildOutcome_Err(ChildAlreadyConcluded)")
      return refuse(r, command, asSystem, { _tag: "ChildAlreadyConcluded" })
    }
    succeed(r, command, asSystem)
    child.outcome = this.result
    if (m.children.every((c) => c.outcome !== null)) m.phase = "concluded"
  }
}

export class Extend extends Step {
  readonly name = "Extend"
  constructor(readonly workingDays: number) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.phase === "accepted"
  act(m: BundleModel, r: BundleReal) {
    const command: BundleApplication.Command = {
      _tag: "ExtendJointLimit",
      caseNo,
      workingDays: this.workingDays,
      reason: "需要现场核查",
    }
    if (m.extended) return refuse(r, command, asHead, { _tag: "JointLimitAlreadyExtended" })
    if (this.workingDays > 15) return refuse(r, command, asHead, { _tag: "JointExtensionAboveCap", cap: 15 })
    succeed(r, command, asHead)
    m.extended = true
  }
}

export class Deliver extends Step {
  readonly name = "Deliver"
  check = (m: Readonly<BundleModel>) => m.phase === "accepted" || m.phase === "concluded"
  act(m: BundleModel, r: BundleReal) {
    const command: BundleApplication.Command = { _tag: "DeliverUnified", caseNo }
    if (m.phase === "accepted") return refuse(r, command, asLeadClerk, { _tag: "NotAllowedInPhase" })
    const [event] = succeed(r, command, asLeadClerk)
    // every child is listed, a denial as plainly as a grant
    expect(event?._tag === "UnifiedDelivery" ? event.results.map((x) => x.outcome.result) : []).toEqual(
      m.children.map((c) => c.outcome),
    )
    m.phase = "delivered"
  }
}

/** Any command from an actor without its role: refused, nothing changes. */
export class NotAuthorizedErr extends Step {
  readonly name = "NotAuthorized_Err"
  check = () => true
  act(m: BundleModel, r: BundleReal) {
    refuse(r, { _tag: "DeliverUnified", caseNo }, asApplicant, { _tag: "NotAuthorized", required: ["windowClerk"] })
    refuse(
      r,
      {
        _tag: "RecordChildOutcome",
        caseNo,
        childCaseNo: `${caseNo}-J1`,
        outcome: { result: "granted", on: CalendarDate.make("2026-10-10"), decidedBy: null },
      },
      asLeadClerk,
      { _tag: "NotAuthorized", required: ["system"] },
    )
    void m
  }
}

/** A process manager delivering a concluded child's outcome again: nothing changes. */
export class ChildOutcomeAgain extends Step {
  readonly name = "ChildOutcome(again)"
  constructor(readonly child: number) {
    super()
  }
  check = (m: Readonly<BundleModel>) => m.children.some((c) => c.outcome !== null)
  act(m: BundleModel, r: BundleReal) {
    const concluded = r.state.children.filter((c) => c.outcome !== null)
    const child = concluded[this.child % concluded.length]!
    expect(
      succeed(r, { _tag: "RecordChildOutcome", caseNo, childCaseNo: child.caseNo, outcome: child.outcome! }, asSystem),
    ).toEqual([])
    void m
  }
}
