/**
 * The demo's clock: time is simulated, so the flows can move across real working days of
 * September to November 2026. docs/getting-started.md includes the region below.
 */
// #region clock
import { CalendarDate } from "@yiciban/core"

/** A clock the flows move by hand: 09:30 Beijing time on a day. */
export const simulatedClock = (day: string) => {
  let now = Date.parse(`${day}T01:30:00.000Z`)
  return {
    now: () => now,
    set: (next: string) => {
      now = Date.parse(`${next}T01:30:00.000Z`)
    },
    today: () => CalendarDate.ofInstant(new Date(now).toISOString()),
  }
}

export type SimulatedClock = ReturnType<typeof simulatedClock>
// #endregion clock
