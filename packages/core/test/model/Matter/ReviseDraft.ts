import { expect } from "vitest"
import type { Matter, PublishedMatter } from "../../../src/index.ts"
import {
  accept,
  code,
  count,
  hasOpenDraft,
  isLive,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  settle,
} from "./model.ts"

/** Replaces the open draft (first draft or revision) with consistent elements, complete or not. */
export class ReviseDraftCommand implements MatterCommand {
  constructor(
    readonly elements: PublishedMatter.MatterElements,
    readonly missing: ReadonlyArray<Matter.RequiredElement>,
  ) {}
  check = (m: Readonly<MatterModel>) => isLive(m) && hasOpenDraft(m)
  run(m: MatterModel, r: MatterReal): void {
    count("ReviseDraft")
    const events = accept(r, { _tag: "ReviseDraft", implementationCode: code, elements: this.elements })
    expect(events.map((e) => e._tag)).toEqual(["DraftRevised"])
    m.draft = { missing: this.missing, authority: this.elements.implementingAuthority.creditCode }
    settle(m, r)
  }
  toString = () => `ReviseDraft(missing=${this.missing.join("|") || "none"})`
}
