import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/pg.ts", "src/pglite.ts"],
  format: ["esm", "cjs"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  // import.meta.url in the CommonJS build (the PGlite seed is found beside dist/).
  shims: true,
})
