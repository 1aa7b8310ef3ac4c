/**
 * `pnpm hall` (at the root): builds the web app and serves the service hall on
 * http://127.0.0.1:$PORT (default 8090) with its data in $DATA_DIR (default ./.hall-data), seeded
 * on the first start. SIGTERM or Ctrl-C stops it.
 */
import { join } from "node:path"
import { startHall } from "./hall.ts"

const hall = await startHall({
  dataDir: process.env.DATA_DIR ?? join(import.meta.dirname, "..", "..", ".hall-data"),
  distDir: join(import.meta.dirname, "..", "..", "dist"),
  port: Number(process.env.PORT ?? 8090),
})
console.log(`服务大厅 / service hall: ${hall.url} (today in the demo: ${hall.clock.today()})`)
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    hall
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error)
        process.exit(1)
      })
  })
}
