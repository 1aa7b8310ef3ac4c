/**
 * `decide` for the `BundleApplication` aggregate: one function per command, an exhaustive switch,
 * typed rejections, no throw. The working-day calendar is a parameter ({@link makeDecide}).
 *
 * @since 0.3.0
 */
import * as Result from "effect/Result"
import { hasAnyRole } from "../Actor.ts"
import { isDeferrable } from "../Application/invariants.ts"
import { scopeProblem } from "../Application/queries.ts"
import type { LicenceReliance, SharedDataReliance, SubmittedMaterial } from "../Application/State.ts"
import * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import type { PublishedMatter } from "../PublishedMatter.ts"
import { extensionCap, type PublishedBundle } from "../ServiceBundle/State.ts"
import * as WorkCalendar from "../WorkCalendar.ts"
import {
  type AcceptBundle,
  type AnswerCombinedNotice,
  type Command,
  type CommandTag,
  type ExtendJointLimit,
  type ProposeCorrection,
  type RecordChildOutcome,
  requiredRoles,
  type SubmitBundleApplication,
  type SupplementBundle,
} from "./Commands.ts"
import type { Event } from "./Events.ts"
import { decisionByOwnAuthority, jointLimitWithinLaw } from "./invariants.ts"
import {
  authorityFor,
  deferredOutstanding,
  entryOf,
  heldCodes,
  materialsFor,
  memberOf,
  openChildren,
  outstandingFor,
  reliancesFor,
  sharedReliancesFor,
} from "./queries.ts"
import type { Rejection } from "./Rejections.ts"
import { type Child, type CombinedItem, childCaseNo, type MemberAcceptance, type Phase, type State } from "./State.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

/**
 * The phases each command is allowed in.
 *
 * @category models
 * @since 0.3.0
 */
export const allowedPhases: { readonly [K in CommandTag]: ReadonlyArray<Phase> } = {
  SubmitBundleApplication: ["new"],
  ProposeCorrection: ["submitted"],
  IssueCombinedNotice: ["submitted"],
  AnswerCombinedNotice: ["correctionRequested"],
  AcceptBundle: ["submitted", "corrected"],
  DeclineBundle: ["submitted", "correctionRequested", "corrected"],
  RecordChildOutcome: ["accepted", "concluded", "delivered"],
  ExtendJointLimit: ["accepted"],
  DeliverUnified: ["concluded"],
  SupplementBundle: ["accepted"],
}

interface At {
  readonly today: CalendarDate.CalendarDate
  readonly actorId: string
  readonly calendar: WorkCalendar.WorkCalendar
}

/** Materials not on the merged list, and materials handed over twice (one merged entry twice). */
const materialProblem = (
  bundle: PublishedBundle,
  materials: ReadonlyArray<SubmittedMaterial>,
): Rejection | undefined => {
  const unknown = materials.filter((m) => entryOf(bundle, m.code) === undefined).map((m) => m.code)
  if (unknown.length > 0) return { _tag: "UnknownMaterials", codes: unknown }
  const seen = new Set<BundleEntryKey>()
  const repeated: Array<string> = []
  for (const m of materials) {
    const key = entryOf(bundle, m.code)!.codes[0]!
    if (seen.has(key)) repeated.push(m.code)
    seen.add(key)
  }
  return repeated.length > 0 ? { _tag: "DuplicateMaterials", codes: repeated } : undefined
}
type BundleEntryKey = string

/**
 * The licences relied on fit the materials: each for a merged entry a member marks for that licence
 * (`licenceBaseCode`), given as that licence with its number, one per entry; and a material given
 * as such a licence has the runtime's reliance (a caller cannot assert a licence).
 */
