/**
 * `decide` for the `Redemption` aggregate: one function per command, typed rejections, no throw.
 * The policy in force, the subject's facts and its payee account arrive as facts from the runtime.
 *
 * @since 0.3.0
 */
import * as Result from "effect/Result"
import { hasAnyRole, type Role } from "../Actor.ts"
import type * as CalendarDate from "../CalendarDate.ts"
import { type CommandContext, today as todayOf } from "../Decider.ts"
import { isResidentIdNumber, isUnifiedSocialCreditCode } from "../IdentityCode.ts"
import { amountOf, eligibility } from "../Policy/Terms.ts"
import type { Command } from "./Commands.ts"
import type { Event } from "./Events.ts"
import { committedStatuses, fitsBudget, jointReviewStatus, reopenableStatuses } from "./invariants.ts"
import type { Rejection } from "./Rejections.ts"
import type { Award, Facts, PolicyRef, State } from "./State.ts"

type Decision = Result.Result<ReadonlyArray<Event>, Rejection>

/**
 * The roles that may issue each command: the subject (`applicant` / `agent`) applies, confirms and
 * declines; the issuing authority's window (`windowClerk`) accepts; the joint reviewer
 * departments' `reviewer`s review; the issuing authority's `approver`s approve, refuse, disburse,
 * rescind and record repayment; the runtime (`system`) offers (免申即享).
 *
 * @category models
 * @since 0.3.0
 */
export const requiredRoles: { readonly [K in Command["_tag"]]: ReadonlyArray<Role> } = {
  ApplyForRedemption: ["applicant", "agent"],
  AcceptRedemption: ["windowClerk"],
  ReviewRedemption: ["reviewer"],
  ApproveRedemption: ["approver"],
  RefuseRedemption: ["approver"],
  DisburseRedemption: ["approver"],
  RescindAward: ["approver"],
  RecordRepayment: ["approver"],
  OfferEntitlement: ["system"],
  ConfirmEntitlement: ["applicant", "agent"],
  DeclineEntitlement: ["applicant", "agent"],
}

const reject = (rejection: Rejection): Decision => Result.fail(rejection)
const emit = (...events: ReadonlyArray<Event>): Decision => Result.succeed(events)

interface At {
  readonly today: CalendarDate.CalendarDate
  readonly by: string
  readonly facts: Facts
}

const refOf = (policy: NonNullable<Facts["policy"]>): PolicyRef => ({
  version: policy.version,
  authority: policy.terms.authority,
  region: policy.terms.region,
  jointReviewers: policy.terms.jointReviewers,
})

/** The checks an application and an offer share: open policy, mode, facts, eligibility, no award. */
const admit = (
  command: { readonly policyId: string; readonly subjectCode: string },
  state: State,
  facts: Facts,
  mode: "ApplyAndRedeem" | "AutoEntitlement",
): Rejection | undefined => {
  const { policy, subject } = facts
  if (policy === null) return { _tag: "PolicyNotOpen", policyId: command.policyId, why: "no published policy" }
  if (policy.expired === true) {
    return { _tag: "PolicyExpired", policyId: command.policyId, lastDay: policy.terms.window.closesOn }
  }
  if (!policy.open) return { _tag: "PolicyNotOpen", policyId: command.policyId, why: "not taking redemptions today" }
  if (policy.terms.mode._tag !== mode) {
    return { _tag: "WrongMode", policyId: command.policyId, mode: policy.terms.mode._tag }
  }
  if (subject === null)
    return {
      _tag: "NoSharedRecord",
      subjectCode: command.subjectCode,
      kind: isResidentIdNumber(command.subjectCode) ? "residentRecord" : "businessRegistration",
    }
  const unmet = eligibility(policy.terms, subject.facts)
  if (unmet.length > 0) return { _tag: "NotEligible", subjectCode: command.subjectCode, unmet: [...unmet] }
  const existing = state.awards[command.subjectCode]
  if (existing !== undefined && !reopenableStatuses.includes(existing.status)) {
    return { _tag: "AlreadyAwarded", subjectCode: command.subjectCode, status: existing.status }
  }
  return undefined
}

