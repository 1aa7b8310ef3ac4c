/**
 * The benches run outside vitest and load some of the tests' helpers (the engines, the fixtures).
 * A helper that imports a value from vitest throws when it is loaded there ("Vitest failed to access
 * its internal state") and the bench never starts, as `packages/postgres/bench/runtimeCommands.ts`
 * did after `test/support.ts` gained vitest's hooks. So every file a bench loads, and every file
 * those load in turn, imports nothing from vitest but types.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { describe, expect, it } from "vitest"

const root = join(import.meta.dirname, "..")

/** The files a file loads in this checkout: relative imports, and the checkout's paths a bench builds from a root. */
const loadedBy = (file: string, text: string): Array<string> => {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
  const relativeOnes = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}\/[^"']+\.ts)["']/g)].map(
    ([, spec]) => resolve(dirname(file), spec!),
  )
  // `${root}/packages/postgres/test/runtime/engines.ts`: another checkout's copy of this one's file.
  const rooted = [...code.matchAll(/\/(packages\/[\w-]+\/[\w./-]+\.ts)[`"']/g)].map(([, path]) => join(root, path!))
  return [...relativeOnes, ...rooted].filter((path) => existsSync(path))
}

/** Value imports of vitest (type-only imports are erased and load nothing). */
const loadsVitest = (text: string): boolean =>
  /(?:\bfrom\s*|\bimport\s*\(?\s*)["']vitest["']/.test(
    text
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "")
      .replace(/^\s*(?:import|export)\s+type\b[^'"]*?\bfrom\s*["'][^"']*["']/gm, ""),
  )

const benches = readdirSync(join(root, "packages")).flatMap((pkg) => {
  const dir = join(root, "packages", pkg, "bench")
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(".ts"))
        .map((name) => join(dir, name))
    : []
})

/** Every file `start` loads, itself included. */
const closure = (start: string): Set<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const next of loadedBy(file, readFileSync(file, "utf8"))) visit(next)
  }
  visit(start)
  return seen
}

describe("what the benches load", () => {
  it("reads relative and rooted imports, and tells value imports of vitest from type-only ones", () => {
    const file = join(root, "packages/postgres/bench/x.ts")
    expect(
      loadedBy(
        file,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a bench's source text, with its template
        'import { a } from "./data.ts"\n// import "./raw.ts"\nconst e = await import(`${root}/packages/postgres/test/runtime/engines.ts`)',
      ),
    ).toEqual([join(root, "packages/postgres/bench/data.ts"), join(root, "packages/postgres/test/runtime/engines.ts")])
    expect(loadsVitest('import { afterAll } from "vitest"')).toBe(true)
    expect(loadsVitest("import {\n  beforeAll,\n} from 'vitest'")).toBe(true)
    expect(loadsVitest('const v = await import("vitest")')).toBe(true)
    expect(loadsVitest('import type { TestContext } from "vitest"')).toBe(false)
    expect(loadsVitest('/** import { it } from "vitest" */\nexport const a = 1')).toBe(false)
  })

  it("no file a bench loads imports vitest", () => {
    const loaded = new Set(benches.flatMap((bench) => [...closure(bench)]))
    // the walk reaches the tests' helpers the benches use
    expect([...loaded].map((file) => relative(root, file))).toEqual(
      expect.arrayContaining(["packages/postgres/test/support.ts", "packages/runtime/test/support.ts"]),
    )
    const offending = [...loaded]
      .filter((file) => loadsVitest(readFileSync(file, "utf8")))
      .map((file) => relative(root, file))
    expect(offending).toEqual([])
  })
})
