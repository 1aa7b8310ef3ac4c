import { expect } from "vitest"
import type { Matter, PublishedMatter } from "../../../src/index.ts"
import {
  accept,
  baseCode,
  code,
  count,
  isNew,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  settle,
} from "./model.ts"

/** Starts the matter with a consistent draft, complete or not. */
export class DraftMatterCommand implements MatterCommand {
  constructor(
    readonly elements: PublishedMatter.MatterElements,
    readonly missing: ReadonlyArray<Matter.RequiredElement>,
  ) {}
  check = (m: Readonly<MatterModel>) => isNew(m)
  run(m: MatterModel, r: MatterReal): void {
    count("DraftMatter")
    const events = accept(r, { _tag: "DraftMatter", implementationCode: code, baseCode, elements: this.elements })
    expect(events.map((e) => e._tag)).toEqual(["MatterDrafted"])
    m.phase = "drafted"
    m.draft = { missing: this.missing, authority: this.elements.implementingAuthority.creditCode }
    settle(m, r)
  }
  toString = () => `DraftMatter(missing=${this.missing.join("|") || "none"})`
}
