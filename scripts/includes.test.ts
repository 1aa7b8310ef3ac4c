import { describe, expect, it } from "vitest"
import { check, region, render } from "./includes.ts"

describe("docs include real code", () => {
  it("every include block in the repository matches its source region (run `pnpm docs:sync` to update)", () => {
    expect(check()).toEqual([])
  })

  it("reads a region, dedented, without nested markers", () => {
    const source = [
      "a",
      "  // #region r",
      "  const x = 1",
      "    // #region inner",
      "    x + 1",
      "    // #endregion inner",
      "  // #endregion r",
    ].join("\n")
    expect(region(source, "r")).toBe("const x = 1\n  x + 1")
    expect(region(source, "missing")).toBeUndefined()
  })

  it("rewrites a stale block and reports a missing region or file", () => {
    const stale = "<!-- include: a.ts#r -->\n```ts\nold\n```\n<!-- /include -->"
    const files: Record<string, string> = { "a.ts": "// #region r\nnew\n// #endregion r" }
    expect(render(stale, (path) => files[path]).text).toBe(
      "<!-- include: a.ts#r -->\n```ts\nnew\n```\n<!-- /include -->",
    )
    expect(render(stale.replace("a.ts#r", "a.ts#q"), (path) => files[path]).problems).toEqual([
      'a.ts has no region "q"',
    ])
    expect(render(stale.replace("a.ts", "b.ts"), (path) => files[path]).problems).toEqual(["b.ts does not exist"])
    const shown = `\`\`\`\`md\n${stale}\n\`\`\`\`\n`
    expect(render(shown, (path) => files[path])).toEqual({ text: shown, problems: [] })
  })
})