const relianceProblem = (
  bundle: PublishedBundle,
  materials: ReadonlyArray<SubmittedMaterial>,
  reliances: ReadonlyArray<LicenceReliance>,
): Rejection | undefined => {
  const requirements = bundle.members.flatMap((member) => member.materials)
  const givenFor = (codes: ReadonlyArray<string>) => materials.find((m) => codes.includes(m.code))
  const entries = reliances.map((reliance) => entryOf(bundle, reliance.materialCode))
  const mismatched = reliances
    .filter((reliance, index) => {
      const entry = entries[index]
      if (entry === undefined) return true
      const given = givenFor(entry.codes)
      const marked = requirements.some((r) => entry.codes.includes(r.code) && r.licenceBaseCode === reliance.baseCode)
      const twice = entries.indexOf(entry) !== index
      return !marked || twice || given?.form !== "electronicLicence" || given.licenceNo !== reliance.licenceNo
    })
    .map((reliance) => reliance.materialCode)
  if (mismatched.length > 0) {
    return {
      _tag: "LicenceRelianceInvalid",
      problem: "mismatch",
      codes: mismatched,
      message: "a licence relied on must be given for a material a member marks for that licence, with its number",
    }
  }
  const notLookedUp = materials
    .filter((m) => {
      if (m.form !== "electronicLicence") return false
      const entry = entryOf(bundle, m.code)
      const marked = requirements.some((r) => entry?.codes.includes(r.code) === true && r.licenceBaseCode !== undefined)
      return marked && !entries.includes(entry)
    })
    .map((m) => m.code)
  return notLookedUp.length > 0
    ? {
        _tag: "LicenceRelianceInvalid",
        problem: "notLookedUp",
        codes: notLookedUp,
        message: "a material a licence of this system satisfies is given as that licence only by the runtime's look-up",
      }
    : undefined
}

/**
 * The shared facts relied on fit the materials: each for a merged entry every member requirement
 * of which marks that kind of fact (`sharedDataKind`), given as shared data, one per entry; and a
 * material given as shared data has the runtime's reliance (a caller cannot assert a fact).
 */
const sharedProblem = (
  bundle: PublishedBundle,
  materials: ReadonlyArray<SubmittedMaterial>,
  reliances: ReadonlyArray<SharedDataReliance>,
): Rejection | undefined => {
  const requirements = bundle.members.flatMap((member) => member.materials)
  const inEntry = (codes: ReadonlyArray<string>) => requirements.filter((r) => codes.includes(r.code))
  const notMarked = materials
    .filter((m) => {
      if (m.form !== "sharedData") return false
      const entry = entryOf(bundle, m.code)
      return entry === undefined || inEntry(entry.codes).some((r) => r.sharedDataKind === undefined)
    })
    .map((m) => m.code)
  if (notMarked.length > 0) {
    return {
      _tag: "SharedDataRelianceInvalid",
      problem: "notMarked",
      codes: notMarked,
      message: "not every member requiring this material takes it from shared data: give the material itself",
    }
  }
  const entries = reliances.map((reliance) => entryOf(bundle, reliance.materialCode))
  const mismatched = reliances
    .filter((reliance, index) => {
      const entry = entries[index]
      if (entry === undefined) return true
      const given = materials.find((m) => entry.codes.includes(m.code))
      const marked = inEntry(entry.codes).every((r) => r.sharedDataKind === reliance.kind)
      const twice = entries.indexOf(entry) !== index
      return !marked || twice || given?.form !== "sharedData" || given.code !== reliance.materialCode
    })
    .map((reliance) => reliance.materialCode)
  if (mismatched.length > 0) {
    return {
      _tag: "SharedDataRelianceInvalid",
      problem: "mismatch",
      codes: mismatched,
      message: "a shared fact relied on must be of the kind the members mark, for a material given as shared data",
    }
  }
  const notLookedUp = materials
    .filter((m) => m.form === "sharedData" && !reliances.some((r) => r.materialCode === m.code))
    .map((m) => m.code)
  return notLookedUp.length > 0
    ? {
        _tag: "SharedDataRelianceInvalid",
        problem: "notLookedUp",
        codes: notLookedUp,
        message: "a material taken from shared data is given as such only by the runtime's fetch at submission",
      }
    : undefined
}

