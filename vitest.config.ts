import { defineConfig } from "vitest/config"

// One run covers every package and example, plus the docs check. Packages resolve each other
// through the "@yiciban/source" export condition, so tests run against src/ without a build.
// On CI a JSON report is written too, so .ci/run can print a plain "N passed, N failed" line.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", { test: { name: "docs", include: ["scripts/**/*.test.ts"] } }],
    reporters: process.env.CI ? ["default", ["json", { outputFile: ".tmp/vitest-report.json" }]] : ["default"],
  },
})
