/**
 * `yiciban calendar add <file>`: adopts the State Council's holiday notice for a year in the store
 * (`HolidayNotices.adopt`), then re-plans the open timers on the new calendar (`Replan.replan`).
 * And the calendar `calendar show` reads when it is given a store.
 */
import { readFileSync } from "node:fs"
import { HolidayNotice, WorkCalendar } from "@yiciban/core"
import { HolidayNotices, Replan } from "@yiciban/runtime"
import type { Command } from "commander"
import * as Result from "effect/Result"
import { aggregatesOf, type Context, type StoreOptions } from "./context.ts"

const refused = 2

/** True when the options or the environment name a store (`calendar show` then reads its notices). */
export const namesStore = (options: StoreOptions, context: Context) =>
  options.dataDir !== undefined || options.databaseUrl !== undefined || (context.env.DATABASE_URL ?? "") !== ""

/** The built-in calendar with the notices adopted in the store applied. */
export const storedCalendar = async (options: StoreOptions, context: Context) => {
  const { yiciban } = await context.open(options)
  try {
    return HolidayNotices.applyAll(WorkCalendar.chinaMainland, await yiciban.run(HolidayNotices.adopted))
  } finally {
    await yiciban.close()
  }
}

export const registerCalendarAdd = (calendar: Command, context: Context) => {
  context
    .storeOptions(
      calendar
        .command("add")
        .description(
          "adopt the State Council's holiday notice for a year (JSON, as `calendar check` reads it) in the store, then re-plan the open timers on it",
        )
        .argument("<file>", "the notice")
        .option("--by <name>", "who adopts it, as the event records it", "yiciban-cli"),
    )
    .action(async (file: string, options: StoreOptions & { by: string }) => {
      let text: string
      try {
        text = readFileSync(file, "utf8")
      } catch (error) {
        return context.fail(refused, `cannot read ${file}: ${(error as Error).message}`)
      }
      const notice = HolidayNotice.fromJson(text)
      if (Result.isFailure(notice)) return context.fail(refused, `${file}: ${notice.failure.message}`)
      const { yiciban, where } = await context.open(options)
      let added: boolean
      try {
        added = await yiciban.run(HolidayNotices.adopt(notice.success, options.by))
      } finally {
        await yiciban.close()
      }
      context.out(
        added
          ? `adopted the ${notice.success.year} notice (${notice.success.notice}) on ${where}`
          : `the ${notice.success.year} notice (${notice.success.notice}) was already adopted on ${where}`,
      )
      // A runtime opened now reads the notice; its timers are derived on the new calendar.
      const reopened = await context.open(options)
      try {
        const report = await reopened.yiciban.run(Replan.replan({ aggregates: aggregatesOf(reopened.yiciban) }))
        for (const stream of report.replanned) {
          const moves = stream.added.map((timer) => {
            const before = stream.removed.find((old) => old.notice === timer.notice)
            return `${timer.notice} ${before === undefined ? "new" : before.dueAt} → ${timer.dueAt}${timer.provisional ? " (provisional)" : ""}`
          })
          context.out(`re-planned ${stream.stream}: ${moves.join("; ") || "timers removed"}`)
        }
        context.out(`re-planned ${report.replanned.length} of ${report.examined} stream(s) with timers`)
      } finally {
        await reopened.yiciban.close()
      }
    })
}