/** Approval of an award: amount from the rule and the recorded facts, checked against the budget. */
const approve = (state: State, award: Award, { today, by, facts }: At): Decision => {
  const { policy } = facts
  if (policy === null) return reject({ _tag: "PolicyNotOpen", policyId: state.policyId, why: "no published policy" })
  const amount = amountOf(policy.terms.amount, award.facts, award.baseFen)
  if (Result.isFailure(amount)) {
    return reject({ _tag: "AmountUnavailable", subjectCode: award.subjectCode, detail: amount.failure.detail })
  }
  const budgetFen = policy.terms.budgetFen
  if (!fitsBudget(state, amount.success, budgetFen)) {
    return reject({ _tag: "BudgetExceeded", budgetFen, committedFen: state.committedFen, amountFen: amount.success })
  }
  return emit({
    _tag: "RedemptionApproved",
    policyId: state.policyId,
    subjectCode: award.subjectCode,
    amountFen: amount.success,
    budgetFen,
    committedFen: state.committedFen + amount.success,
    policyVersion: policy.version,
    approvedOn: today,
    approvedBy: by,
  })
}

const withAward = (
  command: Command,
  state: State,
  statuses: ReadonlyArray<Award["status"]>,
  then: (award: Award) => Decision,
): Decision => {
  const award = state.awards[command.subjectCode]
  if (award === undefined) return reject({ _tag: "NoAward", subjectCode: command.subjectCode })
  if (!statuses.includes(award.status)) {
    return reject({
      _tag: "WrongStatus",
      subjectCode: command.subjectCode,
      command: command._tag,
      status: award.status,
    })
  }
  return then(award)
}

/**
 * Decides a command against a policy's redemption ledger: the role, the instant, that the subject
 * is an organisation, then the command's rules. Approvals (`ApproveRedemption`,
 * `ConfirmEntitlement`, an offer that disburses without confirmation) commit the amount only when
 * it fits the budget of the policy in force ({@link fitsBudget}).
 *
 * @example
 * ```ts
 * import { Redemption } from "@yiciban/core"
 *
 * Redemption.decide({ _tag: "ApproveRedemption", policyId, subjectCode }, ledger, { now, actor: approver, facts })
 * // Result.fail({ _tag: "BudgetExceeded", budgetFen, committedFen, amountFen }) when it does not fit
 * ```
 *
 * @category combinators
 * @since 0.3.0
 */
