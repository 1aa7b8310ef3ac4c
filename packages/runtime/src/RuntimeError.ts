/**
 * The typed errors of the runtime. A command either appends its events or fails with one of
 * these (or a store error) and appends nothing. Every one is an `Error` with a `_tag`, a one-line
 * `message` naming what was refused and why, and its details as fields.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const maxDetail = 240

/** A value in one line, cut at `maxDetail` characters. */
const brief = (value: unknown): string => {
  let text: string
  try {
    text = typeof value === "string" ? value : JSON.stringify(value)
  } catch {
    text = String(value)
  }
  text = (text ?? String(value)).replace(/\s+/g, " ")
  return text.length > maxDetail ? `${text.slice(0, maxDetail - 1)}…` : text
}

/**
 * A rejection as one line: its tag (the rule) and its fields, e.g.
 * `MaterialsIncomplete (missing: ["M01","M02"])`.
 *
 * @example
 * ```ts
 * import { RuntimeError } from "@yiciban/runtime"
 *
 * RuntimeError.describeRejection({ _tag: "TooLate", deadline: "2026-10-09" }) // "TooLate (deadline: 2026-10-09)"
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const describeRejection = (rejection: unknown): string => {
  if (typeof rejection !== "object" || rejection === null) return brief(rejection)
  const { _tag, ...fields } = rejection as { readonly _tag?: unknown; readonly [key: string]: unknown }
  const parts = Object.entries(fields).map(([key, value]) => `${key}: ${brief(value)}`)
  const tag = typeof _tag === "string" ? _tag : "rejection"
  const line = parts.length === 0 ? tag : `${tag} (${parts.join(", ")})`
  return line.length > 2 * maxDetail ? `${line.slice(0, 2 * maxDetail - 1)}…` : line
}

/**
 * The aggregate's `decide` refused the command: `rejection` is the aggregate's own tagged
 * rejection (data, e.g. `{ _tag: "TooEarly", … }`), named in the message with its fields.
 * Nothing was appended.
 *
 * @example
 * ```ts
 * import { RuntimeError } from "@yiciban/runtime"
 *
 * const error = new RuntimeError.CommandRejected({
 *   aggregate: "application",
 *   stream: "application-0001",
 *   command: "AcceptApplication",
 *   commandId: "cmd-1",
 *   rejection: { _tag: "NotAllowedInPhase" },
 * })
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export class CommandRejected extends Schema.TaggedError<CommandRejected>()("CommandRejected", {
  aggregate: Schema.String,
  stream: Schema.String,
  command: Schema.String,
  commandId: Schema.String,
  rejection: Schema.Any,
}) {
  override get message(): string {
    return `${this.stream}: ${this.command} refused: ${describeRejection(this.rejection)}`
  }
}

/**
 * The actor may not issue the command or read the instance:
 *
 * - `role`: none of its roles may issue the command;
 * - `owner`: an applicant or agent acting on a case of a subject it does not act for;
 * - `authority`: staff of another authority or region than the matter's on the day;
 * - `jurisdiction`: a supervisor or catalogue administrator outside its region or authority;
 * - `system`: the actor claims the `system` role, which only the runtime's scheduler and process
 *   managers hold.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotPermitted extends Schema.TaggedError<NotPermitted>()("NotPermitted", {
  stream: Schema.String,
  command: Schema.String,
  actorId: Schema.String,
  reason: Schema.Literals(["role", "owner", "authority", "jurisdiction", "system"]),
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.actorId} may not ${this.command === "read" ? "read" : `issue ${this.command} on`} ${this.stream}: ${this.detail}`
  }
}

/**
 * The command is not one the aggregate takes: an unknown `_tag`, a field missing, of the wrong
 * type, not allowed (`path` names it) or text the store cannot keep (a NUL character, a lone
 * surrogate). Nothing was appended.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  aggregate: Schema.String,
  detail: Schema.String,
  path: Schema.optionalKey(Schema.String),
}) {
  override get message(): string {
    return `${this.aggregate}: ${this.path === undefined ? "" : `at ${this.path}: `}${this.detail}`
  }
}

/**
 * The actor the host handed over is not one: not an object, a field missing or of the wrong type,
 * unknown fields, or a `system` role (`path` names the field).
 *
 * @category errors
 * @since 0.2.0
 */
