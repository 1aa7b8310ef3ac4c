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

  it("reports an empty block, fenced or not, and fills it from the region", () => {
    const files: Record<string, string> = { "a.ts": "// #region r\nnew\n// #endregion r" }
    const filled = "<!-- include: a.ts#r -->\n```ts\nnew\n```\n<!-- /include -->"
    const bare = "<!-- include: a.ts#r -->\n<!-- /include -->"
    expect(render(bare, (path) => files[path])).toEqual({ text: filled, problems: ["a.ts#r: the block is empty"] })
    const fenced = "<!-- include: a.ts#r -->\n```ts\n```\n<!-- /include -->"
    expect(render(fenced, (path) => files[path])).toEqual({ text: filled, problems: ["a.ts#r: the block is empty"] })
    expect(render(filled, (path) => files[path])).toEqual({ text: filled, problems: [] })
  })

  it("reports an empty region and a marker that opens no block", () => {
    const files: Record<string, string> = { "a.ts": "// #region r\n\n// #endregion r" }
    const block = "<!-- include: a.ts#r -->\n```ts\nold\n```\n<!-- /include -->"
    expect(render(block, (path) => files[path]).problems).toEqual(["a.ts#r: the region is empty"])
    const unclosed = "<!-- include: a.ts#r -->\n```ts\nold\n```\n"
    expect(render(unclosed, (path) => files[path]).problems).toEqual([
      '"<!-- include: a.ts#r -->" does not open an include block',
    ])
    const noRegion = "<!-- include: a.ts -->\n```ts\nold\n```\n<!-- /include -->"
    expect(render(noRegion, (path) => files[path]).problems).toEqual([
      '"<!-- include: a.ts -->" does not open an include block',
    ])
  })
})
