/**
 * The trust boundary (issue 11): the host authenticates and builds the actor; the command is only
 * what that actor asserts. For every aggregate and every command, a command sent to another
 * instance than the one it names, or carrying a field the runtime looks up itself (the matter's
 * terms, a credit standing, …), is refused typed and appends nothing. And the findings of the
 * review, each reproduced: forged matter terms, a case written to another case's stream, a credit
 * entry recorded on another enterprise's stream.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { Aggregates, CommandHandler, Input, RuntimeStore } from "../src/index.ts"
import { system } from "../src/internal/system.ts"
import { admin, applicant, clerk, elements, matterCode, restaurant } from "./fixtures.ts"
import {
  aggregatesWithSamples,
  applicationSamples,
  caseNo,
  creditSamples,
  licenceSamples,
  matterSamples,
  ratingSamples,
} from "./samples.ts"
import { failureOf, onDay, publishMatter, submitCase, successOf } from "./support.ts"

const tagsOf = (schema: unknown) =>
  ((schema as { members: ReadonlyArray<{ fields: { _tag: { ast: { literal: string } } } }> }).members ?? []).map(
    (member) => member.fields._tag.ast.literal,
  )

describe("the samples", () => {
  it("cover every command of every core aggregate, and each decodes strictly", () => {
    for (const { aggregate, samples } of aggregatesWithSamples) {
      expect(samples.map((s) => s._tag).sort()).toEqual([...tagsOf(aggregate.commandSchema)].sort())
      for (const sample of samples) {
        const decoded = Input.decodeCommand(aggregate, sample)
        expect(decoded._tag === "Success" ? "ok" : decoded.failure.message).toBe("ok")
      }
    }
    expect(
      applicationSamples.length +
        matterSamples.length +
        creditSamples.length +
        licenceSamples.length +
        ratingSamples.length,
    ).toBe(62)
  })
})

/** A store with the matter published and the case `B-1` submitted, and how many events it holds. */
const prepared = async () => {
  const storage = RuntimeStore.makeMemoryStorage()
  successOf(await onDay(storage, "2026-09-01", publishMatter()))
  successOf(await onDay(storage, "2026-09-24", submitCase(caseNo)))
  return storage
}

/** Every kind of principal a command can come from, including the runtime's own capability. */
const principals = [admin, clerk, restaurant, system("yiciban-scheduler")]

/** Fields a caller might add to pass off what the runtime must look up itself. */
const forgedFields = [
  "matter",
  "creditStanding",
  "facts",
  "state",
  "version",
  "licence",
  "grant",
  "rescission",
  "sharedData",
  "payeeAccount",
  "actor",
  "now",
  "authority",
]

const sample = fc
  .constantFrom(...aggregatesWithSamples)
  .chain((entry) => fc.record({ entry: fc.constant(entry), command: fc.constantFrom(...entry.samples) }))

describe("the trust boundary", () => {
  test.prop([sample, fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom(...principals)], { numRuns: 300 })(
    "a command sent to another instance than the one it names is WrongInstance and appends nothing",
    async ({ entry, command }, other, principal) => {
      fc.pre(other !== entry.id)
      const storage = await prepared()
      const before = storage.events.events.length
      const exit = await onDay(
        storage,
        "2026-09-25",
        CommandHandler.handle(entry.aggregate as never, other, command, principal),
      )
      expect(failureOf(exit)).toMatchObject({ _tag: "WrongInstance", addressed: other, named: entry.id })
      expect(storage.events.events.length).toBe(before)
    },
  )

  /** The sample with a field added at the top or inside one of its objects. */
  const forged = sample.chain(({ entry, command }) => {
    const objectPaths: Array<ReadonlyArray<string>> = [[]]
    for (const [key, value] of Object.entries(command)) {
      if (typeof value === "object" && value !== null && !Array.isArray(value)) objectPaths.push([key])
    }
    return fc.record({
      entry: fc.constant(entry),
      command: fc.constant(command),
      path: fc.constantFrom(...objectPaths),
      field: fc.oneof(fc.constantFrom(...forgedFields), fc.string({ minLength: 1, maxLength: 12 })),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(elements), fc.constant({ status: "clean" })),
    })
  })
  test.prop([forged, fc.constantFrom(...principals)], { numRuns: 300 })(
    "a command carrying a field its schema does not name is InvalidCommand and appends nothing",
    async ({ entry, command, path, field, value }, principal) => {
      const target = path.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, command)
      fc.pre(!(field in target))
      const copy = structuredClone(command) as Record<string, unknown>
      const inner = path.reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy)
      inner[field] = value
      const storage = await prepared()
      const before = storage.events.events.length
      const exit = await onDay(
        storage,
        "2026-09-25",
        CommandHandler.handle(entry.aggregate as never, entry.id, copy as never, principal),
      )
      expect(failureOf(exit)).toMatchObject({
        _tag: "InvalidCommand",
        aggregate: entry.aggregate.name,
        path: [...path, field].join("."),
      })
      expect(storage.events.events.length).toBe(before)
    },
  )
})

