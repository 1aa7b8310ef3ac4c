import { availableParallelism } from "node:os"
import { defineConfig } from "vitest/config"

// One run covers every package and example, plus the docs check. Packages resolve each other
// through the "@yiciban/source" export condition, so tests run against src/ without a build.
// On CI a JSON report is written too, so .ci/run can print a plain "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", { test: { name: "docs", include: ["scripts/**/*.test.ts"] } }],
    // At least two files at a time: vitest's default (cores - 1) runs one file at a time on CI's two
    // cores, and a file's time is mostly CPU in its own process (PGlite's WebAssembly, the
    // children it starts), so a second worker uses the second core. Files share nothing: every
    // one works in schemas, folders and ports of its own.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]] : ["default"],
  },
})
