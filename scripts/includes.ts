/**
 * Docs include real code through region markers, never pasted copies.
 *
 * In a markdown file under docs/ (or a README):
 *
 *   <!-- include: examples/flows/src/deadlines.ts#national-day -->
 *   ```ts
 *   …exactly the region's lines, dedented…
 *   ```
 *   <!-- /include -->
 *
 * In the source file the region is delimited by `// #region national-day` and
 * `// #endregion national-day`. `check()` reports every block that differs from its region, every
 * empty block (a marker straight before `<!-- /include -->`, or an empty fence), every empty
 * region and every include marker that opens no block; `tsx scripts/includes.ts --write`
 * (pnpm docs:sync) rewrites the blocks from the sources, filling the empty ones.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"

export interface Mismatch {
  readonly file: string
  readonly target: string
  readonly problem: string
}

// The fence is optional so that an empty block (`<!-- include: … -->` straight before
// `<!-- /include -->`) is still a block: `check` reports it and `--write` fills it.
const includeBlock = /<!-- include: ([^#\s]+)#([\w-]+) -->\n(?:```(\w*)\n([\s\S]*?)```\n)?<!-- \/include -->/g
const includeMarker = /<!-- include: ([^\n]*?) -->/g

/** The fence language of a source file: `ts` for `.ts`, the extension otherwise. */
const languageOf = (path: string): string => /\.(\w+)$/.exec(path)?.[1] ?? ""

const dedent = (lines: ReadonlyArray<string>): string => {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^ */.exec(line)![0].length)
  const cut = indents.length === 0 ? 0 : Math.min(...indents)
  return lines.map((line) => line.slice(cut)).join("\n")
}

/** The lines between `// #region name` and `// #endregion name` (`# #region` in a shell script), dedented; undefined when absent. */
export const region = (source: string, name: string): string | undefined => {
  const lines = source.split("\n")
  // `// #region` in code, `# #region` in shell scripts
  const marks = (kind: string) => [`// #${kind} ${name}`, `# #${kind} ${name}`]
  const start = lines.findIndex((line) => marks("region").includes(line.trim()))
  if (start < 0) return undefined
  const end = lines.findIndex((line, index) => index > start && marks("endregion").includes(line.trim()))
  if (end < 0) return undefined
  return dedent(lines.slice(start + 1, end).filter((line) => !/^\s*(\/\/|#) #(end)?region /.test(line)))
}

/** Rewrites every include block of a markdown text from its source region. */
export const render = (
  markdown: string,
  read: (path: string) => string | undefined,
): { text: string; problems: Array<string> } => {
  const problems: Array<string> = []
  // A block shown as an example inside a four-backtick fence is text, not an include.
  const text = markdown
    .split(/(````[\s\S]*?````)/)
    .map((part, index) => (index % 2 === 1 ? part : renderPart(part, read, problems)))
    .join("")
  return { text, problems }
}

const renderPart = (markdown: string, read: (path: string) => string | undefined, problems: Array<string>): string => {
  const blocks = new Set<number>()
  const text = markdown.replace(
    includeBlock,
    (whole, path: string, name: string, lang: string | undefined, shown: string | undefined, offset: number) => {
      blocks.add(offset)
      if (shown === undefined || shown.trim() === "") problems.push(`${path}#${name}: the block is empty`)
      const source = read(path)
      if (source === undefined) {
        problems.push(`${path} does not exist`)
        return whole
      }
      const code = region(source, name)
      if (code === undefined) {
        problems.push(`${path} has no region "${name}"`)
        return whole
      }
      if (code.trim() === "") {
        problems.push(`${path}#${name}: the region is empty`)
        return whole
      }
      return `<!-- include: ${path}#${name} -->\n\`\`\`${lang ?? languageOf(path)}\n${code}\n\`\`\`\n<!-- /include -->`
    },
  )
  // A marker that opens no well-formed block (no `path#region`, no closing marker, text between
  // the marker and the fence) would otherwise be left alone and never checked.
  for (const marker of markdown.matchAll(includeMarker)) {
    if (!blocks.has(marker.index)) problems.push(`"<!-- include: ${marker[1]} -->" does not open an include block`)
  }
  return text
}

const root = join(import.meta.dirname, "..")

const markdownFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name.startsWith(".") || name === "dist") return []
    if (statSync(path).isDirectory()) return markdownFiles(path)
    return name.endsWith(".md") ? [path] : []
  })

const readSource = (path: string): string | undefined => {
  try {
    return readFileSync(join(root, path), "utf8")
  } catch {
    return undefined
  }
}

/** Every markdown file of the repository that includes code. */
export const documents = (): Array<string> =>
  [root, join(root, "docs"), join(root, "packages"), join(root, "examples")]
    .flatMap((dir, index) =>
      index === 0
        ? readdirSync(dir)
            .filter((n) => n.endsWith(".md"))
            .map((n) => join(dir, n))
        : markdownFiles(dir),
    )
    .filter((file) => readFileSync(file, "utf8").includes("<!-- include: "))

/** The include blocks that do not match their source, and the ones whose source is missing. */
export const check = (): Array<Mismatch> =>
  documents().flatMap((file) => {
    const markdown = readFileSync(file, "utf8")
    const { text, problems } = render(markdown, readSource)
    const rel = relative(root, file)
    const stale: Array<Mismatch> =
      text === markdown ? [] : [{ file: rel, target: "", problem: "an included block differs from its source region" }]
    return [...problems.map((problem) => ({ file: rel, target: "", problem })), ...stale]
  })

if (process.argv.includes("--write")) {
  for (const file of documents()) {
    const markdown = readFileSync(file, "utf8")
    const { text, problems } = render(markdown, readSource)
    // An empty block is filled by this very write: only the other problems remain to report.
    for (const problem of problems.filter((p) => !p.endsWith(": the block is empty"))) {
      console.error(`${relative(root, file)}: ${problem}`)
    }
    if (text !== markdown) {
      writeFileSync(file, text)
      console.log(`updated ${relative(root, file)}`)
    }
  }
}