export class InvalidActor extends Schema.TaggedError<InvalidActor>()("InvalidActor", {
  detail: Schema.String,
  path: Schema.optionalKey(Schema.String),
}) {
  override get message(): string {
    return `invalid actor: ${this.path === undefined ? "" : `at ${this.path}: `}${this.detail}`
  }
}

/**
 * The command names another instance than the one it was sent to (its `caseNo`, matter code or
 * subject is not the instance's id). Nothing was appended.
 *
 * @category errors
 * @since 0.2.0
 */
export class WrongInstance extends Schema.TaggedError<WrongInstance>()("WrongInstance", {
  aggregate: Schema.String,
  addressed: Schema.String,
  named: Schema.String,
  command: Schema.String,
}) {
  override get message(): string {
    return `${this.command} names ${this.aggregate} ${this.named} but was sent to ${this.addressed}`
  }
}

/**
 * Nothing is recorded for the instance a read asked for.
 *
 * @category errors
 * @since 0.2.0
 */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  aggregate: Schema.String,
  id: Schema.String,
}) {
  override get message(): string {
    return `no ${this.aggregate} ${this.id}`
  }
}

/**
 * The options given to `createYiciban` are not usable (`path` names the option).
 *
 * @category errors
 * @since 0.2.0
 */
export class InvalidOptions extends Schema.TaggedError<InvalidOptions>()("InvalidOptions", {
  path: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `createYiciban: ${this.path}: ${this.detail}`
  }
}

/**
 * A stored event could not be read back: its type is unknown to the aggregate, its schema version
 * is not the one the aggregate reads, or its data does not decode.
 *
 * @category errors
 * @since 0.1.0
 */
export class UnreadableEvent extends Schema.TaggedError<UnreadableEvent>()("UnreadableEvent", {
  stream: Schema.String,
  streamVersion: Schema.Number,
  type: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.stream}@${this.streamVersion} (${this.type}): ${this.detail}`
  }
}

/**
 * Other writers kept appending to the stream: the command was decided again `attempts` times and
 * each time lost the race. Nothing was appended; sending it again is safe.
 *
 * @category errors
 * @since 0.1.0
 */
export class TooMuchContention extends Schema.TaggedError<TooMuchContention>()("TooMuchContention", {
  stream: Schema.String,
  attempts: Schema.Number,
}) {
  override get message(): string {
    return `${this.stream}: gave up after ${this.attempts} version conflicts`
  }
}

/**
 * The runtime's read models (case list, due timers) could not be read or written; when it
 * happens on a command, the events were not appended either.
 *
 * @category errors
 * @since 0.1.0
 */
export class ReadModelUnavailable extends Schema.TaggedError<ReadModelUnavailable>()("ReadModelUnavailable", {
  operation: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.operation}: ${this.detail}`
  }
}

/**
 * Something failed that is not one of the typed errors above: a bug in Yiciban or in code the
 * host plugged in. `detail` is the first line of what happened.
 *
 * @category errors
 * @since 0.2.0
 */
export class Defect extends Schema.TaggedError<Defect>()("Defect", {
  detail: Schema.String,
}) {
  override get message(): string {
    return `unexpected failure: ${this.detail}`
  }
}

/**
 * Personal data would have been stored unprotected: an event, a case row or the recorded actor
 * holds a person's data and no `Keyring` is provided (give the store a secret), an aggregate
 * declared a personal field its event does not have, or the person's stored key does not unwrap
 * (wrapped under another secret, or its row altered) so nothing can be sealed under it. Nothing
 * was appended.
 *
 * @category errors
 * @since 0.2.0
 */
export class PersonalDataUnprotected extends Schema.TaggedError<PersonalDataUnprotected>()("PersonalDataUnprotected", {
  stream: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.stream}: personal data cannot be stored unprotected: ${this.detail}`
  }
}