const submit = (command: SubmitBundleApplication, { today }: At): Decision => {
  const problem = materialProblem(command.bundle, command.materials)
  if (problem !== undefined) return reject(problem)
  const reliances = command.licencesReliedOn ?? []
  const relied = relianceProblem(command.bundle, command.materials, reliances)
  if (relied !== undefined) return reject(relied)
  const shared = command.sharedDataReliedOn ?? []
  const sharedWrong = sharedProblem(command.bundle, command.materials, shared)
  if (sharedWrong !== undefined) return reject(sharedWrong)
  const delegations = command.delegations ?? []
  const badDelegations = delegations
    .map((d) => d.implementationCode)
    .filter(
      (code, index, codes) =>
        codes.indexOf(code) !== index || !command.bundle.members.some((m) => m.implementationCode === code),
    )
  if (badDelegations.length > 0) return reject({ _tag: "InvalidDelegations", codes: badDelegations })
  for (const member of command.bundle.members) {
    const outside = scopeProblem(member, command.applicant)
    if (outside !== undefined) {
      return reject({
        _tag: "ApplicantOutOfScope",
        implementationCode: member.implementationCode,
        problem: outside.problem,
      })
    }
  }
  return emit({
    _tag: "BundleApplicationSubmitted",
    caseNo: command.caseNo,
    applicant: command.applicant,
    bundle: command.bundle,
    materials: command.materials,
    receivedOn: today,
    ...(reliances.length === 0 ? {} : { licencesReliedOn: reliances }),
    ...(shared.length === 0 ? {} : { sharedDataReliedOn: shared }),
    ...(delegations.length === 0 ? {} : { delegations }),
  })
}

const propose = (command: ProposeCorrection, state: State, { today, actorId }: At): Decision => {
  const member = memberOf(state, command.implementationCode)
  if (member === undefined) return reject({ _tag: "NotAMember", implementationCode: command.implementationCode })
  const own = new Set(member.materials.map((r) => r.code))
  const foreign = command.items.filter((item) => !own.has(item.code)).map((item) => item.code)
  if (foreign.length > 0) {
    return reject({ _tag: "NotRequiredByMember", implementationCode: command.implementationCode, codes: foreign })
  }
  const held = heldCodes(state)
  const askedAgain = command.items.filter((i) => i.problem === "missing" && held.has(i.code)).map((i) => i.code)
  if (askedAgain.length > 0) return reject({ _tag: "MaterialAlreadyHandedOver", codes: askedAgain })
  const neverGiven = command.items.filter((i) => i.problem === "defective" && !held.has(i.code)).map((i) => i.code)
  if (neverGiven.length > 0) return reject({ _tag: "MaterialNotHandedOver", codes: neverGiven })
  return emit({
    _tag: "CorrectionProposed",
    caseNo: state.caseNo,
    proposal: { implementationCode: command.implementationCode, items: command.items, proposedOn: today, by: actorId },
  })
}

/**
 * The combined notice's items from the departments' proposals: one entry per material of the
 * merged list (two members asking for the same material, under either of its codes, are one item),
 * "defective" when any department found it defective.
 *
 * @category combinators
 * @since 0.3.0
 */
export const combine = (state: State): ReadonlyArray<CombinedItem> => {
  const items = new Map<
    string,
    { code: string; problem: "missing" | "defective"; notes: Array<{ implementationCode: string; note: string }> }
  >()
  for (const proposal of state.proposals) {
    for (const item of proposal.items) {
      const key = (state.bundle === null ? undefined : entryOf(state.bundle, item.code)?.codes[0]) ?? item.code
      const entry = items.get(key) ?? { code: key, problem: item.problem, notes: [] }
      if (item.problem === "defective") entry.problem = "defective"
      entry.notes.push({ implementationCode: proposal.implementationCode, note: item.note })
      items.set(key, entry)
    }
  }
  return [...items.values()]
}

