import { expect } from "vitest"
import {
  accept,
  code,
  count,
  draftIsPublishable,
  isLive,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  now,
  settle,
} from "./model.ts"

/** Publishes a complete draft as the next version. */
export class PublishDraftCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => isLive(m) && draftIsPublishable(m)
  run(m: MatterModel, r: MatterReal): void {
    count("PublishDraft")
    const events = accept(r, { _tag: "PublishDraft", implementationCode: code })
    expect(events).toMatchObject([{ _tag: "MatterPublished", version: m.versions + 1, publishedAt: now }])
    m.versions += 1
    m.versionAuthority = m.draft!.authority
    m.draft = null
    if (m.phase === "drafted") m.phase = "published"
    settle(m, r)
  }
  toString = () => "PublishDraft"
}
