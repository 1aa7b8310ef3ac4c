/**
 * Runs `open` (PGlite's start) with a timer holding Node's event loop open until it settles.
 *
 * PGlite compiles its WebAssembly module with `WebAssembly.instantiate`, whose promise V8 settles
 * from a task of its own. Node hears of V8's tasks through an unreferenced handle, so a host with
 * nothing else open (a command, a script, a server before it listens) has no handle while it
 * waits, and the loop stops; Node then runs V8's pending tasks itself (`NodePlatform::DrainTasks`)
 * and, before each pass, waits for every background task of V8 to finish — here, the compilation of
 * the module's optimized code, which goes on long after the module runs. PGlite's start and the
 * store's checks run in V8's task, and the next turn of the loop came 100–240 ms later, the process
 * idle (a reused folder on a quiet 2-core machine; bare `PGlite.create` then a `setImmediate`:
 * 100–123 ms, 0.2 ms with a handle held). See docs/performance.md, "4 December: the idle wait, and
 * the imports". A start that never settles keeps the process alive (without the timer such a host
 * would exit with its start unfinished).
 */
export const holdingTheLoop = <A>(open: () => Promise<A>): Promise<A> => {
  const held = setInterval(() => {}, 2 ** 30)
  let settled: Promise<A>
  try {
    settled = open()
  } catch (error) {
    clearInterval(held)
    throw error
  }
  return settled.finally(() => clearInterval(held))
}