const answer = (command: AnswerCombinedNotice, state: State, { today }: At): Decision => {
  const problem = materialProblem(state.bundle!, command.materials)
  if (problem !== undefined) return reject(problem)
  const asked = new Set(
    (state.notice?.items ?? []).flatMap((item) => entryOf(state.bundle!, item.code)?.codes ?? [item.code]),
  )
  const notAsked = command.materials.filter((m) => !asked.has(m.code)).map((m) => m.code)
  if (notAsked.length > 0) return reject({ _tag: "NotAskedFor", codes: notAsked })
  return emit({ _tag: "CombinedNoticeAnswered", caseNo: state.caseNo, materials: command.materials, answeredOn: today })
}

/** Why `acceptance` is not allowed for `member`, given what is outstanding. */
const acceptanceProblem = (
  member: PublishedMatter,
  acceptance: MemberAcceptance,
  outstanding: ReadonlyArray<string>,
  granted: ReadonlyArray<string>,
): Rejection | undefined => {
  const base = {
    _tag: "AcceptanceNotAllowed" as const,
    implementationCode: member.implementationCode,
    mode: acceptance._tag,
  }
  switch (acceptance._tag) {
    case "Ordinary":
      return outstanding.length > 0 ? { ...base, why: "materialsOutstanding", codes: outstanding } : undefined
    case "Tolerant": {
      const deferred = new Set(acceptance.deferred.map((d) => d.code))
      // the member's own deferrable materials, and those the bundle's departments agreed to tolerate (跨部门容缺)
      const allowed = new Set([...(member.tolerantAcceptance?.deferrableMaterialCodes ?? []), ...granted])
      const notDeferrable = acceptance.deferred
        .map((d) => d.code)
        .filter((code) => !allowed.has(code) || member.materials.find((r) => r.code === code)?.category !== "secondary")
      if (notDeferrable.length > 0 || acceptance.deferred.length === 0) {
        return { ...base, why: "notDeferrable", codes: notDeferrable }
      }
      const uncovered = outstanding.filter((code) => !deferred.has(code))
      return uncovered.length > 0 ? { ...base, why: "materialsOutstanding", codes: uncovered } : undefined
    }
    case "OnCommitment": {
      if (member.commitment?.enabled !== true) return { ...base, why: "commitmentNotOffered", codes: [] }
      const replaced = new Set(member.commitment.replacedMaterialCodes)
      const notReplaceable = outstanding.filter((code) => !replaced.has(code))
      return notReplaceable.length > 0 ? { ...base, why: "notReplaceable", codes: notReplaceable } : undefined
    }
  }
}

const accept = (command: AcceptBundle, state: State, { today, actorId, calendar }: At): Decision => {
  const bundle = state.bundle!
  const named = command.members.map((m) => m.implementationCode)
  const codes = bundle.members.map((m) => m.implementationCode)
  const missing = codes.filter((code) => !named.includes(code))
  const unexpected = named.filter((code) => !codes.includes(code))
  const repeated = named.filter((code, index) => named.indexOf(code) !== index)
  if (missing.length + unexpected.length + repeated.length > 0) {
    return reject({ _tag: "MembersNotCovered", missing, unexpected, repeated })
  }
  const children: Array<Child> = []
  for (const [index, member] of bundle.members.entries()) {
    const { acceptance } = command.members.find((m) => m.implementationCode === member.implementationCode)!
    const grant = bundle.crossTolerance?.find((t) => t.implementationCode === member.implementationCode)
    const problem = acceptanceProblem(member, acceptance, outstandingFor(state, member), grant?.materialCodes ?? [])
    if (problem !== undefined) return reject(problem)
    // the child inherits the bundle's grant for what the lead window deferred beyond the member's own terms
    const byGrant =
      acceptance._tag === "Tolerant" && grant !== undefined
        ? acceptance.deferred.map((d) => d.code).filter((code) => !isDeferrable(member, code))
        : []
    const tolerance =
      grant === undefined || byGrant.length === 0
        ? undefined
        : {
            bundleCaseNo: state.caseNo,
            materialCodes: byGrant,
            supplementDeadlineWorkingDays: grant.supplementDeadlineWorkingDays,
            onDeadlineMissed: grant.onDeadlineMissed,
          }
    const reliances = reliancesFor(state, member)
    const shared = sharedReliancesFor(state, member)
    children.push({
      implementationCode: member.implementationCode,
      version: member.version,
      caseNo: childCaseNo(state.caseNo, index),
      authority: authorityFor(state, member),
      acceptance,
      materials: materialsFor(state, member),
      ...(reliances.length === 0 ? {} : { licencesReliedOn: reliances }),
      ...(shared.length === 0 ? {} : { sharedDataReliedOn: shared }),
      ...(tolerance === undefined ? {} : { tolerance }),
      outcome: null,
    })
  }
  const due = WorkCalendar.addWorkingDays(calendar, today, bundle.jointLimitWorkingDays)
  if (Result.isFailure(due)) return reject({ _tag: "CalendarNotCovered", year: due.failure.year })
  return emit({
    _tag: "BundleAccepted",
    caseNo: state.caseNo,
    acceptedOn: today,
    acceptedBy: actorId,
    applicant: state.applicant!,
    children,
    clock: { startedOn: today, limitWorkingDays: bundle.jointLimitWorkingDays, extension: null, dueOn: due.success },
  })
}

