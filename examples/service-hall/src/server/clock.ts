/**
 * The hall's demo clock: simulated time, kept in the data folder so a restart resumes where the
 * demo was. It starts at 09:30 Beijing time on a day and moves only forward, a whole day at a
 * time, when the demo supervisor moves it (`POST /hall/clock`), so timers fire and warnings turn
 * yellow, then red, without waiting for weeks.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { CalendarDate } from "@yiciban/core"

const dayMillis = 86_400_000
const at0930 = (day: string) => Date.parse(`${day}T01:30:00.000Z`)

export interface DemoClock {
  readonly now: () => number
  readonly today: () => CalendarDate.CalendarDate
  readonly set: (day: string) => void
  readonly advance: (days: number) => void
}

/** The clock of `dataDir` (the file `hall-clock.json`), starting on `startDay` the first time. */
export const demoClock = (dataDir: string, startDay: string): DemoClock => {
  const file = join(dataDir, "hall-clock.json")
  let now = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as { readonly now: number }).now
    : at0930(startDay)
  const save = () => writeFileSync(file, JSON.stringify({ now }))
  return {
    now: () => now,
    today: () => CalendarDate.ofInstant(new Date(now).toISOString()),
    set: (day) => {
      now = at0930(day)
      save()
    },
    advance: (days) => {
      now += days * dayMillis
      save()
    },
  }
}