describe("the findings of the review, reproduced", () => {
  it("forged matter terms (an empty material list) in a submission are refused; the catalogue's terms are pinned", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const forgedTerms = { ...elements, materials: [] }
    const exit = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        Aggregates.application,
        "F-1",
        {
          _tag: "SubmitApplication",
          caseNo: "F-1",
          applicant,
          matterCode,
          materials: [],
          matter: forgedTerms,
        } as never,
        restaurant,
      ),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "InvalidCommand", path: "matter" })
    expect(storage.events.streams.has("application-F-1")).toBe(false)
    // Without the forged field the case pins the catalogue's terms, three materials and all.
    const outcome = successOf(
      await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(
          Aggregates.application,
          "F-1",
          { _tag: "SubmitApplication", caseNo: "F-1", applicant, matterCode, materials: [] },
          restaurant,
        ),
      ),
    )
    expect(outcome.state.matter?.materials.map((m) => m.code)).toEqual(["SP01", "SP02", "SP03"])
  })

  it("case B sent to the stream of case A is refused: stream application-A never holds case B", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    const exit = await onDay(
      storage,
      "2026-09-24",
      CommandHandler.handle(
        Aggregates.application,
        "A",
        { _tag: "SubmitApplication", caseNo: "B", applicant, matterCode, materials: [] },
        restaurant,
      ),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "WrongInstance", addressed: "A", named: "B" })
    expect(storage.events.streams.has("application-A")).toBe(false)
  })

  it("a credit entry for one enterprise sent to another enterprise's record is refused", async () => {
    const storage = await prepared()
    const other = "91430100MA4L16JQ9D"
    const [record] = creditSamples
    const exit = await onDay(
      storage,
      "2026-09-25",
      CommandHandler.handle(Aggregates.creditRecord as never, other, record!, system("process:test")),
    )
    expect(failureOf(exit)).toMatchObject({ _tag: "WrongInstance", addressed: other, named: applicant.code })
    expect(storage.events.streams.has(`credit-${other}`)).toBe(false)
  })

  it("an unknown command tag is one short line naming the commands the aggregate takes", async () => {
    const storage = await prepared()
    const exit = await onDay(
      storage,
      "2026-09-25",
      CommandHandler.handle(Aggregates.application, caseNo, { _tag: "AcceptApplicationn", caseNo } as never, clerk),
    )
    const error = failureOf(exit) as Error & { path?: string }
    expect(error).toMatchObject({ _tag: "InvalidCommand", path: "_tag" })
    expect(error.message).toMatch(/^application: at _tag: unknown command "AcceptApplicationn"; application takes /)
    expect(error.message).not.toContain("\n")
    expect(error.message.length).toBeLessThan(700)
  })

  it("a field of the wrong type names the field and the rule in one line", async () => {
    const storage = await prepared()
    const exit = await onDay(
      storage,
      "2026-09-25",
      CommandHandler.handle(
        Aggregates.application,
        caseNo,
        {
          _tag: "StartSpecialProcedure",
          caseNo,
          procedure: "inspection",
          expectedWorkingDays: "three",
          reason: "x",
        } as never,
        clerk,
      ),
    )
    const error = failureOf(exit) as Error
    expect(error).toMatchObject({ _tag: "InvalidCommand", path: "expectedWorkingDays" })
    expect(error.message).toMatch(/^application: at expectedWorkingDays: Expected .*number/)
    expect(error.message).not.toContain("\n")
  })

  it("text the read models cannot keep (a NUL, a lone surrogate) is refused at the boundary, naming the field", async () => {
    const storage = RuntimeStore.makeMemoryStorage()
    successOf(await onDay(storage, "2026-09-01", publishMatter()))
    for (const [name, detail] of [
      ["湘味\u0000小厨", "contains a NUL character (U+0000)"],
      ["湘味\ud800小厨", "contains a lone surrogate (U+D800)"],
    ] as const) {
      const exit = await onDay(
        storage,
        "2026-09-24",
        CommandHandler.handle(
          Aggregates.application,
          "T-1",
          { _tag: "SubmitApplication", caseNo: "T-1", applicant: { ...applicant, name }, matterCode, materials: [] },
          restaurant,
        ),
      )
      expect(failureOf(exit)).toMatchObject({ _tag: "InvalidCommand", path: "applicant.name", detail })
    }
    expect(storage.events.streams.has("application-T-1")).toBe(false)
  })

  it("nesting past the bound is a typed refusal, not a RangeError", async () => {
    const storage = await prepared()
    let deep: unknown = "x"
    for (let i = 0; i < 10_000; i++) deep = [deep]
    const exit = await onDay(
      storage,
      "2026-09-25",
      CommandHandler.handle(
        Aggregates.application,
        caseNo,
        { _tag: "RecordReviewStep", caseNo, step: "审查", opinion: deep } as never,
        clerk,
      ),
    )
    expect(failureOf(exit)).toMatchObject({
      _tag: "InvalidCommand",
      detail: `nested deeper than ${Input.maxDepth} levels`,
    })
  })
})

describe("the actor at the boundary", () => {
  it.each([
    ["undefined", undefined, undefined],
    ["a string", "clerk-07", undefined],
    ["no roles", { id: "clerk-07" }, "roles"],
    ["an unknown role", { id: "x", roles: ["mayor"] }, "roles[0]"],
    ["an unknown field", { id: "x", roles: ["windowClerk"], admin: true }, "admin"],
    ["the system role", { id: "x", roles: ["system"] }, "roles[0]"],
    ["a blank id", { id: " ", roles: ["applicant"] }, "id"],
    ["a NUL in the id", { id: "a\u0000b", roles: ["applicant"] }, "id"],
  ])("%s is InvalidActor with a one-line message", (_, actor, path) => {
    const decoded = Input.decodeActor(actor)
    expect(decoded._tag).toBe("Failure")
    if (decoded._tag !== "Failure") return
    expect(decoded.failure._tag).toBe("InvalidActor")
    expect(decoded.failure.path).toBe(path)
    expect(decoded.failure.message).not.toContain("\n")
  })

  it("a well-formed actor decodes to itself", () => {
    const decoded = Input.decodeActor(restaurant)
    expect(decoded._tag === "Success" && decoded.success).toEqual(restaurant)
  })
})
