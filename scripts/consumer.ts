/**
 * The consumer test: what a new user does, outside this repository.
 *
 * 1. builds the packages (skipped with `--no-build`, when the caller has just built them);
 * 2. packs every package under packages/ with `pnpm pack` (workspace versions resolved);
 * 3. for two hosts — a memory-only host (`@yiciban/core`, `@yiciban/runtime`: no store adapter, no
 *    database driver), a PGlite host (the same plus `@yiciban/postgres` and `@electric-sql/pglite`)
 *    a server host (`@yiciban/postgres` with `pg` and `@types/pg`) and an adapters host
 *    (`@yiciban/http` and `@yiciban/cli` on PGlite: examples/http-node's server answers requests,
 *    the `yiciban` bin runs `--help` and `init`) — creates a project in the
 *    system's temporary folder,
 *    far from the workspace (no `@yiciban/source` condition, no workspace links), installs the
 *    tarballs with npm (`--omit=dev` first, to measure what the host ships, then the compiler),
 *    and checks that every `@yiciban/*` import resolves inside that project;
 * 4. copies the host's entry (`examples/flows/src/consumerMemory.ts` or `consumer.ts`) and, for the
 *    PGlite host, every file docs/getting-started.md and docs/runtime.md include (read from their
 *    include markers, so the compiled code is the documented code), with the local files they
 *    import, and compiles them with `tsc --strict` twice: as ESM (`"type": "module"`) and as
 *    CommonJS (`"type": "commonjs"`). The memory host compiles what its entry imports — the
 *    getting-started flows without the PGlite setup — so a documented flow that needed a driver
 *    would fail it;
 * 5. runs the compiled host on memory (memory host), on PGlite (PGlite host) and, when
 *    `DATABASE_URL` is set, on the PostgreSQL server (server host), as ESM and as CommonJS.
 *
 * Every compile error is reported against the documented snippet (doc, file, region) whose lines
 * it falls on. Exit code 1 when anything failed; a JSON report is written to
 * `.tmp/consumer-report.json`.
 *
 * Usage: `npx -y pnpm@10 test:consumer` (add `-- --no-build` after a build, `--keep` to keep the
 * temporary projects).
 */
