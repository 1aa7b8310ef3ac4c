import { fc, test } from "@fast-check/vitest"
import { Effect, Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { EventEnvelope, EventStoreError, EventValidation, ExpectedVersion, StreamName } from "../src/index.ts"

const metadata: EventEnvelope.EventMetadata = {
  commandId: "cmd-1",
  correlationId: "cmd-1",
  causationId: "cmd-1",
  actor: { id: "clerk-0042", roles: ["windowClerk"] },
  occurredAt: "2026-09-24T01:30:00.000Z",
}
const eventId = (n: number) => `0190f0c8-8d6b-7c3e-9a51-${n.toString(16).padStart(12, "0")}`
const event = (n: number, data: Schema.Json): EventEnvelope.NewEvent => ({
  eventId: eventId(n),
  type: "ApplicationSubmitted",
  schemaVersion: 1,
  data,
  metadata,
})

/** The checks as they were written first, with the schemas only: what the fast path must match. */
const decodeEvent = Schema.decodeUnknownResult(EventEnvelope.NewEvent)
const decodeExpected = Schema.decodeUnknownResult(ExpectedVersion.ExpectedVersion)
const reference = (
  stream: string,
  events: ReadonlyArray<unknown>,
  expected: unknown,
  maxEventSize: number,
): Result.Result<EventValidation.AppendRequest, EventStoreError.AppendError> => {
  const name = StreamName.parse(stream)
  if (Result.isFailure(name)) return Result.fail(name.failure)
  const expectation = decodeExpected(expected)
  if (Result.isFailure(expectation)) {
    return Result.fail(
      new EventStoreError.InvalidArgument({
        operation: "append",
        reason: `expected version: ${expectation.failure.message}`,
      }),
    )
  }
  const encoder = new TextEncoder()
  const decoded: Array<EventEnvelope.NewEvent> = []
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (let index = 0; index < events.length; index++) {
    const result = decodeEvent(events[index], { onExcessProperty: "ignore" })
    if (Result.isFailure(result)) {
      return Result.fail(new EventStoreError.InvalidEvent({ stream, index, reason: result.failure.message }))
    }
    const event = result.success
    const size =
      encoder.encode(JSON.stringify(event.data)).length + encoder.encode(JSON.stringify(event.metadata)).length
    if (size > maxEventSize) {
      return Result.fail(
        new EventStoreError.EventTooLarge({ stream, index, eventId: event.eventId, size, maxSize: maxEventSize }),
      )
    }
    if (seen.has(event.eventId)) repeated.add(event.eventId)
    seen.add(event.eventId)
    decoded.push(event)
  }
  if (repeated.size > 0) {
    return Result.fail(
      new EventStoreError.DuplicateEventId({ stream, eventIds: [...repeated], reason: "RepeatedInBatch" }),
    )
  }
  return Result.succeed({ stream: name.success, events: decoded, expected: expectation.success })
}

// Valid events in many shapes, then, half of the time, one field replaced by a value that may or
// may not be valid for it.
const optional = (key: string, value: fc.Arbitrary<unknown>) =>
  fc.option(value, { nil: undefined, freq: 2 }).map((v) => (v === undefined ? {} : { [key]: v }))
const text = fc.string({
  unit: fc.constantFrom("a", "Z", "0", "-", " ", "办", "😀", "\u0000", "\ud800", "é"),
  maxLength: 40,
})
const idArb = fc.string({ unit: fc.constantFrom("a", "0", "-", "办", "😀"), minLength: 1, maxLength: 20 })
const instantArb = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
  .map((d) => d.toISOString())
const validActor = fc
  .tuple(
    fc.record({ id: text, roles: fc.array(fc.constantFrom("windowClerk", "system", "办"), { maxLength: 3 }) }),
    optional("authority", text),
    optional("region", text),
    optional("extra", fc.anything()),
  )
  .map((parts) => Object.assign({}, ...parts))
const validMetadata = fc
  .tuple(
    fc.record({
      commandId: idArb,
      correlationId: idArb,
      causationId: idArb,
      actor: validActor,
      occurredAt: fc.oneof(fc.constant(metadata.occurredAt), instantArb),
    }),
    optional("extra", fc.anything()),
  )
  .map(([a, b]) => ({ ...b, ...a }))
const validData = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
  fc.dictionary(text, text),
  text,
)
const validEvent = fc
  .tuple(
    fc.record({
      eventId: fc.uuid().filter((u) => /^[0-9a-f-]+$/.test(u) && /^.{14}[1-8].{4}[89ab]/.test(u)),
      type: fc.constantFrom("ApplicationSubmitted", "a.b:c-d_e", "X"),
      schemaVersion: fc.integer({ min: 1, max: 2_147_483_647 }),
      data: validData,
      metadata: validMetadata,
    }),
    optional("extra", fc.anything()),
  )
  .map(([a, b]) => ({ ...b, ...a }))
