/**
 * docs/commitment.md cannot drift from the code: its role table is `Application.requiredRoles` for
 * the notify-and-commit commands, and it names every invariant, rejection, event and helper of the
 * mode.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Application } from "../src/index.ts"

const doc = readFileSync(join(import.meta.dirname, "../../../docs/commitment.md"), "utf8")
const commands = [
  "AcceptOnCommitment",
  "SubmitComplianceProof",
  "MissComplianceDeadline",
  "RecordVerification",
] as const

describe("docs/commitment.md", () => {
  it("lists the roles of every notify-and-commit command as Application.requiredRoles has them", () => {
    const rows = doc
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
    for (const tag of commands) {
      expect(rows).toContainEqual([
        `\`${tag}\``,
        Application.requiredRoles[tag].map((role) => `\`${role}\``).join(", "),
      ])
    }
  })

  it("names every invariant, and each is exported", () => {
    for (const name of [
      "commitmentOnlyOnOfferingMatter",
      "commitmentOnlyForEligibleApplicant",
      "falseCommitmentEndsCase",
      "falseCommitmentRecordedOnce",
      "verificationNeverSkipped",
    ]) {
      expect(typeof (Application as Record<string, unknown>)[name], name).toBe("function")
      expect(doc).toContain(`\`${name}\``)
    }
  })

  it("names every rejection, event and helper of the mode", () => {
    const names = [
      "CreditStandingUnusable",
      "ApplicantBarredFromCommitment",
      "ReapplicationBarred",
      "CommitmentNotOffered",
      "CommitmentBarredForMatter",
      "CommitmentLetterIncomplete",
      "AgentAuthorisationRequired",
      "BusinessLicenceVariantRequired",
      "BusinessLicenceVariantNotOffered",
      "DateNotInFuture",
      "NotACommitmentCase",
      "ComplianceProofNotDue",
      "ComplianceDeadlinePassed",
      "ComplianceProofOutstanding",
      "VerificationExempt",
      "VerificationMethodNotAllowed",
      "CommitmentAlreadyVerified",
      "NotYetGranted",
      "RectificationAlreadyOrdered",
      "NoRectificationOrdered",
      "CorrectionOutstanding",
      "ApplicationAcceptedOnCommitment",
      "VerificationScheduled",
      "ComplianceProofSubmitted",
      "ComplianceDeadlineMissed",
      "CommitmentVerified",
      "FalseCommitmentFound",
      "ApplicationTerminatedForFalseCommitment",
    ]
    const declared = new Set<string>(
      [...Application.Rejection.members, ...Application.Event.members].map((s) => s.fields._tag.schema.literal),
    )
    for (const name of names) {
      expect(declared.has(name), name).toBe(true)
      expect(doc).toContain(`\`${name}\``)
    }
    for (const helper of [
      "toRecordEntry",
      "creditKindFor",
      "reapplicationBar",
      "creditStandingProblem",
      "licenceEffectiveOn",
      "verificationStatus",
    ]) {
      expect(typeof (Application as Record<string, unknown>)[helper], helper).toBe("function")
      expect(doc).toContain(helper)
    }
  })
})
