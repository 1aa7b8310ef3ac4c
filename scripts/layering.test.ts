/**
 * The layering the architecture page promises, checked on the sources and the manifests: the event
 * store knows no domain (no @yiciban package), the domain knows no store, the runtime reaches its
 * stores through ports (never @yiciban/postgres), and the database drivers are imported only by
 * the adapter modules of @yiciban/postgres and are optional peers there, so a host that does not
 * use them does not install them. And the packages load `effect` module by module: a value imported
 * from `effect`'s index loads every module it has (about 90 ms of a start; docs/performance.md).
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")

const sourcesOf = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourcesOf(path) : path.endsWith(".ts") ? [path] : []
  })

/** Every module specifier a file imports or re-exports (static and dynamic), comments left out. */
const importsOf = (text: string): Array<string> =>
  [
    ...text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "")
      .matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'.][^"']*)["']/g),
  ].map(([, spec]) => spec!)

/**
 * How many times a file imports or re-exports values from `effect`'s index (static, side-effect or
 * dynamic; `import type` and `export type` are erased, so they load nothing).
 */
const valueImportsOfEffectIndex = (text: string): number =>
  importsOf(text.replace(/^\s*(?:import|export)\s+type\b[^'"]*?\bfrom\s*["'][^"']*["']/gm, "")).filter(
    (spec) => spec === "effect",
  ).length

const packageOf = (spec: string) => (spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!)

const manifest = (pkg: string) =>
  JSON.parse(readFileSync(join(root, "packages", pkg, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
    peerDependenciesMeta?: Record<string, { optional?: boolean }>
  }

/** The @yiciban packages each package may import (and depend on). */
const allowed: Record<string, ReadonlyArray<string>> = {
  eventstore: [],
  core: [],
  runtime: ["@yiciban/core", "@yiciban/eventstore"],
  postgres: ["@yiciban/eventstore", "@yiciban/runtime"],
}
const drivers = ["pg", "@electric-sql/pglite"]
const driverModules = [
  "pg.ts",
  "pglite.ts",
  "internal/pgClient.ts",
  "internal/pgliteClient.ts",
  "internal/pgliteRows.ts",
  "internal/pgliteStart.ts",
]

describe("layering", () => {
  it("reads imports, type-only and dynamic ones included", () => {
    expect(
      importsOf(
        `/** import { B } from "@yiciban/runtime" */\nimport type { A } from "@yiciban/core"\nexport * from "pg"\nconst m = await import("@electric-sql/pglite")\nimport "./x.ts"`,
      ),
    ).toEqual(["@yiciban/core", "pg", "@electric-sql/pglite"])
  })

  for (const [pkg, may] of Object.entries(allowed)) {
    it(`${pkg} imports and depends on no @yiciban package but ${may.join(", ") || "none"}`, () => {
      const src = join(root, "packages", pkg, "src")
      const offending = sourcesOf(src).flatMap((file) =>
        importsOf(readFileSync(file, "utf8"))
          .map(packageOf)
          .filter((name) => name.startsWith("@yiciban/") && name !== `@yiciban/${pkg}` && !may.includes(name))
          .map((name) => `${relative(root, file)} imports ${name}`),
      )
      expect(offending).toEqual([])
      const declared = Object.keys(manifest(pkg).dependencies ?? {}).filter((name) => name.startsWith("@yiciban/"))
      expect(declared.filter((name) => !may.includes(name))).toEqual([])
    })
  }

  it("the drivers are imported only by @yiciban/postgres's adapter modules, and are optional peers there", () => {
    const offending = Object.keys(allowed).flatMap((pkg) =>
      sourcesOf(join(root, "packages", pkg, "src")).flatMap((file) =>
        importsOf(readFileSync(file, "utf8"))
          .map(packageOf)
          .filter((name) => drivers.includes(name))
          .filter(
            () => pkg !== "postgres" || !driverModules.includes(relative(join(root, "packages/postgres/src"), file)),
          )
          .map((name) => `${relative(root, file)} imports ${name}`),
      ),
    )
    expect(offending).toEqual([])
    const postgres = manifest("postgres")
    for (const driver of drivers) {
      expect(postgres.dependencies?.[driver], `${driver} is not a dependency`).toBeUndefined()
      expect(postgres.peerDependenciesMeta?.[driver]?.optional, `${driver} is an optional peer`).toBe(true)
    }
  })

  it("counts value imports from effect's index, in every form, and not type-only ones nor subpaths", () => {
    const text = [
      'import type { Scope } from "effect"',
      "export const a = 1",
      "  import type {\n    Layer,\n  } from 'effect'",
      'import * as Effect from "effect/Effect"',
      '/** import { Effect } from "effect" */',
      'import { Schema, type Option } from "effect"', // 1
      "import Fx, {\n  Data,\n} from 'effect'", // 2
      'export { Layer } from "effect"', // 3
      'export * from "effect"', // 4
      'import "effect"', // 5
      'const m = await import("effect")', // 6
      '  import { Clock } from "effect"', // 7
    ].join("\n")
    expect(valueImportsOfEffectIndex(text)).toBe(7)
  })

  it("no package imports a value from effect's index: only the modules it uses (effect/Effect, …)", () => {
    const offending = ["eventstore", "core", "runtime", "postgres", "http", "cli"].flatMap((pkg) =>
      sourcesOf(join(root, "packages", pkg, "src")).flatMap((file) =>
        valueImportsOfEffectIndex(readFileSync(file, "utf8")) > 0 ? [relative(root, file)] : [],
      ),
    )
    expect(offending).toEqual([])
  })
})
