/**
 * The runtime's modules import each other without a cycle (type-only imports aside, which vanish
 * when compiled): a cycle makes the order of module evaluation decide whether a constant such as
 * `Aggregates.all` is defined when another module reads it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { expect, it } from "vitest"

const src = join(import.meta.dirname, "..", "src")

const sourcesOf = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourcesOf(path) : path.endsWith(".ts") ? [path] : []
  })

/** The relative modules a file imports or re-exports at run time (not `import type` / `export type`). */
const runtimeImportsOf = (file: string): Array<string> => {
  const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "")
  // each statement up to its own `from "…"` (the first after it), whatever the specifier
  return [...text.matchAll(/^(import|export)(\s+type)?\b[\s\S]*?\bfrom\s*"([^"]+)"/gm)]
    .filter(([, , typeOnly, spec]) => typeOnly === undefined && spec!.startsWith("."))
    .map(([, , , spec]) => join(dirname(file), spec!))
}

/** A cycle in the graph, as the files along it, or `undefined`. */
const cycleIn = (graph: ReadonlyMap<string, ReadonlyArray<string>>): Array<string> | undefined => {
  const state = new Map<string, "visiting" | "done">()
  const path: Array<string> = []
  const visit = (node: string): Array<string> | undefined => {
    if (state.get(node) === "done") return undefined
    if (state.get(node) === "visiting") return [...path.slice(path.indexOf(node)), node]
    state.set(node, "visiting")
    path.push(node)
    for (const next of graph.get(node) ?? []) {
      const found = visit(next)
      if (found !== undefined) return found
    }
    path.pop()
    state.set(node, "done")
    return undefined
  }
  for (const node of graph.keys()) {
    const found = visit(node)
    if (found !== undefined) return found
  }
  return undefined
}

it("the runtime's modules form no import cycle", () => {
  const graph = new Map(sourcesOf(src).map((file) => [file, runtimeImportsOf(file)]))
  expect(graph.size).toBeGreaterThan(20)
  expect(cycleIn(graph)?.map((file) => relative(src, file))).toBeUndefined()
})
