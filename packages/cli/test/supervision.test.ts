/**
 * `yiciban export` and `yiciban verify`, run in-process on a PGlite folder (one open: the store is
 * slow to create): the log exported and verified intact, then its head tampered and `verify` naming
 * it (exit 2). Record-level tampering is the runtime's property test (supervisionExport.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, expect, it } from "vitest"
import { Cli } from "../src/index.ts"

const folder = mkdtempSync(join(tmpdir(), "yiciban-cli-export-"))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const run = async (argv: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const code = await Cli.run(argv, {
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
    env: {
      YICIBAN_SECRET: "cli-test-secret-0123456789abcdef0123456789",
      YICIBAN_EXPORT_KEY: "export-key-0123456789abcdef0123456789",
      ...env,
    },
    stopSignal: () => new Promise(() => {}),
  })
  return { code, out: out.join("\n"), err: err.join("\n") }
}

it("exports the log with its chain, verifies it intact, and names a tampered line (exit 2)", async () => {
  const dataDir = join(folder, "store")
  const file = join(folder, "export.jsonl")
  const exported = await run(["export", file, "--data-dir", dataDir, "--key-id", "k1", "--batch-size", "2"])
  expect(exported.code).toBe(0)
  expect(exported.out).toContain("exported 0 record(s) in 1 batch(es)")
  const intact = await run(["verify", file, "--key-id", "k1"])
  expect(intact).toMatchObject({ code: 0 })
  expect(intact.out).toContain("intact")
  // no key: a usage error
  expect((await run(["verify", file], { YICIBAN_EXPORT_KEY: "" })).code).toBe(1)
  // tamper with the head: it claims one record more
  const lines = readFileSync(file, "utf8").split("\n")
  lines[0] = lines[0]!.replace('"count":0', '"count":1')
  writeFileSync(file, lines.join("\n"))
  const tampered = await run(["verify", file, "--key-id", "k1"])
  expect(tampered.code).toBe(2)
  expect(tampered.out).toContain("line 1: head of batch 1: its MAC does not match")
  expect(tampered.out).toContain("NOT intact")
}, 60_000)