export const decide = (command: Command, state: State, context: CommandContext<Facts>): Decision => {
  const required = requiredRoles[command._tag]
  if (!hasAnyRole(context.actor, required)) {
    return reject({ _tag: "NotAuthorized", actorId: context.actor.id, required })
  }
  const day = todayOf(context)
  if (Result.isFailure(day)) return reject(day.failure)
  if (!isUnifiedSocialCreditCode(command.subjectCode) && !isResidentIdNumber(command.subjectCode)) {
    return reject({ _tag: "NotAnOrganisation", subjectCode: command.subjectCode })
  }
  const at: At = { today: day.success, by: context.actor.id, facts: context.facts }
  const ledger: State = state.policyId === "" ? { ...state, policyId: command.policyId } : state
  const about = { policyId: command.policyId, subjectCode: command.subjectCode }
  switch (command._tag) {
    case "ApplyForRedemption": {
      const refused = admit(command, ledger, at.facts, "ApplyAndRedeem")
      if (refused !== undefined) return reject(refused)
      const policy = at.facts.policy!
      const subject = at.facts.subject!
      const missing = policy.terms.materials.map((m) => m.code).filter((code) => !command.materials.includes(code))
      if (missing.length > 0) return reject({ _tag: "MissingMaterials", missing })
      const baseFen = command.baseFen ?? null
      const amount = amountOf(policy.terms.amount, subject.facts, baseFen)
      if (Result.isFailure(amount)) {
        return reject({ _tag: "AmountUnavailable", subjectCode: command.subjectCode, detail: amount.failure.detail })
      }
      return emit({
        _tag: "RedemptionApplied",
        ...about,
        subjectName: subject.name,
        policy: refOf(policy),
        facts: subject.facts,
        reliedOn: [...subject.reliedOn],
        baseFen,
        materials: [...command.materials],
        appliedOn: at.today,
        appliedBy: at.by,
      })
    }
    case "OfferEntitlement": {
      const refused = admit(command, ledger, at.facts, "AutoEntitlement")
      if (refused !== undefined) return reject(refused)
      const policy = at.facts.policy!
      const subject = at.facts.subject!
      const offered: Event = {
        _tag: "EntitlementOffered",
        ...about,
        subjectName: subject.name,
        policy: refOf(policy),
        facts: subject.facts,
        reliedOn: [...subject.reliedOn],
        offeredOn: at.today,
      }
      const mode = policy.terms.mode
      if (mode._tag === "AutoEntitlement" && mode.confirmation === "disburseWithoutConfirmation") {
        const award: Award = {
          subjectCode: command.subjectCode,
          subjectName: subject.name,
          status: "offered",
          via: "offer",
          policyVersion: policy.version,
          facts: subject.facts,
          reliedOn: subject.reliedOn,
          baseFen: null,
          amountFen: null,
          reviews: [],
          payee: null,
          repaymentDueFen: 0,
          repaid: false,
        }
        const approved = approve(ledger, award, at)
        return Result.isFailure(approved) ? approved : emit(offered, ...approved.success)
      }
      return emit(offered)
    }
    case "AcceptRedemption":
      return withAward(command, ledger, ["applied"], () =>
        emit({ _tag: "RedemptionAccepted", ...about, acceptedOn: at.today, acceptedBy: at.by }),
      )
    case "ReviewRedemption":
      return withAward(command, ledger, ["accepted"], (award) => {
        const departments = (ledger.policy?.jointReviewers ?? []).map((d) => d.creditCode)
        if (!departments.includes(command.department)) {
          return reject({ _tag: "NotAJointReviewer", department: command.department, why: "not a joint reviewer" })
        }
        if (award.reviews.some((r) => r.department === command.department)) {
          return reject({ _tag: "NotAJointReviewer", department: command.department, why: "reviewed already" })
        }
        return emit({
          _tag: "JointReviewRecorded",
          ...about,
          department: command.department,
          agrees: command.agrees,
          reasons: command.reasons,
          reviewedOn: at.today,
          reviewedBy: at.by,
        })
      })
    case "ApproveRedemption":
      return withAward(command, ledger, ["accepted"], (award) => {
        const review = jointReviewStatus(ledger, award)
        if (review.outstanding.length > 0 || review.disagreed.length > 0) {
          return reject({
            _tag: "JointReviewIncomplete",
            outstanding: [...review.outstanding],
            disagreed: [...review.disagreed],
          })
        }
        return approve(ledger, award, at)
      })
    case "ConfirmEntitlement":
      return withAward(command, ledger, ["offered"], (award) => {
        if (at.facts.policy === null || !at.facts.policy.open) {
          return reject({ _tag: "PolicyNotOpen", policyId: command.policyId, why: "not taking redemptions today" })
        }
        return approve(ledger, award, at)
      })
    case "RefuseRedemption":
      return withAward(command, ledger, ["applied", "accepted", "offered"], () =>
        emit({ _tag: "RedemptionRefused", ...about, reasons: command.reasons, refusedOn: at.today, refusedBy: at.by }),
      )
    case "DeclineEntitlement":
      return withAward(command, ledger, ["offered"], () =>
        emit({ _tag: "EntitlementDeclined", ...about, declinedOn: at.today, declinedBy: at.by }),
      )
    case "DisburseRedemption":
      return withAward(command, ledger, ["approved"], (award) => {
        if (at.facts.payee === null) return reject({ _tag: "NoVerifiedPayee", subjectCode: command.subjectCode })
        return emit({
          _tag: "RedemptionDisbursed",
          ...about,
          amountFen: award.amountFen ?? 0,
          payee: at.facts.payee,
          reference: command.reference,
          disbursedOn: at.today,
          disbursedBy: at.by,
        })
      })
    case "RescindAward":
      return withAward(command, ledger, committedStatuses, (award) =>
        emit({
          _tag: "AwardRescinded",
          ...about,
          returnedFen: award.amountFen ?? 0,
          repaymentDueFen: award.status === "disbursed" ? (award.amountFen ?? 0) : 0,
          reasons: command.reasons,
          legalBasis: command.legalBasis,
          rescindedOn: at.today,
          rescindedBy: at.by,
        }),
      )
    case "RecordRepayment":
      return withAward(command, ledger, ["rescinded"], (award) => {
        if (award.repaymentDueFen === 0 || award.repaid) {
          return reject({
            _tag: "WrongStatus",
            subjectCode: command.subjectCode,
            command: command._tag,
            status: award.status,
          })
        }
        return emit({
          _tag: "RepaymentRecorded",
          ...about,
          amountFen: award.repaymentDueFen,
          repaidOn: at.today,
          recordedBy: at.by,
        })
      })
    default: {
      const unhandled: never = command
      return unhandled
    }
  }
}
