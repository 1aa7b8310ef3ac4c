import type { PGlite } from "@electric-sql/pglite"
import { eventStoreConformance } from "@yiciban/eventstore/testing"
import * as Pglite from "../src/pglite.ts"
import { createPglite, temporaryDataDir } from "./support.ts"

// One database in a temporary folder; every store the suite builds (its main store and the
// "restarted" one) opens over it. Reopening the folder itself is tested in pglite-persistence.
const dataDir = temporaryDataDir()
let db: PGlite | undefined

eventStoreConformance("pglite", {
  layer: (config) => Pglite.layerPglite({ ...config, db }),
  hooks: {
    beforeAll: async () => {
      db = await createPglite(dataDir.path)
    },
    afterAll: async () => {
      await db?.close()
      dataDir.remove()
    },
  },
})
