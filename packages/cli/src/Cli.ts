/**
 * The `yiciban` command: `init` (create or migrate a store), `timers run` (the background worker,
 * stopped gracefully by SIGTERM or SIGINT), `matters import <file>` (a catalogue in JSON or CSV,
 * validated, with a report of what was refused and why), `calendar show`, `calendar check` and
 * `calendar add` (working days, an official holiday notice checked, adopted in the store),
 * `replay` and `projections rebuild <name>` (commands/maintenance.ts), `demo` (commands/demo.ts).
 * `--help` on every command.
 *
 * Exit codes ({@link ExitCode}): 0 done; 1 usage (an unknown command or option, a missing
 * argument); 2 refused input (a file that does not parse, entries refused, an invalid notice);
 * 3 the store could not be opened or used.
 *
 * @since 0.2.0
 */
import { readFileSync } from "node:fs"
import { CalendarDate, HolidayNotice, WorkCalendar } from "@yiciban/core"
import { createYiciban, ProcessManagers, Worker, type Yiciban } from "@yiciban/runtime"
import { Command, CommanderError, InvalidArgumentError } from "commander"
import * as Effect from "effect/Effect"
import * as Result from "effect/Result"
import { namesStore, registerCalendarAdd, storedCalendar } from "./commands/calendar.ts"
import type { Context } from "./commands/context.ts"
import { type CsvEntry, entriesFromCsv } from "./commands/csv.ts"
import { registerDemo } from "./commands/demo.ts"
import { registerMaintenance } from "./commands/maintenance.ts"
import * as Supervision from "./Supervision.ts"

/**
 * The exit codes.
 *
 * @category models
 * @since 0.2.0
 */
export const ExitCode = {
  ok: 0,
  usage: 1,
  refused: 2,
  store: 3,
} as const

/**
 * Where the command writes: its output and its errors (the process's by default; tests pass their own).
 *
 * @category models
 * @since 0.2.0
 */
export interface Io {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: { readonly [name: string]: string | undefined }
  /** Resolves when the process is asked to stop (SIGTERM, SIGINT). */
  readonly stopSignal: () => Promise<string>
}

class Exit {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

/**
 * The deployment secret, from `YICIBAN_SECRET`: it names persons by pseudonym and wraps their data
 * keys (docs/security.md, "Personal data"), so every command that opens a store needs it; the
 * store refuses one shorter than 32 characters.
 */
const secretOf = (io: Io): string => {
  const secret = io.env.YICIBAN_SECRET
  if (secret === undefined || secret === "") {
    throw new Exit(
      ExitCode.usage,
      "YICIBAN_SECRET is not set: the deployment secret (at least 32 characters, from your secret store) that names persons by pseudonym and wraps their data keys",
    )
  }
  return secret
}

const storeOf = async (options: { readonly dataDir?: string; readonly databaseUrl?: string }, io: Io) => {
  const secret = secretOf(io)
  const url = options.databaseUrl ?? io.env.DATABASE_URL
  if (options.dataDir !== undefined && url !== undefined && options.databaseUrl !== undefined) {
    throw new Exit(ExitCode.usage, "give either --data-dir or --database-url, not both")
  }
  if (options.dataDir === undefined && url !== undefined) {
    const { postgresStore } = await import("@yiciban/postgres/pg")
    return { store: postgresStore({ connectionString: url, secret }), where: "the PostgreSQL server in DATABASE_URL" }
  }
  const dataDir = options.dataDir ?? "./.yiciban-data"
  const { pgliteStore } = await import("@yiciban/postgres/pglite")
  return { store: pgliteStore({ dataDir, secret }), where: `the PGlite folder ${dataDir}` }
}

const open = async (
  options: { readonly dataDir?: string; readonly databaseUrl?: string },
  io: Io,
  now?: () => number,
) => {
  const { store, where } = await storeOf(options, io)
  try {
    return { yiciban: await createYiciban(now === undefined ? { store } : { store, now }), where }
  } catch (error) {
    throw new Exit(ExitCode.store, `cannot open ${where}: ${oneLine(error)}`)
  }
}

const oneLine = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 480)

const readJson = (file: string): unknown => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    throw new Exit(ExitCode.refused, `cannot read ${file}: ${oneLine(error)}`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Exit(ExitCode.refused, `${file} is not JSON: ${oneLine(error)}`)
  }
}