const cyclic: Record<string, unknown> = { a: 1 }
cyclic.self = cyclic
let deep: unknown = 1
for (let i = 0; i < 100; i++) deep = [deep]
const badValue = fc.oneof(
  instantArb.chain((at) =>
    fc.constantFrom(at.replace("Z", "+08:00"), at.replace("Z", ""), at.slice(0, 10), at.toLowerCase()),
  ),
  fc.anything({
    withNullPrototype: true,
    withBoxedValues: true,
    withDate: true,
    withSparseArray: true,
    withObjectString: true,
  }),
  fc.constantFrom<unknown>(
    undefined,
    null,
    "",
    0,
    -1,
    1.5,
    2_147_483_648,
    Number.NaN,
    -0,
    "x".repeat(201),
    "not-a-uuid",
    "0190F0C8-8D6B-7C3E-9A51-6F2B0E8C1D2A",
    "has space",
    "2026-02-30T01:30:00.000Z",
    "2026-09-24T01:30:00",
    "2026-09-24T01:30:00+08:00",
    "9999-12-31T23:59:60.000Z",
    new Date(0),
    () => 1,
    cyclic,
    deep,
    [cyclic],
    { n: Number.NaN },
    { at: new Date(0) },
    Object.create({ inherited: 1 }),
    Object.create(null),
    ["root"],
    ["windowClerk", "root"],
    [undefined],
    "windowClerk",
  ),
)
const paths: ReadonlyArray<ReadonlyArray<string>> = [
  [],
  ["eventId"],
  ["type"],
  ["schemaVersion"],
  ["data"],
  ["data", "x"],
  ["metadata"],
  ["metadata", "commandId"],
  ["metadata", "correlationId"],
  ["metadata", "causationId"],
  ["metadata", "occurredAt"],
  ["metadata", "actor"],
  ["metadata", "actor", "id"],
  ["metadata", "actor", "roles"],
  ["metadata", "actor", "authority"],
  ["metadata", "actor", "region"],
]
const setPath = (value: unknown, path: ReadonlyArray<string>, to: unknown): unknown => {
  if (path.length === 0) return to
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value
  const [head, ...rest] = path
  return { ...value, [head!]: setPath((value as Record<string, unknown>)[head!], rest, to) }
}
const eventArb = fc.oneof(
  { weight: 3, arbitrary: validEvent },
  fc.tuple(validEvent, fc.constantFrom(...paths), badValue).map(([event, path, to]) => setPath(event, path, to)),
)
const expectedArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(ExpectedVersion.any, ExpectedVersion.noStream, ExpectedVersion.streamExists),
  },
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 2 ** 53 }).map((version) => ({ _tag: "Exact", version })) },
  fc.constantFrom({ _tag: "Exact", version: 1.5 }, { _tag: "Exact" }, { _tag: "Latest" }, null, "Any", {
    _tag: "Any",
    extra: 1,
  }),
)

/** Equal values, and the same key order all the way down (JSON.stringify sees key order). */
const expectSame = (actual: unknown, expected: unknown) => {
  expect(actual).toStrictEqual(expected)
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
}

describe("EventValidation", () => {
  test.prop([
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  ])("utf8Length counts the bytes Buffer.byteLength counts, lone surrogates included", (wellFormed, anyUnits) => {
    expect(EventValidation.utf8Length(wellFormed)).toBe(Buffer.byteLength(wellFormed))
    expect(EventValidation.utf8Length(anyUnits)).toBe(Buffer.byteLength(anyUnits))
    expect(EventValidation.utf8Length(anyUnits)).toBe(new TextEncoder().encode(anyUnits).length)
  })

  it("an event over the limit with Chinese text and an emoji is EventTooLarge with its exact byte size", () => {
    const data = { name: "李雷", note: "申请营业执照，材料齐全 👍🏽", emoji: "😀" }
    const size = Buffer.byteLength(JSON.stringify(data)) + Buffer.byteLength(JSON.stringify(metadata))
    const big = event(1, data)
    expect(EventValidation.eventSize(big)).toBe(size)
    const atLimit = EventValidation.checkAppend("application-1", [big], ExpectedVersion.any, { maxEventSize: size })
    expect(Result.isSuccess(atLimit)).toBe(true)
    const over = Effect.runSync(
      Effect.flip(
        EventValidation.appendRequest("application-1", [event(2, {}), big], ExpectedVersion.any, {
          maxEventSize: size - 1,
        }),
      ),
    )
    expect(over).toStrictEqual(
      new EventStoreError.EventTooLarge({
        stream: "application-1",
        index: 1,
        eventId: big.eventId,
        size,
        maxSize: size - 1,
      }),
    )
  })

  it("hands back each event's data and metadata as JSON.stringify writes them", () => {
    const events = [event(1, { text: "办😀", n: 1 }), event(2, [1, "x", null])]
    const checked = Result.getOrThrow(
      EventValidation.checkAppend("application-1", events, ExpectedVersion.any, { maxEventSize: 1024 }),
    )
    expect(checked.serialized).toStrictEqual(
      events.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) })),
    )
  })

  test.prop(
    [
      fc.array(eventArb, { maxLength: 4 }),
      expectedArb,
      fc.integer({ min: 100, max: 3000 }),
      fc.boolean(),
      fc.boolean(),
    ],
    {
      numRuns: 2000,
    },
  )(
    "checkAppend answers what the schemas alone answer: the same events, key order included, or the same error",
    (generated, expected, maxEventSize, repeat, share) => {
      // events sharing one metadata object, as the events of one command do
      const first = generated[0]
      const shared =
        typeof first === "object" && first !== null ? (first as { metadata?: unknown }).metadata : undefined
      const events = share
        ? generated.map((e) => (typeof e === "object" && e !== null ? { ...e, metadata: shared } : e))
        : generated
      const batch = repeat && events.length > 0 ? [...events, events[0]] : events
      const actual = EventValidation.checkAppend("application-1", batch, expected, { maxEventSize })
      const wanted = reference("application-1", batch, expected, maxEventSize)
      if (Result.isFailure(wanted)) {
        expect(Result.isFailure(actual) ? actual.failure : "success").toStrictEqual(wanted.failure)
        return
      }
      expect(Result.isSuccess(actual)).toBe(true)
      const checked = Result.getOrThrow(actual)
      expectSame(checked.events, wanted.success.events)
      expectSame(checked.expected, wanted.success.expected)
      expect(checked.stream).toBe(wanted.success.stream)
      expect(checked.serialized).toStrictEqual(
        wanted.success.events.map((e) => ({ data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) })),
      )
    },
  )
})
