/**
 * Declarations for the published packages, run by each package's `build` after tsup.
 *
 * `tsc -p tsconfig.build.json` has already written one `.d.ts` per source file (and its
 * declaration map) to `dist/types/import/`: exactly what TypeScript declares, nothing bundled or
 * rewritten. The package is `"type": "module"`, so that tree is read as ESM. CommonJS consumers
 * need the same declarations read as CommonJS, to match `dist/*.cjs`: this copies the tree to
 * `dist/types/require/` and marks that folder `{"type": "commonjs"}`, the way a package with both
 * formats ships per-file declarations.
 *
 * Why not a bundled `.d.ts`: tsup's `dts: true` bundles through rollup-plugin-dts, whose namespace
 * fixer records one kind per name, so in `export * as PublishedMatter from "./PublishedMatter.ts"`
 * a schema value and its type of the same name (`MatterElements`) came out as a type only and
 * consumers got TS2339. See docs/contributing.md, "How the packages are built".
 *
 * Usage (from a package folder): `tsx ../../scripts/declarations.ts`.
 */
import { cpSync, existsSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const dist = join(process.cwd(), "dist", "types")
const esm = join(dist, "import")
const cjs = join(dist, "require")

if (!existsSync(join(esm, "index.d.ts"))) {
  console.error(`${esm}/index.d.ts is missing: run \`tsc -p tsconfig.build.json\` first`)
  process.exit(1)
}
rmSync(cjs, { recursive: true, force: true })
cpSync(esm, cjs, { recursive: true })
writeFileSync(join(cjs, "package.json"), `${JSON.stringify({ type: "commonjs" })}\n`)
