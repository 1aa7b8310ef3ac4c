import { fileURLToPath } from "node:url"
import { defineConfig } from "vite"

// The web app is built into dist/ and served by the hall's own server: every script, style and
// font is bundled here, nothing is fetched from elsewhere at run time.
export default defineConfig({
  root: fileURLToPath(new URL("./src/ui", import.meta.url)),
  base: "./",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
  logLevel: "warn",
})
