/**
 * `pnpm --filter @yiciban/example-service-hall screenshots`: runs the browser story of the tests
 * against a fresh hall and saves a picture of each page into docs/service-hall/ (PNG, 1024 px
 * wide), which docs/service-hall.md shows. Needs Debian's Chromium and a CJK font
 * (`apt-get install chromium fonts-wqy-microhei`).
 */
import { join } from "node:path"
import { buildUi, hasChromium, launch, runStory, startFresh } from "../test/story.ts"

if (!hasChromium()) throw new Error("Chromium is missing: apt-get install chromium")
const out = join(import.meta.dirname, "..", "..", "..", "docs", "service-hall")
buildUi()
const [hall, browser] = await Promise.all([startFresh(), launch()])
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 760 } })
  const saved: Array<string> = []
  const story = await runStory(page, hall.url, async (name, part) => {
    const path = join(out, `${name}.png`)
    await (part === undefined ? page.screenshot({ path, fullPage: true }) : part.screenshot({ path }))
    saved.push(name)
  })
  console.log(`saved ${saved.length} pictures to ${out}: ${saved.join(", ")}`)
  console.log(
    `cases ${story.first}, ${story.second}; warnings ${story.levels.map(([d, l]) => `${l} on ${d}`).join(", ")}`,
  )
} finally {
  await browser.close()
  await hall.close()
}
