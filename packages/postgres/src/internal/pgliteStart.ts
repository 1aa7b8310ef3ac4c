/**
 * How the store starts PGlite: its start parameters with the shared buffers the store asks for
 * (`PgliteOptions.sharedBuffers`, default `defaultSharedBuffers`), checked first. The tests and
 * the benchmarks start their own PGlite instances through it, as the store does.
 */
import { PGlite } from "@electric-sql/pglite"

/** The `shared_buffers` of a database the store opens, unless `sharedBuffers` says otherwise. */
export const defaultSharedBuffers = "32MB"

const memoryUnits = { kB: 1, MB: 1024, GB: 1024 * 1024 } as const

/** PGlite's start parameters with `shared_buffers`, or why the size is refused. */
export const startParams = (sharedBuffers: string = defaultSharedBuffers): Array<string> | string => {
  const match = /^([1-9][0-9]{0,9})(kB|MB|GB)$/.exec(sharedBuffers)
  if (match === null) return `sharedBuffers: "${sharedBuffers}" is not a size in kB, MB or GB (e.g. "32MB")`
  const kilobytes = Number(match[1]) * memoryUnits[match[2] as keyof typeof memoryUnits]
  if (kilobytes < 128) return `sharedBuffers: "${sharedBuffers}" is below PostgreSQL's least, 128kB`
  if (kilobytes > 1024 * 1024) return `sharedBuffers: "${sharedBuffers}" is above 1GB, more than PGlite's memory holds`
  return [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`]
}

/** `startParams` for a size known to be good (the tests', the benchmarks'); throws otherwise. */
export const checkedStartParams = (sharedBuffers?: string): Array<string> => {
  const params = startParams(sharedBuffers)
  if (typeof params === "string") throw new Error(params)
  return params
}
