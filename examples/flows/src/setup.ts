/**
 * Where the demo keeps its data: an embedded PostgreSQL (PGlite) in a folder. A host on a
 * PostgreSQL server passes `postgresStore({ connectionString, secret })` from `@yiciban/postgres/pg`
 * instead; a host that keeps nothing passes nothing (memory). docs/getting-started.md includes the
 * region below.
 */
// #region setup
import { pgliteStore, type StartStage } from "@yiciban/postgres/pglite"
import { createYiciban, type SharedData, type Yiciban } from "@yiciban/runtime"
import type { SimulatedClock } from "./clock.ts"
import { deploymentSecret } from "./secret.ts"

/**
 * Opens Yiciban on PGlite in `dataDir` (created on the first run, reused after); `sharedData` is
 * the data-sharing platform policy redemption reads subjects' facts and payee accounts from;
 * `onStage` hears what the start is doing (a new folder takes a few seconds).
 */
export const open = async (
  dataDir: string,
  clock: SimulatedClock,
  sharedData?: SharedData.SharedDataSource,
  onStage?: (stage: StartStage) => void,
): Promise<Yiciban.Yiciban> =>
  createYiciban({ store: pgliteStore({ dataDir, secret: deploymentSecret(), onStage }), now: clock.now, sharedData })
// #endregion setup
