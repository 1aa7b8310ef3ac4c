/**
 * Names of the prepared statements a store uses. PostgreSQL (and PGlite) keep at most 63 bytes of
 * a statement's name: longer names are cut, and two cut to the same 63 bytes would be one
 * statement (`prepared statement … already exists`, or the wrong text run). A schema name may have
 * 63 characters, so a name that would be longer is made short with a digest of the schema and the
 * statement.
 */
import { createHash } from "node:crypto"

/** The longest name PostgreSQL keeps whole (NAMEDATALEN − 1 bytes). */
export const maxNameLength = 63

/**
 * `yiciban_<schema>_<statement>` when it fits in 63 bytes; else `yiciban_<32 hex digits of
 * SHA-256(schema, statement)>_<as much of the statement as fits>`, one name per schema and
 * statement.
 */
export const statementName = (schema: string, statement: string): string => {
  const plain = `yiciban_${schema}_${statement}`
  if (Buffer.byteLength(plain, "utf8") <= maxNameLength) return plain
  const digest = createHash("sha256").update(`${schema}\u0000${statement}`).digest("hex").slice(0, 32)
  return `yiciban_${digest}_${statement}`.slice(0, maxNameLength)
}
