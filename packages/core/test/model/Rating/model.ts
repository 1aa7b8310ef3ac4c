import type { fc } from "@fast-check/vitest"
import { Result } from "effect"
import { expect } from "vitest"
import type { Actor } from "../../../src/index.ts"
import { CalendarDate, Decider, Rating } from "../../../src/index.ts"

/** The model: far simpler than the aggregate — a phase, the level given, whether it was a default, the day. */
export interface Model {
  phase: Rating.Phase
  occasion: "online" | "visit"
  level: number | null
  default: boolean
  appealed: boolean
  resumeAt: Rating.Phase | null
  day: number
  openedDay: number | null
}

export interface Real {
  state: Rating.State
  events: Array<Rating.Event>
}

export const initialModel = (): Model => ({
  phase: "new",
  occasion: "online",
  level: null,
  default: false,
  appealed: false,
  resumeAt: null,
  day: 0,
  openedDay: null,
})

export const runCounts = new Map<string, number>()
const count = (name: string) => runCounts.set(name, (runCounts.get(name) ?? 0) + 1)

const start = CalendarDate.make("2026-03-02")
const decider = Rating.makeDecider(Rating.defaultSettings)
const clerk: Actor.Actor = { id: "clerk-1", roles: ["windowClerk"] }

const nowOf = (m: Model) => `${CalendarDate.addDays(start, m.day)}T02:00:00.000Z`

/** Decides `command` on the real state at the model's day; applies the events when accepted. */
const decide = (m: Model, r: Real, command: Rating.Command) => {
  const outcome = Decider.run(decider, r.state, command, { now: nowOf(m), actor: clerk, facts: {} })
  if (Result.isSuccess(outcome)) {
    r.state = outcome.success.state
    r.events.push(...outcome.success.events)
  }
  return outcome
}

/** After every command: the named invariants hold and the aggregate agrees with the model. */
const agree = (m: Model, r: Real) => {
  expect(Rating.consistent(r.state)).toBe(true)
  expect(Rating.givenOnce(r.events)).toBe(true)
  expect(r.state.phase).toBe(m.phase)
  const actual = m.level !== null && !m.default && m.phase !== "excluded"
  expect(Rating.countsAsActual(r.state)).toBe(actual)
}

const ratedCase = (concluded: boolean): Rating.RatedCase => ({
  caseNo: "C1",
  matterCode: "M1",
  matterName: "Food business licence",
  unit: { name: "Market regulation bureau", creditCode: "11430100MB1234567X", division: "430100" } as never,
  concludedOn: concluded ? start : null,
})

const rater: Rating.Rater = { kind: "enterprise", code: "91430102MA4L0P1T5J", name: "Acme Ltd" } as never

type Cmd = fc.Command<Model, Real>

export class Open implements Cmd {
  constructor(
    readonly occasion: "online" | "visit",
    readonly concluded: boolean,
  ) {}
  check = (m: Readonly<Model>) => m.phase === "new"
  run(m: Model, r: Real) {
    const id = this.occasion === "online" ? "C1.online" : "C1.visit-1"
    const outcome = decide(m, r, { _tag: "OpenRating", ratingId: id, ratedCase: ratedCase(this.concluded), rater })
    if (this.occasion === "online" && !this.concluded) {
      count("Open_Err(notConcluded)")
      expect(Result.isFailure(outcome) && outcome.failure._tag).toBe("NotRateable")
    } else {
      count(`Open(${this.occasion})`)
      expect(Result.isSuccess(outcome)).toBe(true)
      m.phase = "invited"
      m.occasion = this.occasion
      m.openedDay = m.day
    }
    agree(m, r)
  }
  toString = () => `Open(${this.occasion}, concluded=${this.concluded})`
}

export class Give implements Cmd {
  constructor(readonly level: Rating.Level) {}
  check = (m: Readonly<Model>) => m.phase === "invited"
  run(m: Model, r: Real) {
    count(this.level >= 4 ? "Give(negative)" : "Give(positive)")
    const id = r.state.ratingId
    const outcome = decide(m, r, { _tag: "GiveRating", ratingId: id, level: this.level, channel: "mobile" })
    expect(Result.isSuccess(outcome)).toBe(true)
    m.level = this.level
    m.phase = this.level >= 4 ? "reported" : "rated"
    agree(m, r)
  }
  toString = () => `Give(${this.level})`
}

export class Advance implements Cmd {
  constructor(readonly days: number) {}
  check = () => true
  run(m: Model) {
    count("Advance")
    m.day += this.days
  }
  toString = () => `Advance(${this.days})`
}

export class RecordDefault implements Cmd {
  check = (m: Readonly<Model>) => m.phase === "invited"
  run(m: Model, r: Real) {
    const outcome = decide(m, r, { _tag: "RecordDefaultRating", ratingId: r.state.ratingId })
    // due from the day after the 5th working day after the opening: at least 6 calendar days later
    // (a Sunday opening's 5th working day is the Friday after it, 5 days on)
    const due = r.state.defaultOn !== null && CalendarDate.addDays(start, m.day) > r.state.defaultOn
    if (Result.isSuccess(outcome)) {
      count("RecordDefault")
      expect(due).toBe(true)
      expect(m.day - m.openedDay!).toBeGreaterThanOrEqual(6)
      m.level = 3
      m.default = true
      m.phase = "rated"
    } else {
      count("RecordDefault_Err(notDue)")
      expect(due).toBe(false)
      expect(outcome.failure._tag).toBe("NotRateable")
    }
    agree(m, r)
  }
  toString = () => "RecordDefault"
}

