/**
 * The OpenAPI request schemas say what the runtime's decoder says: every well-formed command of
 * every aggregate (the runtime's samples) is valid under its route's body schema (checked with
 * ajv, JSON Schema 2020-12), with or without `_tag`, and adding a field the command does not name
 * makes both the decoder and the schema refuse it.
 */
import { fc, test } from "@fast-check/vitest"
import { Input } from "@yiciban/runtime"
import { Ajv2020 } from "ajv/dist/2020.js"
import { Result } from "effect"
import { describe, expect } from "vitest"
import { aggregatesWithSamples } from "../../runtime/test/samples.ts"
import { OpenApi } from "../src/index.ts"

const document = OpenApi.document(aggregatesWithSamples.map((entry) => entry.aggregate)) as unknown as {
  components: { schemas: Record<string, unknown> }
}
const ajv = new Ajv2020({ strict: false, allErrors: false })
ajv.addSchema({ $id: "yiciban", components: document.components })
const validators = new Map<string, ReturnType<typeof ajv.compile>>()
const validatorOf = (name: string) => {
  let validate = validators.get(name)
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `yiciban#/components/schemas/${name}` })
    validators.set(name, validate)
  }
  return validate
}

const sample = fc
  .constantFrom(...aggregatesWithSamples)
  .chain((entry) => fc.record({ entry: fc.constant(entry), command: fc.constantFrom(...entry.samples) }))
const extra = fc.string({ minLength: 1, maxLength: 12 })

describe("the request schemas agree with the decoder", () => {
  test.prop([sample, fc.boolean()], { numRuns: 200 })(
    "a command the decoder takes is valid under its route's body schema, with or without _tag",
    ({ entry, command }, withTag) => {
      expect(Result.isSuccess(Input.decodeCommand(entry.aggregate, command))).toBe(true)
      const { _tag, ...fields } = command
      const validate = validatorOf(`${entry.aggregate.name}.${_tag}`)
      const valid = validate(withTag ? command : fields)
      expect([_tag, valid, validate.errors ?? null]).toEqual([_tag, true, null])
    },
  )

  test.prop([sample, extra, fc.jsonValue({ maxDepth: 2 })], { numRuns: 200 })(
    "a field the command does not name is refused by both",
    ({ entry, command }, key, value) => {
      fc.pre(!Object.hasOwn(command, key))
      const forged = { ...command, [key]: value }
      expect(Result.isFailure(Input.decodeCommand(entry.aggregate, forged))).toBe(true)
      expect(validatorOf(`${entry.aggregate.name}.${command._tag}`)(forged)).toBe(false)
    },
  )
})
