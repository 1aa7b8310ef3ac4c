/**
 * Secure random bytes drawn from a pool: `fill` (the platform's CSPRNG) is called for `poolSize`
 * bytes at a time instead of once per request, which is most of what making an event id cost
 * (`getRandomValues` for 16 bytes is a call into the platform per id). Every byte is handed out
 * once, as a fresh array the caller owns, and wiped from the pool as it is handed out; a request
 * larger than the pool is filled on its own. Node's `crypto.randomUUID` keeps the same kind of
 * cache.
 */
export const makeRandomPool = (
  fill: (bytes: Uint8Array<ArrayBuffer>) => unknown,
  poolSize: number,
): ((size: number) => Uint8Array) => {
  let pool = new Uint8Array(0)
  let offset = 0
  return (size) => {
    if (size > poolSize) {
      const bytes = new Uint8Array(size)
      fill(bytes)
      return bytes
    }
    if (offset + size > pool.length) {
      pool = new Uint8Array(poolSize)
      fill(pool)
      offset = 0
    }
    const bytes = pool.slice(offset, offset + size)
    pool.fill(0, offset, offset + size)
    offset += size
    return bytes
  }
}