const recordOutcome = (command: RecordChildOutcome, state: State): Decision => {
  const child = state.children.find((c) => c.caseNo === command.childCaseNo)
  if (child === undefined) return reject({ _tag: "UnknownChild", childCaseNo: command.childCaseNo })
  if (!decisionByOwnAuthority(child, command.outcome)) {
    return reject({
      _tag: "DecidedByAnotherAuthority",
      childCaseNo: child.caseNo,
      expected: child.authority.creditCode,
      received: command.outcome.decidedBy,
    })
  }
  if (child.outcome !== null) {
    const same =
      child.outcome.result === command.outcome.result &&
      child.outcome.on === command.outcome.on &&
      child.outcome.decidedBy === command.outcome.decidedBy
    return same ? emit() : reject({ _tag: "ChildAlreadyConcluded", childCaseNo: child.caseNo, recorded: child.outcome })
  }
  const concluded: Event = {
    _tag: "ChildConcluded",
    caseNo: state.caseNo,
    childCaseNo: child.caseNo,
    outcome: command.outcome,
  }
  const stillOpen = openChildren(state).filter((c) => c.caseNo !== child.caseNo)
  if (stillOpen.length > 0) return emit(concluded)
  // the day the last child concluded, whatever order the outcomes arrived in
  const days = [...state.children.flatMap((c) => (c.outcome === null ? [] : [c.outcome.on])), command.outcome.on]
  const concludedOn = days.reduce(CalendarDate.max)
  return emit(concluded, { _tag: "BundleConcluded", caseNo: state.caseNo, concludedOn })
}

const extend = (command: ExtendJointLimit, state: State, { today, actorId, calendar }: At): Decision => {
  const clock = state.clock!
  if (clock.extension !== null) return reject({ _tag: "JointLimitAlreadyExtended", caseNo: state.caseNo })
  const due = WorkCalendar.addWorkingDays(calendar, clock.startedOn, clock.limitWorkingDays + command.workingDays)
  if (Result.isFailure(due)) return reject({ _tag: "CalendarNotCovered", year: due.failure.year })
  const extended = {
    ...state,
    clock: {
      ...clock,
      extension: { workingDays: command.workingDays, approvedBy: actorId, reason: command.reason, on: today },
    },
  }
  if (!jointLimitWithinLaw(extended)) {
    return reject({ _tag: "JointExtensionAboveCap", workingDays: command.workingDays, cap: extensionCap })
  }
  return emit({
    _tag: "JointLimitExtended",
    caseNo: state.caseNo,
    workingDays: command.workingDays,
    approvedBy: actorId,
    reason: command.reason,
    on: today,
    dueOn: due.success,
  })
}

