/**
 * One Schema parser per schema, made once: `Schema.decodeUnknownResult(schema)` and
 * `encodeUnknownResult(schema)` build a parser every time they are called, which on the command
 * path (every command decoded, every new event encoded, every read event and snapshot decoded) was
 * paid per call. The parsers are kept by schema object, so a schema no longer used is collected
 * with its parser. Parse options are given per call, as before.
 */
import * as Schema from "effect/Schema"

type Decodable = Schema.ConstraintDecoder<unknown>
type Encodable = Schema.ConstraintEncoder<unknown>
type Decoder<S extends Decodable> = ReturnType<typeof Schema.decodeUnknownResult<S>>
type Encoder<S extends Encodable> = ReturnType<typeof Schema.encodeUnknownResult<S>>

const decoders = new WeakMap<Decodable, Decoder<Decodable>>()
const encoders = new WeakMap<Encodable, Encoder<Encodable>>()

/** `Schema.decodeUnknownResult(schema)`, made once per schema. */
export const decoderOf = <S extends Decodable>(schema: S): Decoder<S> => {
  let decoder = decoders.get(schema)
  if (decoder === undefined) {
    decoder = Schema.decodeUnknownResult(schema) as Decoder<Decodable>
    decoders.set(schema, decoder)
  }
  return decoder as Decoder<S>
}

/** `Schema.encodeUnknownResult(schema)`, made once per schema. */
export const encoderOf = <S extends Encodable>(schema: S): Encoder<S> => {
  let encoder = encoders.get(schema)
  if (encoder === undefined) {
    encoder = Schema.encodeUnknownResult(schema) as Encoder<Encodable>
    encoders.set(schema, encoder)
  }
  return encoder as Encoder<S>
}
