/**
 * The transition table of the `Application` aggregate: from which phase each command may lead to
 * which phases. `decide` rejects a command in any phase the table does not list for it, and the
 * state diagram in docs/application.md is generated from the same table, so the two cannot drift.
 *
 * @since 0.1.0
 */
import type { CommandTag } from "./Commands.ts"
import { closedPhases, type Phase } from "./State.ts"

/**
 * One edge of the state diagram: `command` in phase `from` may lead to phase `to`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Transition {
  readonly from: Phase
  readonly command: CommandTag
  readonly to: Phase
}

const row = (
  command: CommandTag,
  from: ReadonlyArray<Phase>,
  to: ReadonlyArray<Phase | "same"> | "same",
): Array<Transition> =>
  from.flatMap((f) =>
    (to === "same" ? [f] : to.map((t) => (t === "same" ? f : t))).map((t) => ({ from: f, command, to: t })),
  )

const beforeDecision: ReadonlyArray<Phase> = [
  "draft",
  "submitted",
  "correctionRequested",
  "corrected",
  "underReview",
  "specialProcedure",
  "suspended",
]

/** Where a case accepted on commitment may still take its compliance proof or lapse. */
const afterCommitment: ReadonlyArray<Phase> = ["underReview", "specialProcedure", "granted", "concluded"]

/**
 * Every transition of a case, in the order of its lifecycle.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.transitions.filter((t) => t.command === "GrantApplication")
 * // [{ from: "underReview", command: "GrantApplication", to: "granted" }]
 * ```
 *
 * @category models
 * @since 0.1.0
 */
export const transitions: ReadonlyArray<Transition> = [
  ...row("DraftApplication", ["new"], ["draft"]),
  ...row("SubmitApplication", ["new", "draft"], ["submitted"]),
  ...row("RequestCorrection", ["submitted", "corrected"], ["correctionRequested"]),
  ...row("ResubmitMaterials", ["correctionRequested"], ["correctionRequested", "corrected"]),
  ...row("AcceptApplication", ["submitted", "corrected"], ["underReview"]),
  ...row("AcceptTolerantly", ["submitted"], ["underReview"]),
  ...row("DeemAccepted", ["submitted"], ["underReview"]),
  ...row("DeclineAcceptance", ["submitted", "correctionRequested", "corrected"], ["acceptanceDeclined"]),
  ...row("DecideOnTheSpot", ["submitted", "corrected"], ["granted", "denied"]),
  ...row("RecordReviewStep", ["underReview"], "same"),
  ...row("StartSpecialProcedure", ["underReview"], ["specialProcedure"]),
  ...row("EndSpecialProcedure", ["specialProcedure"], ["underReview"]),
  ...row("ExtendTimeLimit", ["underReview", "specialProcedure"], "same"),
  ...row("SupplementDeferredMaterials", ["underReview", "specialProcedure", "granted", "concluded"], "same"),
  ...row("SupplementDeferredMaterials", ["suspended"], ["suspended", "underReview", "specialProcedure"]),
  ...row("MissSupplementDeadline", ["underReview", "specialProcedure"], ["suspended", "terminated"]),
  ...row("AcceptOnCommitment", ["submitted", "correctionRequested", "corrected"], ["underReview", "granted"]),
  ...row("GrantApplication", ["underReview"], ["granted"]),
  ...row("DenyApplication", ["underReview"], ["denied"]),
  ...row("IssueCertificate", ["granted"], ["concluded", "verified"]),
  ...row("SubmitComplianceProof", afterCommitment, "same"),
  ...row("MissComplianceDeadline", afterCommitment, ["lapsed"]),
  ...row("RecordVerification", ["underReview", "specialProcedure"], ["same", "terminated"]),
  ...row("RecordVerification", ["granted"], ["granted", "rescinded"]),
  ...row("RecordVerification", ["concluded"], ["concluded", "verified", "rescinded"]),
  ...row("WithdrawApplication", beforeDecision, ["withdrawn"]),
  ...row("RescindGrant", ["granted", "concluded", "verified"], ["rescinded"]),
  ...row("CorrectOnTheSpot", ["submitted"], "same"),
  ...row(
    "RecordFraudFinding",
    [...beforeDecision.filter((phase) => phase !== "draft"), "granted", "concluded", "verified"],
    "same",
  ),
]

/**
 * The phases in which a command is allowed.
 *
 * @category combinators
 * @since 0.1.0
 */
export const phasesAllowing = (command: CommandTag): ReadonlyArray<Phase> => [
  ...new Set(transitions.filter((t) => t.command === command).map((t) => t.from)),
]

/**
 * The commands a phase allows, in table order.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.commandsAllowedIn("verified") // ["RescindGrant"]
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const commandsAllowedIn = (phase: Phase): ReadonlyArray<CommandTag> => [
  ...new Set(transitions.filter((t) => t.from === phase).map((t) => t.command)),
]

/**
 * True when the table allows `command` in `phase`.
 *
 * @category guards
 * @since 0.1.0
 */
export const isAllowedIn = (command: CommandTag, phase: Phase): boolean =>
  transitions.some((t) => t.command === command && t.from === phase)

/**
 * True when the table has an edge from `from` to `to` for `command`.
 *
 * @category guards
 * @since 0.1.0
 */
export const isTransition = (from: Phase, command: CommandTag, to: Phase): boolean =>
  transitions.some((t) => t.from === from && t.command === command && t.to === to)

/**
 * True for a closed phase (see {@link closedPhases}).
 *
 * @category guards
 * @since 0.1.0
 */
export const isClosed = (phase: Phase): boolean => closedPhases.includes(phase)

/**
 * The state diagram as Mermaid text, generated from {@link transitions}: one arrow per pair of
 * phases labelled with the commands that take it, `new` drawn as the start and every closed
 * phase with an arrow to the end. docs/application.md holds this text; a test fails when they
 * differ.
 *
 * @example
 * ```ts
 * import { Application } from "@yiciban/core"
 *
 * Application.stateDiagram().split("\n")[0] // "stateDiagram-v2"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const stateDiagram = (table: ReadonlyArray<Transition> = transitions): string => {
  const node = (phase: Phase): string => (phase === "new" ? "[*]" : phase)
  const labels = new Map<string, Array<CommandTag>>()
  for (const t of table) {
    const key = `${node(t.from)} --> ${node(t.to)}`
    const commands = labels.get(key) ?? []
    if (!commands.includes(t.command)) commands.push(t.command)
    labels.set(key, commands)
  }
  const lines = ["stateDiagram-v2"]
  for (const [arrow, commands] of labels) lines.push(`    ${arrow}: ${commands.join(", ")}`)
  for (const phase of closedPhases) lines.push(`    ${phase} --> [*]`)
  return `${lines.join("\n")}\n`
}