const supplement = (command: SupplementBundle, state: State, { today }: At): Decision => {
  const bundle = state.bundle!
  const problem = materialProblem(bundle, command.materials)
  if (problem !== undefined) return reject(problem)
  const outstanding = deferredOutstanding(state)
  const forwards: Array<{ childCaseNo: string; materials: Array<SubmittedMaterial> }> = []
  const used = new Set<string>()
  for (const { childCaseNo, codes } of outstanding) {
    const materials: Array<SubmittedMaterial> = []
    for (const code of codes) {
      const given = command.materials.find((m) => entryOf(bundle, m.code)?.codes.includes(code) ?? false)
      if (given === undefined) continue
      used.add(given.code)
      materials.push({ ...given, code })
    }
    if (materials.length > 0) forwards.push({ childCaseNo, materials })
  }
  const notDeferred = command.materials.filter((m) => !used.has(m.code)).map((m) => m.code)
  if (notDeferred.length > 0) return reject({ _tag: "NotDeferredByAnyChild", codes: notDeferred })
  return emit({
    _tag: "BundleSupplemented",
    caseNo: state.caseNo,
    suppliedOn: today,
    materials: command.materials,
    forwards,
  })
}

const deliver = (state: State, { today }: At): Decision => {
  const open = openChildren(state)
  if (open.length > 0) return reject({ _tag: "ChildrenStillOpen", childCaseNos: open.map((c) => c.caseNo) })
  return emit({
    _tag: "UnifiedDelivery",
    caseNo: state.caseNo,
    deliveredOn: today,
    results: state.children.map((child) => ({
      implementationCode: child.implementationCode,
      name: memberOf(state, child.implementationCode)?.name ?? child.implementationCode,
      childCaseNo: child.caseNo,
      authority: child.authority,
      outcome: child.outcome!,
    })),
  })
}

/**
 * `decide` on a working-day calendar: checks the actor's role, the case, the phase, then the
 * command's own rules.
 *
 * @category constructors
 * @since 0.3.0
 */
export const makeDecide =
  (calendar: WorkCalendar.WorkCalendar) =>
  (command: Command, state: State, context: CommandContext): Decision => {
    const required = requiredRoles[command._tag]
    if (!hasAnyRole(context.actor, required)) {
      return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required })
    }
    const today = todayOf(context)
    if (Result.isFailure(today)) return reject(today.failure)
    if (state.phase === "new" && command._tag !== "SubmitBundleApplication") {
      return reject({ _tag: "UnknownBundleCase", caseNo: command.caseNo })
    }
    if (state.phase !== "new" && command._tag === "SubmitBundleApplication") {
      return reject({ _tag: "BundleCaseAlreadyExists", caseNo: command.caseNo })
    }
    if (state.phase !== "new" && command.caseNo !== state.caseNo) {
      return reject({ _tag: "WrongBundleCase", expected: state.caseNo, received: command.caseNo })
    }
    if (!allowedPhases[command._tag].includes(state.phase)) {
      return reject({ _tag: "NotAllowedInPhase", command: command._tag, phase: state.phase })
    }
    const at: At = { today: today.success, actorId: context.actor.id, calendar }
    switch (command._tag) {
      case "SubmitBundleApplication":
        return submit(command, at)
      case "ProposeCorrection":
        return propose(command, state, at)
      case "IssueCombinedNotice":
        return state.proposals.length === 0
          ? reject({ _tag: "NothingToNotify", caseNo: state.caseNo })
          : emit({ _tag: "CombinedNoticeIssued", caseNo: state.caseNo, issuedOn: at.today, items: combine(state) })
      case "AnswerCombinedNotice":
        return answer(command, state, at)
      case "AcceptBundle":
        return accept(command, state, at)
      case "DeclineBundle":
        return emit({ _tag: "BundleDeclined", caseNo: state.caseNo, declinedOn: at.today, reasons: command.reasons })
      case "RecordChildOutcome":
        return recordOutcome(command, state)
      case "ExtendJointLimit":
        return extend(command, state, at)
      case "DeliverUnified":
        return deliver(state, at)
      case "SupplementBundle":
        return supplement(command, state, at)
      default: {
        const unreachable: never = command
        return unreachable
      }
    }
  }
