/**
 * This build's append statements with the hash chain's link replaced by a constant: what the
 * chain's write costs, every other part of the build the same (the head read, the time, the
 * columns). Used by `batchLinkCpu.ts`, `backendFaults.ts` and `chain.ts` (its `unchained`
 * contender, which must not check the chain on read: its hashes are all one byte).
 */
import type pg from "pg"
import * as Sql from "../src/internal/sql.ts"
import { statementName } from "../src/internal/statementName.ts"

const constant = "'\\x00'::bytea"

/** `appendOne` with `sha256(head ‖ preimage)` replaced by a constant. */
export const unlinkedAppendOne = (statement: string): string => {
  const replaced = statement.replace(/pg_catalog\.sha256\(c\.hash \|\| [\s\S]*?\n {2}FROM \(/, `${constant}\n  FROM (`)
  if (replaced === statement) throw new Error("unlinkedAppendOne: the link was not found")
  return replaced
}

/** `appendMany` (or an inline statement made of it) with the batch's link replaced by a constant. */
export const unlinkedAppendMany = (statement: string): string => {
  const replaced = statement.replace(
    /link AS MATERIALIZED \(\n {2}SELECT [\s\S]*?\n\),\nwritten AS/,
    `link AS MATERIALIZED (\n  SELECT ${constant} AS hash\n),\nwritten AS`,
  )
  if (replaced === statement) throw new Error("unlinkedAppendMany: the link was not found")
  return replaced
}

/**
 * `pool` as a store on `schema` sees it, except that the texts of that schema's `appendOne` and
 * `appendMany` are sent unlinked (same statement names: each is always sent with the same text).
 */
export const unlinkedPool = (pool: pg.Pool, schema: string): pg.Pool => {
  const statements = Sql.statements(schema)
  const texts = new Map([
    [statements.appendOne, unlinkedAppendOne(statements.appendOne)],
    [statements.appendMany, unlinkedAppendMany(statements.appendMany)],
  ])
  const appendNames = new Set([statementName(schema, "appendOne"), statementName(schema, "appendMany")])
  const rewrite = (config: unknown) => {
    if (typeof config !== "object" || config === null) return config
    const { name, text } = config as { name?: string; text?: string }
    const unlinked = texts.get(text ?? "")
    if (unlinked !== undefined) return { ...config, text: unlinked }
    // The store's append under another text: the built package is not these sources (build first).
    if (name !== undefined && appendNames.has(name)) {
      throw new Error(
        `unlinkedPool: ${name} is not this build's statement; build the package (dist/) from these sources`,
      )
    }
    return config
  }
  // One wrapper per connection, so that what the store keeps per connection (`settleAllocator`) holds.
  const wrappers = new WeakMap<pg.PoolClient, pg.PoolClient>()
  const client = (real: pg.PoolClient): pg.PoolClient => {
    let wrapper = wrappers.get(real)
    if (wrapper === undefined) {
      wrapper = new Proxy(real, {
        get: (target, key, receiver) =>
          key === "query"
            ? (config: unknown, ...rest: Array<unknown>) =>
                (target.query as (...args: Array<unknown>) => unknown)(rewrite(config), ...rest)
            : Reflect.get(target, key, receiver),
      })
      wrappers.set(real, wrapper)
    }
    return wrapper
  }
  return new Proxy(pool, {
    get: (target, key, receiver) => {
      if (key === "connect") {
        return (callback?: (error: Error | undefined, c: pg.PoolClient | undefined, done: unknown) => void) =>
          callback === undefined
            ? target.connect().then(client)
            : target.connect((error, c, done) => callback(error, c === undefined ? c : client(c), done))
      }
      if (key === "query") {
        return (config: unknown, ...rest: Array<unknown>) =>
          (target.query as (...args: Array<unknown>) => unknown)(rewrite(config), ...rest)
      }
      const value = Reflect.get(target, key, receiver)
      return typeof value === "function" ? value.bind(target) : value
    },
  })
}
