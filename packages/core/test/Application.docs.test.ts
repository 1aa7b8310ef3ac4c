/**
 * docs/application.md cannot drift from the code: its state diagram is exactly
 * `Application.stateDiagram()`, its role table is `Application.requiredRoles`, and it names every
 * invariant.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { Application } from "../src/index.ts"

const doc = readFileSync(join(import.meta.dirname, "../../../docs/application.md"), "utf8")
const generated = /<!-- generated: Application\.stateDiagram\(\) -->\n```mermaid\n([\s\S]*?)```\n<!-- \/generated -->/

describe("docs/application.md", () => {
  it("holds the state diagram generated from the transition table (paste Application.stateDiagram() on failure)", () => {
    expect(generated.exec(doc)?.[1]).toBe(Application.stateDiagram())
  })

  it("the diagram has one arrow per pair of phases the table connects, the start and every end", () => {
    const diagram = Application.stateDiagram()
    for (const t of Application.transitions) {
      const from = t.from === "new" ? "[*]" : t.from
      expect(diagram).toMatch(
        new RegExp(`^    ${from.replace(/[[\]*]/g, "\\$&")} --> ${t.to}: .*\\b${t.command}\\b`, "m"),
      )
    }
    for (const phase of ["concluded", "denied", "acceptanceDeclined", "withdrawn", "terminated", "rescinded"]) {
      expect(diagram).toContain(`    ${phase} --> [*]\n`)
    }
  })

  it("lists the roles of every command as Application.requiredRoles has them", () => {
    const rows = doc
      .split("\n")
      .filter((line) => line.startsWith("|"))
      .map((line) =>
        line
          .split("|")
          .slice(1, -1)
          .map((cell) => cell.trim()),
      )
    for (const [tag, roles] of Object.entries(Application.requiredRoles)) {
      expect(rows).toContainEqual([`\`${tag}\``, roles.map((role) => `\`${role}\``).join(", ")])
    }
  })

  it("names every invariant", () => {
    const names = [
      ...Application.stateInvariants.map(([name]) => name),
      "noCertificateWhileDeferredOutstanding",
      "noGrantWhileDeferredOutstanding",
      "followsTransitionTable",
      "closedCaseAcceptsOnlyAllowed",
      "dueDatesNeverMoveEarlier",
      "pausedTimeNeverCounts",
      "replayIsDeterministic",
    ]
    for (const name of names) {
      expect(typeof (Application as Record<string, unknown>)[name], name).toBe("function")
      expect(doc).toContain(`\`${name}\``)
    }
  })
})
