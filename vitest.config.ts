import { defineConfig } from "vitest/config"

// One run covers every package and example, plus the docs check. Packages resolve each other
// through the "@yiciban/source" export condition, so tests run against src/ without a build.
export default defineConfig({
  test: {
    projects: ["packages/*", "examples/*", { test: { name: "docs", include: ["scripts/**/*.test.ts"] } }],
  },
})
