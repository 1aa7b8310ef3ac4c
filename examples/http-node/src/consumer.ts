/**
 * The consumer test's adapters host (see scripts/consumer.ts): installed from the packed tarballs
 * outside the workspace, it starts this example's node:http server on PGlite and checks that it
 * answers (its OpenAPI document, and a read the host's token authorizes), then runs the `yiciban`
 * bin of `@yiciban/cli` as a user would: `--help`, and `init` on a fresh folder. Exit code 0 and
 * one JSON line on success; exit code 1 and the reason otherwise.
 */
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { startServer } from "./server.ts"

const check = (ok: boolean, what: string) => {
  if (!ok) throw new Error(what)
}

const http = async (dataDir: string) => {
  const server = await startServer({ dataDir })
  try {
    const openapi = await fetch(`${server.url}/openapi.json`)
    const document = (await openapi.json()) as { openapi?: string; paths?: object }
    check(openapi.status === 200 && /^3\.1\./.test(document.openapi ?? ""), `GET /openapi.json: ${openapi.status}`)
    const cases = await fetch(`${server.url}/cases`, { headers: { authorization: "Bearer clerk-token" } })
    check(cases.status === 200, `GET /cases as the clerk: ${cases.status} ${await cases.text()}`)
    const anonymous = await fetch(`${server.url}/cases`)
    check(anonymous.status === 401, `GET /cases without a token: ${anonymous.status}`)
    return Object.keys(document.paths ?? {}).length
  } finally {
    await server.close()
  }
}

const cli = (folder: string) => {
  const require = createRequire(join(process.cwd(), "consumer.js"))
  const manifest = require.resolve("@yiciban/cli/package.json")
  const bin = join(dirname(manifest), (require(manifest) as { bin: { yiciban: string } }).bin.yiciban)
  const yiciban = (argv: ReadonlyArray<string>) => {
    const result = spawnSync(process.execPath, [bin, ...argv], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", YICIBAN_SECRET: "consumer-test-secret-0123456789abcdef0123" },
    })
    return { code: result.status, out: `${result.stdout}${result.stderr}` }
  }
  const help = yiciban(["--help"])
  check(
    help.code === 0 && help.out.includes("Usage: yiciban") && help.out.includes("Exit codes"),
    `--help: ${help.out}`,
  )
  const dataDir = join(folder, "cli-store")
  const init = yiciban(["init", "--data-dir", dataDir])
  check(init.code === 0 && init.out.trim() === `ready: the PGlite folder ${dataDir}`, `init: ${init.code} ${init.out}`)
  const unknown = yiciban(["frobnicate"])
  check(unknown.code === 1, `an unknown command: exit ${unknown.code}`)
}

const main = async (args: ReadonlyArray<string>) => {
  const [kind, dataDir] = args
  if (kind !== "pglite" || dataDir === undefined) throw new Error("usage: consumer pglite <dataDir>")
  const started = Date.now()
  const paths = await http(dataDir)
  const folder = mkdtempSync(join(tmpdir(), "yiciban-consumer-cli-"))
  try {
    cli(folder)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  return { store: kind, paths, ms: Date.now() - started }
}

main(process.argv.slice(2)).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
