/**
 * docs/runtime.md's facade snippet (`src/facade.ts`) on a PGlite folder: a case submitted by an
 * earlier run is accepted, the due timers run, the folder is closed; opened again, the case list
 * shows the case under review, and re-sending the same command id appends nothing.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it } from "vitest"
import { simulatedClock } from "../src/clock.ts"
import { acceptSubmittedCase } from "../src/facade.ts"
import { clerk, matterCode, publish } from "../src/flows.ts"
import { open } from "../src/setup.ts"

const folder = mkdtempSync(join(tmpdir(), "yiciban-facade-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

it("accepts a submitted case on the folder, then finds it accepted and idempotent", async () => {
  const caseNo = "SCJG-2026-000900"
  const clock = simulatedClock("2026-09-01")
  const before = await open(folder, clock)
  try {
    await publish(before, clock)
    clock.set("2026-09-24")
    await before.application.submit(
      {
        caseNo,
        applicant: { kind: "enterprise", code: "91430100MA4L16JQ9D", name: "长沙市茶颜小馆" },
        matterCode,
        materials: ["SP01", "SP02", "SP03"].map((code) => ({ code, form: "paper" as const })),
      },
      {
        id: "chayan-01",
        roles: ["applicant"],
        subjects: [{ code: "91430100MA4L16JQ9D", relation: "legalRepresentative" }],
      },
      { commandId: `facade/${caseNo}/submit` },
    )
  } finally {
    await before.close()
  }

  clock.set("2026-09-25")
  const first = await acceptSubmittedCase(folder, caseNo, clerk, `facade/${caseNo}/accept`, clock.now)
  expect(first.duplicate).toBe(false)
  const again = await acceptSubmittedCase(folder, caseNo, clerk, `facade/${caseNo}/accept`, clock.now)
  expect(again.duplicate).toBe(true)
  expect(again.version).toBe(first.version)

  const after = await open(folder, clock)
  try {
    const row = (await after.cases(clerk)).find((c) => c.stream === `application-${caseNo}`)
    expect(row?.status).toBe("underReview")
    expect(first.phase).toBe("underReview")
    expect((await after.application.events(caseNo, clerk)).map((e) => e.type)).toEqual([
      "ApplicationSubmitted",
      "ApplicationAccepted",
    ])
  } finally {
    await after.close()
  }
})