import { execFileSync, spawnSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative, resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")
const args = new Set(process.argv.slice(2))
const documents = ["docs/getting-started.md", "docs/runtime.md"]
/** The host files: the code a new user writes around the snippets, one per kind of host. */
const memoryHost = "examples/flows/src/consumerMemory.ts"
const sqlHost = "examples/flows/src/consumer.ts"
const serverHost = "examples/flows/src/consumerServer.ts"
const adaptersHost = "examples/http-node/src/consumer.ts"
const isHost = (file: string) => file === memoryHost || file === sqlHost || file === serverHost || file === adaptersHost

interface Snippet {
  readonly doc: string
  readonly file: string
  readonly region: string
  readonly from: number
  readonly to: number
}

interface Diagnostic {
  readonly file: string
  readonly line: number
  readonly column: number
  readonly code: string
  readonly message: string
}

const timings: Record<string, number> = {}
const timed = <A>(name: string, f: () => A): A => {
  const started = Date.now()
  try {
    return f()
  } finally {
    timings[name] = (timings[name] ?? 0) + (Date.now() - started)
  }
}

const run = (command: string, argv: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync(command, argv, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  return { status: result.status ?? 1, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() }
}

const must = (what: string, result: { status: number; output: string }) => {
  if (result.status !== 0) {
    console.error(`consumer test: ${what} failed\n${result.output}`)
    process.exit(1)
  }
  return result.output
}

/** pnpm as this script was started (`npx -y pnpm@10 test:consumer`), else through npx. */
const pnpm = (argv: ReadonlyArray<string>, cwd: string) => {
  const execPath = process.env.npm_execpath
  return execPath !== undefined && /pnpm/.test(execPath)
    ? run(process.execPath, [execPath, ...argv], cwd)
    : run("npx", ["-y", "pnpm@10", ...argv], cwd)
}

// ---------------------------------------------------------------------------------------------
// The documented snippets and the files to compile

/** Every include block of the documents, with the source lines (1-based, inclusive) it shows. */
const snippets = (): Array<Snippet> =>
  documents.flatMap((doc) =>
    [...readFileSync(join(root, doc), "utf8").matchAll(/<!-- include: ([^#\s]+)#([\w-]+) -->/g)].map(
      ([, file, region]) => {
        const lines = readFileSync(join(root, file!), "utf8").split("\n")
        const from = lines.findIndex((l) => l.trim() === `// #region ${region}`) + 1
        const to = lines.findIndex((l, i) => i >= from && l.trim() === `// #endregion ${region}`)
        if (from === 0 || to < 0) throw new Error(`${doc}: ${file} has no region "${region}"`)
        return { doc, file: file!, region: region!, from: from + 1, to }
      },
    ),
  )

const relativeImports = (source: string): Array<string> =>
  [...source.matchAll(/(?:from|import)\s+"(\.{1,2}\/[^"]+)"/g)].map(([, path]) => path!)

const bareImports = (source: string): Array<string> =>
  [...source.matchAll(/(?:from|import)\s+"([^".][^"]*)"/g)]
    .map(([, path]) => path!)
    .filter((path) => !path.startsWith("node:"))
    .map((path) => (path.startsWith("@") ? path.split("/").slice(0, 2).join("/") : path.split("/")[0]!))

/** The documented files and the host, with every local file they import (repo-relative paths). */
const sourcesToCompile = (entries: ReadonlyArray<string>): Array<string> => {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const path of relativeImports(readFileSync(join(root, file), "utf8"))) {
      visit(relative(root, resolve(root, dirname(file), path)))
    }
  }
  for (const entry of entries) visit(entry)
  return [...seen].sort()
}

// ---------------------------------------------------------------------------------------------
// Packing

const workspacePackages = readdirSync(join(root, "packages"))
  .map((dir) => ({ dir: join(root, "packages", dir), json: join(root, "packages", dir, "package.json") }))
  .filter(({ json }) => existsSync(json))
  .map(({ dir, json }) => ({ dir, manifest: JSON.parse(readFileSync(json, "utf8")) }))
  .filter(({ manifest }) => manifest.private !== true)

const versionInWorkspace = (name: string): string => {
  const manifests = [
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")),
    ...workspacePackages.map((p) => p.manifest),
  ]
  for (const manifest of manifests) {
    for (const field of ["dependencies", "devDependencies", "peerDependencies"]) {
      const version = manifest[field]?.[name]
      if (typeof version === "string" && !version.startsWith("workspace:")) return version
    }
  }
  throw new Error(`no version of ${name} in the workspace`)
}

// ---------------------------------------------------------------------------------------------
// A consumer project

interface Host {
  readonly name: string
  /** The host's entry file (run with the store's arguments). */
  readonly entry: string
  /** Whether every documented file is compiled too (else only what the entry imports). */
  readonly documented: boolean
  /** The packages of this repository the host depends on. */
  readonly packages: ReadonlyArray<string>
  /** The database driver (an optional peer of `@yiciban/postgres`) a host installs beside it. */
  readonly drivers: ReadonlyArray<string>
  readonly stores: ReadonlyArray<"memory" | "pglite" | "postgres">
  /**
   * Whether tsc checks the installed declarations too (`skipLibCheck: false`). Only then does a
   * broken published `.d.ts` (an import that resolves to nothing, a type package missing from
   * `dependencies`) show: with `skipLibCheck` it silently becomes `any`. The PGlite host installs
   * every package of this repository, so it checks them all; the memory host keeps `tsc --init`'s
   * `skipLibCheck: true`, as most hosts do, and saves the ~15 s of checking effect's declarations.
   */
  readonly libCheck: boolean
}

const hosts: ReadonlyArray<Host> = [
  {
    name: "memory",
    entry: memoryHost,
    documented: false,
    packages: ["@yiciban/core", "@yiciban/runtime"],
    drivers: [],
    stores: ["memory"],
    libCheck: false,
  },
  {
    name: "pglite",
    entry: sqlHost,
    documented: true,
    packages: ["@yiciban/core", "@yiciban/runtime", "@yiciban/postgres"],
    drivers: ["@electric-sql/pglite"],
    stores: ["pglite"],
    libCheck: true,
  },
  {
    name: "server",
    entry: serverHost,
    documented: false,
    packages: ["@yiciban/core", "@yiciban/runtime", "@yiciban/postgres"],
    drivers: ["pg", "@types/pg"],
    stores: ["postgres"],
    libCheck: false,
  },
  // The adapters: the node:http example answers requests, and the `yiciban` bin runs.
  {
    name: "adapters",
    entry: adaptersHost,
    documented: false,
    packages: ["@yiciban/core", "@yiciban/runtime", "@yiciban/postgres", "@yiciban/http", "@yiciban/cli"],
    // The command line opens either store, so @yiciban/cli depends on both drivers.
    drivers: ["@electric-sql/pglite", "pg"],
    stores: ["pglite"],
    libCheck: false,
  },
]

const formats = [
  { name: "esm", type: "module" },
  { name: "cjs", type: "commonjs" },
] as const

/** The tsconfig a new user writes: strict, Node's module system. */
const tsconfig = (libCheck: boolean) => ({
  compilerOptions: {
    target: "ES2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    skipLibCheck: !libCheck,
    types: ["node"],
    rootDir: "src",
    outDir: "dist",
    rewriteRelativeImportExtensions: true,
  },
  include: ["src"],
})

/** tsc's diagnostics (paths relative to `cwd`), with paths made relative to `base`. */
const parseDiagnostics = (output: string, cwd: string, base: string): Array<Diagnostic> =>
  [...output.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*(?:\n(?! ?\S+\(\d+,\d+\): ).+)*)/gm)].map(
    ([, file, line, column, code, message]) => ({
      file: relative(base, resolve(cwd, file!)),
      line: Number(line),
      column: Number(column),
      code: code!,
      message: message!.replace(/\s*\n\s*/g, " "),
    }),
  )

const du = (dir: string) => {
  const out = execFileSync("du", ["-sk", dir], { encoding: "utf8" })
  return Number(out.split("\t")[0]) * 1024
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

// ---------------------------------------------------------------------------------------------

const main = () => {
  const started = Date.now()
  if (!args.has("--no-build")) timed("build", () => must("pnpm build", pnpm(["build"], root)))

  const work = mkdtempSync(join(tmpdir(), "yiciban-consumer-"))
  if (!relative(root, work).startsWith("..")) throw new Error(`${work} is inside the workspace`)
  const tarballs = join(work, "tarballs")
  mkdirSync(tarballs)
  const tarballOf = new Map<string, string>()
  timed("pack", () => {
    for (const { dir, manifest } of workspacePackages) {
      const output = must(`pnpm pack ${manifest.name}`, pnpm(["pack", "--pack-destination", tarballs], dir))
      const file = output.split("\n").findLast((line) => line.trim().endsWith(".tgz"))
      if (file === undefined) throw new Error(`pnpm pack ${manifest.name} named no tarball:\n${output}`)
      tarballOf.set(manifest.name, `file:${resolve(dir, file.trim())}`)
    }
  })

  const docSnippets = snippets()
  const filesOf = (h: Host) =>
    sourcesToCompile(h.documented ? [...new Set(docSnippets.map((s) => s.file)), h.entry] : [h.entry])
  const importedBy = (files: ReadonlyArray<string>) =>
    [...new Set(files.flatMap((file) => bareImports(readFileSync(join(root, file), "utf8"))))].sort()

  const compiles: Array<{ host: string; format: string; diagnostics: Array<Diagnostic> }> = []
  const runs: Array<{ host: string; format: string; store: string; ok: boolean; output: string; ms: number }> = []
  const sizes: Record<string, number> = {}
  const connectionString = process.env.DATABASE_URL || undefined
  const schemas: Array<string> = []

  for (const h of hosts) {
    const project = join(work, h.name)
    mkdirSync(project)
    const files = filesOf(h)
    const imported = importedBy(files)
    // A real host declares what its code imports: the packages it uses, and any other package its
    // code imports directly (a database driver), at the version the workspace uses.
    const dependencies = Object.fromEntries(
      [...new Set([...h.packages, ...h.drivers, ...imported])]
        .sort()
        .map((name) => [name, tarballOf.get(name) ?? versionInWorkspace(name)]),
    )
    const manifest = {
      name: `yiciban-consumer-${h.name}`,
      private: true,
      dependencies,
      devDependencies: {
        typescript: versionInWorkspace("typescript"),
        "@types/node": versionInWorkspace("@types/node"),
      },
      // The packages depend on each other by version (0.0.0 here): point them at the tarballs too.
      overrides: Object.fromEntries([...tarballOf].map(([name, spec]) => [name, dependencies[name] ?? spec])),
    }
    writeFileSync(join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
    const npmInstall = (extra: ReadonlyArray<string>) =>
      must(
        `npm install (${h.name} host)`,
        run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...extra], project),
      )
    timed(`install ${h.name} host`, () => npmInstall(["--omit=dev"]))
    sizes[h.name] = du(join(project, "node_modules"))
    // A host installs only the drivers it names (the layering promise: a memory host gets neither
    // pg nor PGlite, since they are optional peers of @yiciban/postgres, which it does not install).
    for (const driver of ["pg", "@electric-sql/pglite"]) {
      if (!h.drivers.includes(driver) && existsSync(join(project, "node_modules", driver))) {
        throw new Error(`the ${h.name} host installed ${driver}, which it never asked for`)
      }
    }
    timed(`install ${h.name} host`, () => npmInstall([]))

    // No source condition, no link into the workspace: every package resolves inside the project.
    for (const name of h.packages) {
      const resolved = must(
        `resolve ${name}`,
        run(
          process.execPath,
          ["-p", `require("node:fs").realpathSync(require.resolve(${JSON.stringify(name)}))`],
          project,
        ),
      )
      if (!resolved.startsWith(join(project, "node_modules"))) {
        throw new Error(`${name} resolves to ${resolved}, outside ${project}/node_modules`)
      }
    }

    for (const format of formats) {
      const dir = join(project, format.name)
      for (const file of files) cpSync(join(root, file), join(dir, "src", file))
      writeFileSync(join(dir, "package.json"), `${JSON.stringify({ type: format.type })}\n`)
      writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig(h.libCheck), null, 2)}\n`)
      const tsc = join(project, "node_modules", "typescript", "bin", "tsc")
      const compiled = timed(`compile ${h.name} ${format.name}`, () =>
        run(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], dir),
      )
      compiles.push({
        host: h.name,
        format: format.name,
        diagnostics: parseDiagnostics(compiled.output, dir, join(dir, "src")),
      })
      if (compiled.status !== 0 && compiles.at(-1)!.diagnostics.length === 0) {
        throw new Error(`tsc failed without a diagnostic:\n${compiled.output}`)
      }
      // tsc emits even when it reports errors: run what it emitted, so the report says both.
      const entry = join(dir, "dist", h.entry.replace(/\.ts$/, ".js"))
      for (const store of h.stores) {
        let argv: Array<string>
        if (store === "memory") argv = ["memory"]
        else if (store === "pglite") argv = ["pglite", join(project, `data-${format.name}`)]
        else if (connectionString !== undefined) {
          const schema = `consumer_${format.name}_${process.pid}_${Date.now().toString(36)}`
          schemas.push(schema)
          argv = ["postgres", connectionString, schema]
        } else continue
        const t0 = Date.now()
        const result = timed(`run ${store} ${format.name}`, () =>
          existsSync(entry) ? run(process.execPath, [entry, ...argv], dir) : { status: 1, output: "nothing emitted" },
        )
        runs.push({
          host: h.name,
          format: format.name,
          store,
          ok: result.status === 0,
          output: result.output,
          ms: Date.now() - t0,
        })
      }
    }
  }

  if (connectionString !== undefined && schemas.length > 0) {
    const drop = schemas.map((s) => `drop schema if exists ${s} cascade;`).join(" ")
    const script = `const pg=require("pg");const c=new pg.Client({connectionString:process.env.DATABASE_URL});c.connect().then(()=>c.query(${JSON.stringify(drop)})).then(()=>c.end())`
    run(process.execPath, ["-e", script], join(work, "server"))
  }

  // -------------------------------------------------------------------------------------------
  // The report

  // Diagnostics in another project's declarations are that project's, not ours: listed, not failed.
  const installed = (d: Diagnostic) => d.file.split("/").includes("node_modules")
  const packageOf = (d: Diagnostic) => {
    const [scope, name] = d.file.split("node_modules/").at(-1)!.split("/")
    return scope!.startsWith("@") ? `${scope}/${name}` : scope!
  }
  const thirdParty = (d: Diagnostic) => installed(d) && !packageOf(d).startsWith("@yiciban/")
  const where = (d: Diagnostic) => {
    const hits = docSnippets.filter((s) => s.file === d.file && d.line >= s.from && d.line <= s.to)
    return hits.length > 0
      ? hits.map((s) => `${s.doc} › ${s.file}#${s.region}`).join(", ")
      : isHost(d.file)
        ? `${d.file} (a consumer host, not shown in the docs)`
        : installed(d)
          ? `${d.file.split("node_modules/").at(-1)} (a published declaration of this repository)`
          : `${d.file} (outside the documented regions)`
  }
  // snippet → diagnostic → the host/format builds that reported it
  const failing = new Map<string, Map<string, Array<string>>>()
  const ignored = new Map<string, number>()
  for (const c of compiles) {
    for (const d of c.diagnostics.filter(thirdParty)) {
      ignored.set(packageOf(d), (ignored.get(packageOf(d)) ?? 0) + 1)
    }
    for (const d of c.diagnostics.filter((d) => !thirdParty(d))) {
      const byLine = failing.get(where(d)) ?? new Map<string, Array<string>>()
      const line = `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`
      byLine.set(line, [...(byLine.get(line) ?? []), `${c.host}/${c.format}`])
      failing.set(where(d), byLine)
    }
  }

  console.log("\nConsumer test: the packed packages, installed with npm outside the workspace\n")
  console.log("Documented snippets compiled with tsc --strict (ESM and CommonJS, memory and PGlite hosts):")
  for (const s of docSnippets) {
    const key = `${s.doc} › ${s.file}#${s.region}`
    console.log(`  ${failing.has(key) ? "✗" : "✓"} ${key}`)
  }
  for (const [key, byLine] of failing) {
    console.log(`\n  ✗ ${key}`)
    for (const [line, builds] of byLine) console.log(`      ${line}  [${builds.join(", ")}]`)
  }
  for (const [name, count] of ignored) {
    console.log(`\n  - ${count} diagnostics in ${name}'s own declarations (skipLibCheck: false), not failed here`)
  }
  console.log("\nRuns:")
  for (const r of runs) {
    console.log(`  ${r.ok ? "✓" : "✗"} ${r.format} on ${r.store} (${r.host} host, ${(r.ms / 1000).toFixed(1)} s)`)
    if (!r.ok) console.log(r.output.replace(/^/gm, "      "))
  }
  if (connectionString === undefined) console.log("  - the PostgreSQL server: DATABASE_URL is not set, not run")
  console.log("\nInstall size (npm install --omit=dev, du -sh node_modules):")
  for (const [name, bytes] of Object.entries(sizes)) console.log(`  ${name} host: ${mb(bytes)}`)
  const total = Date.now() - started
  console.log(`\nTime: ${(total / 1000).toFixed(0)} s`)
  for (const [name, ms] of Object.entries(timings)) console.log(`  ${name}: ${(ms / 1000).toFixed(1)} s`)

  const compiled = (c: (typeof compiles)[number]) => c.diagnostics.every(thirdParty)
  const passed = compiles.filter(compiled).length + runs.filter((r) => r.ok).length
  const failed = compiles.filter((c) => !compiled(c)).length + runs.filter((r) => !r.ok).length
  mkdirSync(join(root, ".tmp"), { recursive: true })
  writeFileSync(
    join(root, ".tmp", "consumer-report.json"),
    `${JSON.stringify({ compiles, runs, sizes, timings, totalMs: total, failing: Object.fromEntries([...failing].map(([k, v]) => [k, Object.fromEntries(v)])) }, null, 2)}\n`,
  )
  if (args.has("--keep")) console.log(`\nkept ${work}`)
  else rmSync(work, { recursive: true, force: true })
  console.log(`\nConsumer: ${passed} passed, ${failed} failed`)
  process.exit(failed === 0 ? 0 : 1)
}

main()