const format = (value: string) => {
  if (value !== "json" && value !== "csv") throw new InvalidArgumentError(`expected json or csv, got ${value}`)
  return value
}

/** The catalogue's entries: a JSON array, or the rows of a CSV file (see commands/csv.ts). */
const readCatalogue = (file: string, given: string | undefined): ReadonlyArray<CsvEntry | { entry: unknown }> => {
  if ((given ?? (file.toLowerCase().endsWith(".csv") ? "csv" : "json")) === "json") {
    const entries = readJson(file)
    if (!Array.isArray(entries)) throw new Exit(ExitCode.refused, `${file}: expected a JSON array of matters`)
    return entries.map((entry) => ({ entry }))
  }
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    throw new Exit(ExitCode.refused, `cannot read ${file}: ${oneLine(error)}`)
  }
  try {
    return entriesFromCsv(text)
  } catch (error) {
    throw new Exit(ExitCode.refused, `${file} is not a CSV catalogue: ${oneLine(error)}`)
  }
}

const date = (value: string) => {
  try {
    return CalendarDate.make(value)
  } catch {
    throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got ${value}`)
  }
}

const seconds = (value: string) => {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a positive number of seconds, got ${value}`)
  return n
}

const storeOptions = (command: Command) =>
  command
    .option("--data-dir <dir>", "a PGlite folder (default ./.yiciban-data, unless DATABASE_URL is set)")
    .option("--database-url <url>", "a PostgreSQL server (default: the DATABASE_URL environment variable)")

/**
 * The program, writing to `io`; `run` parses `argv` (without the node and script names) and
 * resolves with the exit code.
 *
 * @category constructors
 * @since 0.2.0
 */
