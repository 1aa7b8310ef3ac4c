/**
 * The typed errors of the runtime. A command either appends its events or fails with one of
 * these (or a store error) and appends nothing.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * The aggregate's `decide` refused the command: `rejection` is the aggregate's own tagged
 * rejection (data, e.g. `{ _tag: "TooEarly", … }`). Nothing was appended.
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
    const tag = (this.rejection as { _tag?: unknown } | null)?._tag
    return `${this.stream}: ${this.command} rejected (${typeof tag === "string" ? tag : "rejection"})`
  }
}

/**
 * The actor may not issue the command: it lacks every role the command names
 * (`reason: "role"`), or — for staff — its authority or region is not the matter's implementing
 * authority, nor one the matter is delegated to on that date (`reason: "authority"`). Nothing was
 * appended.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotPermitted extends Schema.TaggedError<NotPermitted>()("NotPermitted", {
  stream: Schema.String,
  command: Schema.String,
  actorId: Schema.String,
  reason: Schema.Literals(["role", "authority"]),
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.actorId} may not issue ${this.command} on ${this.stream}: ${this.detail}`
  }
}

/**
 * The command or an event did not match its schema (a command from outside, or a stored event
 * the aggregate cannot read). Nothing was appended.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidCommand extends Schema.TaggedError<InvalidCommand>()("InvalidCommand", {
  aggregate: Schema.String,
  detail: Schema.String,
}) {
  override get message(): string {
    return `${this.aggregate}: ${this.detail}`
  }
}

/**
 * A stored event could not be read back by its aggregate (unknown type, newer schema version,
 * data that does not match). The stream is left as it is.
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
 * Every attempt met a concurrent writer (`VersionConflict`): the command was decided again on
 * the reloaded stream `attempts` times and never got to append. Nothing was appended.
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
 * A read model or timer table could not be read or written (the database refused a statement).
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
