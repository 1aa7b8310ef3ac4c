import { defineProject } from "vitest/config"

/** The project settings every package and example shares. */
export const project = (name: string) =>
  defineProject({
    resolve: { conditions: ["@yiciban/source"] },
    ssr: { resolve: { conditions: ["@yiciban/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  })