export const run = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const program = new Command("yiciban")
    .description("Yiciban (一次办): the back office of government services, from the command line")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .addHelpText(
      "after",
      "\nExit codes: 0 done, 1 usage, 2 refused input (a file, entries, a notice; replay: disagreements found), 3 the store could not be used.",
    )
  let code: number = ExitCode.ok

  storeOptions(
    program.command("init").description("create the store, or migrate it to this version's schema, and exit"),
  ).action(async (options: { dataDir?: string; databaseUrl?: string }) => {
    const { yiciban, where } = await open(options, io)
    await yiciban.close()
    io.out(`ready: ${where}`)
  })

  const timers = program.command("timers").description("the durable timers")
  storeOptions(
    timers.command("run").description("fire due timers and run the process managers until SIGTERM or SIGINT"),
  )
    .option("--interval <seconds>", "the pause between runs", seconds, 5)
    .option("--once", "one run, then exit")
    .action(async (options: { dataDir?: string; databaseUrl?: string; interval: number; once?: boolean }) => {
      const { yiciban, where } = await open(options, io)
      try {
        if (options.once === true) {
          const fired = await yiciban.runDueTimers()
          const handled = await yiciban.runProcessManagers()
          io.out(
            `fired ${fired.length} timer(s); process managers handled ${handled.reduce((n, h) => n + h.handled, 0)} event(s)`,
          )
          return
        }
        io.out(`worker on ${where}, every ${options.interval} s; SIGTERM or SIGINT stops it`)
        const health = await yiciban.run(
          Effect.scoped(
            Effect.gen(function* () {
              const worker = yield* Worker.start({
                aggregates: yiciban.aggregates.map((facade) => facade.aggregate),
                processManagers: ProcessManagers.all,
                interval: `${options.interval} seconds`,
              })
              const signal = yield* Effect.promise(() => io.stopSignal())
              yield* Effect.sync(() => io.out(`${signal}: finishing the current run`))
              yield* worker.stop
              return yield* worker.health
            }),
          ),
        )
        io.out(
          `stopped after ${health.runs} run(s): fired ${health.fired}, handled ${health.handled}, ${health.failures} failed`,
        )
      } finally {
        await yiciban.close()
      }
    })

  const matters = program.command("matters").description("the matter catalogue")
  storeOptions(
    matters
      .command("import")
      .description(
        "draft and publish every matter of a catalogue: a JSON array of { implementationCode, baseCode, elements }, or a CSV file (a .csv name, or --format csv) with a dotted path a column",
      )
      .argument("<file>", "the catalogue")
      .option("--format <format>", "json or csv (default: from the file name)", format)
      .requiredOption("--actor <file>", "the catalogue administrator's actor, as JSON (id, roles, authority, region)"),
  ).action(
    async (file: string, options: { actor: string; format?: string; dataDir?: string; databaseUrl?: string }) => {
      const entries = readCatalogue(file, options.format)
      const actor = readJson(options.actor) as Yiciban.ActorInput
      const { yiciban } = await open(options, io)
      let refused = 0
      try {
        for (const [index, item] of entries.entries()) {
          if ("refused" in item) {
            refused++
            io.out(`refused ${item.code}: ${item.refused}`)
            continue
          }
          const entry = item.entry as { implementationCode?: unknown }
          const code =
            typeof entry === "object" && entry !== null && typeof entry.implementationCode === "string"
              ? entry.implementationCode
              : `#${index}`
          try {
            const published = await yiciban.matter.publish(entry as Yiciban.PublishInput, actor)
            io.out(`published ${code}: ${published.name}`)
          } catch (error) {
            refused++
            const tag = (error as { _tag?: unknown })._tag
            if (tag === "StoreUnavailable" || tag === "ReadModelUnavailable")
              throw new Exit(ExitCode.store, oneLine(error))
            io.out(`refused ${code}: ${typeof tag === "string" ? `${tag}: ` : ""}${oneLine(error)}`)
          }
        }
      } finally {
        await yiciban.close()
      }
      io.out(`${entries.length - refused} published, ${refused} refused`)
      if (refused > 0) code = ExitCode.refused
    },
  )

  const context: Context = {
    out: io.out,
    err: io.err,
    env: io.env,
    open: (options, now) => open(options, io, now),
    storeOptions,
    fail: (exitCode, message) => {
      throw new Exit(exitCode, message)
    },
    setCode: (exitCode) => {
      code = exitCode
    },
  }
  registerMaintenance(program, context)
  registerDemo(program, context)

  const calendar = program
    .command("calendar")
    .description("the working-day calendar (State Council notices, provisional years)")
  storeOptions(
    calendar
      .command("show")
      .description(
        "each day from <from> to <to>: working day, weekend, holiday or make-up working day; with a store (--data-dir, --database-url or DATABASE_URL), on the notices adopted in it",
      ),
  )
    .argument("<from>", "the first day, YYYY-MM-DD", date)
    .argument("<to>", "the last day, YYYY-MM-DD", date)
    .option("--notice <file>", "apply an official holiday notice (JSON) first")
    .action(
      async (
        from: CalendarDate.CalendarDate,
        to: CalendarDate.CalendarDate,
        options: { notice?: string; dataDir?: string; databaseUrl?: string },
      ) => {
        let current = namesStore(options, context) ? await storedCalendar(options, context) : WorkCalendar.chinaMainland
        if (options.notice !== undefined) current = HolidayNotice.apply(current, noticeOf(options.notice))
        let day = from
        let count = 0
        while (day <= to && count < 3660) {
          const kind = WorkCalendar.dayKind(current, day)
          const provisional = WorkCalendar.isProvisional(current, day, day) ? " (provisional)" : ""
          io.out(`${day} ${Result.isSuccess(kind) ? kind.success : "not covered"}${provisional}`)
          day = CalendarDate.addDays(day, 1)
          count++
        }
      },
    )
  registerCalendarAdd(calendar, context)
  calendar
    .command("check")
    .description("check an official holiday notice file (JSON) and say which year it makes official")
    .argument("<file>", "the notice")
    .action((file: string) => {
      const notice = noticeOf(file)
      io.out(
        `${file}: the ${notice.year} notice (${notice.notice}): ${notice.holidays.length} holidays, ${notice.makeUpWorkingDays.length} make-up working days`,
      )
    })

  Supervision.register(program, {
    out: io.out,
    env: io.env,
    storeOptions,
    open: (options) => open(options, io),
    fail: (exit, message) => {
      throw new Exit(exit, message)
    },
    exitWith: (exit) => {
      code = exit
    },
  })

  try {
    await program.parseAsync([...argv], { from: "user" })
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage
    }
    if (error instanceof Exit) {
      io.err(`yiciban: ${error.message}`)
      return error.code
    }
    io.err(`yiciban: ${oneLine(error)}`)
    return ExitCode.store
  }
}

const noticeOf = (file: string) => {
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    throw new Exit(ExitCode.refused, `cannot read ${file}: ${oneLine(error)}`)
  }
  const notice = HolidayNotice.fromJson(text)
  if (Result.isFailure(notice)) throw new Exit(ExitCode.refused, `${file}: ${notice.failure.message}`)
  return notice.success
}
