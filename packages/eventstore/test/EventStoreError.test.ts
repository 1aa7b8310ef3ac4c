import { fc, it as prop } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { EventStoreError, ExpectedVersion } from "../src/index.ts"

describe("EventStoreError", () => {
  it("messages name the stream and the facts of the error", () => {
    const conflict = new EventStoreError.VersionConflict({
      stream: "application-1",
      expected: ExpectedVersion.exact(3),
      actual: 5,
    })
    expect(conflict.message).toBe("application-1: expected exact(3), actual version 5")
    expect(String(conflict)).toContain("VersionConflict")
    const tooLarge = new EventStoreError.EventTooLarge({
      stream: "application-1",
      index: 2,
      eventId: "e",
      size: 2000,
      maxSize: 1024,
    })
    expect(tooLarge.message).toBe("application-1: event 2 (e) has 2000 bytes, over the limit of 1024")
    const unavailable = new EventStoreError.StoreUnavailable({
      operation: "append",
      cause: new Error("connection reset"),
    })
    expect(unavailable.message).toBe("append: the store is unavailable: connection reset")
    expect(new EventStoreError.StoreUnavailable({ operation: "readAll", cause: { message: "gone" } }).message).toBe(
      "readAll: the store is unavailable: gone",
    )
  })

  prop.prop([fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true })])(
    "describing a store failure never fails, whatever its cause (a null prototype, a toString that is not a function)",
    (cause) => {
      const message = new EventStoreError.StoreUnavailable({ operation: "append", cause }).message
      expect(message.startsWith("append: the store is unavailable: ")).toBe(true)
      expect(message).toBe(`append: the store is unavailable: ${EventStoreError.describeCause(cause)}`)
    },
  )

  it("describeCause: an error's message, an object's message, else its text or its tag", () => {
    expect(EventStoreError.describeCause(new Error("connection reset"))).toBe("connection reset")
    expect(EventStoreError.describeCause({ message: "gone" })).toBe("gone")
    expect(EventStoreError.describeCause("ECONNREFUSED")).toBe("ECONNREFUSED")
    expect(EventStoreError.describeCause(Object.create(null))).toBe("[object Object]")
  })
})
