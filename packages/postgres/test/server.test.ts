import type { PGlite } from "@electric-sql/pglite"
import { eventStoreConformance } from "@yiciban/eventstore/testing"
import * as Pg from "../src/pg.ts"
import * as Pglite from "../src/pglite.ts"
import { createPglite, databaseUrl, dropSchema, temporaryDataDir, uniqueSchema } from "./support.ts"

// On the server (DATABASE_URL) in a schema of its own, created by the store's migrations and
// dropped afterwards; on a machine without a server, on PGlite in a temporary folder.
if (databaseUrl !== undefined) {
  const url = databaseUrl
  const schema = uniqueSchema("conformance")
  eventStoreConformance("postgres server", {
    layer: (config) => Pg.layerPostgres({ ...config, connectionString: url, schema }),
    hooks: { afterAll: () => dropSchema(url, schema) },
  })
} else {
  console.log("DATABASE_URL is not set: the server conformance suite runs on PGlite instead")
  const dataDir = temporaryDataDir()
  let db: PGlite | undefined
  eventStoreConformance("postgres server (PGlite fallback)", {
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
}