/** One step of a negative's handling, allowed from `from`, leading to `to`. */
export class Step implements Cmd {
  constructor(
    readonly tag:
      | "VerifyNegative"
      | "RectifyAtOnce"
      | "RectifyByDeadline"
      | "CompleteRectification"
      | "ExplainNegative"
      | "RecordCallback",
  ) {}
  static readonly table: Record<Step["tag"], readonly [Rating.Phase, Rating.Phase]> = {
    VerifyNegative: ["reported", "verified"],
    RectifyAtOnce: ["verified", "awaitingCallback"],
    RectifyByDeadline: ["verified", "rectifying"],
    CompleteRectification: ["rectifying", "awaitingCallback"],
    ExplainNegative: ["verified", "awaitingCallback"],
    RecordCallback: ["awaitingCallback", "closed"],
  }
  check = () => true
  command(id: string): Rating.Command {
    switch (this.tag) {
      case "VerifyNegative":
        return { _tag: this.tag, ratingId: id, findings: "queue too long" }
      case "RectifyAtOnce":
      case "RectifyByDeadline":
        return { _tag: this.tag, ratingId: id, measures: "one more window" }
      case "CompleteRectification":
        return { _tag: this.tag, ratingId: id, outcome: "window opened" }
      case "ExplainNegative":
        return { _tag: this.tag, ratingId: id, explanation: "the law requires the original" }
      case "RecordCallback":
        return { _tag: this.tag, ratingId: id, reached: true, satisfied: true, notes: "" }
    }
  }
  run(m: Model, r: Real) {
    const [from, to] = Step.table[this.tag]
    const outcome = decide(m, r, this.command(r.state.ratingId === "" ? "C1.online" : r.state.ratingId))
    if (m.phase === from) {
      count(this.tag)
      expect(Result.isSuccess(outcome)).toBe(true)
      m.phase = to
    } else {
      count(`${this.tag}_Err(phase)`)
      expect(Result.isFailure(outcome) && outcome.failure._tag).toBe("NotInPhase")
    }
    agree(m, r)
  }
  toString = () => this.tag
}

/**
 * One of the steps the model's phase allows, the `pick`-th of them (modulo their number): a path through the
 * negative flow goes on instead of waiting for a uniformly drawn step to be the one its phase takes. In `rectifying`
 * only CompleteRectification is allowed, so it is always the one taken. Deterministic given the model, so a failing
 * run replays and shrinks.
 */
export class NextStep implements Cmd {
  constructor(readonly pick: number) {}
  private allowed = (m: Readonly<Model>) =>
    (Object.keys(Step.table) as Array<Step["tag"]>).filter((tag) => Step.table[tag][0] === m.phase)
  check = (m: Readonly<Model>) => this.allowed(m).length > 0
  run(m: Model, r: Real) {
    const allowed = this.allowed(m)
    new Step(allowed[this.pick % allowed.length] as Step["tag"]).run(m, r)
  }
  toString = () => `NextStep(${this.pick})`
}

const appealable: ReadonlyArray<Rating.Phase> = ["reported", "verified", "rectifying", "awaitingCallback"]

/** An appeal; with `onlyWhenOpen`, drawn only while a negative is being handled, so second appeals are reached. */
export class Appeal implements Cmd {
  constructor(readonly onlyWhenOpen = false) {}
  check = (m: Readonly<Model>) => !this.onlyWhenOpen || appealable.includes(m.phase)
  run(m: Model, r: Real) {
    const open = appealable.includes(m.phase)
    const outcome = decide(m, r, {
      _tag: "AppealRating",
      ratingId: r.state.ratingId === "" ? "C1.online" : r.state.ratingId,
      ground: "malicious",
      reasons: "the rater never visited",
    })
    if (open && !m.appealed) {
      count("Appeal")
      expect(Result.isSuccess(outcome)).toBe(true)
      m.appealed = true
      m.resumeAt = m.phase
      m.phase = "appealed"
    } else {
      count(open ? "Appeal_Err(again)" : "Appeal_Err(phase)")
      expect(Result.isFailure(outcome) && outcome.failure._tag).toBe(open ? "AlreadyAppealed" : "NotInPhase")
    }
    agree(m, r)
  }
  toString = () => "Appeal"
}

/** An appeal's decision; with `onlyWhenAppealed`, drawn only while an appeal waits for one. */
export class DecideAppeal implements Cmd {
  constructor(
    readonly upheld: boolean,
    readonly onlyWhenAppealed = false,
  ) {}
  check = (m: Readonly<Model>) => !this.onlyWhenAppealed || m.phase === "appealed"
  run(m: Model, r: Real) {
    const outcome = decide(m, r, {
      _tag: "DecideAppeal",
      ratingId: r.state.ratingId === "" ? "C1.online" : r.state.ratingId,
      upheld: this.upheld,
      reasons: "reviewed the recording",
    })
    if (m.phase === "appealed") {
      count(`DecideAppeal(${this.upheld ? "upheld" : "dismissed"})`)
      expect(Result.isSuccess(outcome)).toBe(true)
      m.phase = this.upheld ? "excluded" : m.resumeAt!
    } else {
      count("DecideAppeal_Err(phase)")
      expect(Result.isFailure(outcome) && outcome.failure._tag).toBe("NotInPhase")
    }
    agree(m, r)
  }
  toString = () => `DecideAppeal(${this.upheld})`
}

/** A second rating on the same stream is always refused: nobody alters a rating. */
export class GiveAgain_Err implements Cmd {
  check = (m: Readonly<Model>) => m.phase !== "new" && m.phase !== "invited"
  run(m: Model, r: Real) {
    count("GiveAgain_Err")
    const outcome = decide(m, r, { _tag: "GiveRating", ratingId: r.state.ratingId, level: 1, channel: "pc" })
    expect(Result.isFailure(outcome) && outcome.failure._tag).toBe("NotInPhase")
    agree(m, r)
  }
  toString = () => "GiveAgain_Err"
}
