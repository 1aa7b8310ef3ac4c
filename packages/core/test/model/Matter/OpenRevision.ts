import { expect } from "vitest"
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
  wasPublished,
} from "./model.ts"

/** Opens a revision of the latest published version. */
export class OpenRevisionCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => isLive(m) && wasPublished(m) && !hasOpenDraft(m)
  run(m: MatterModel, r: MatterReal): void {
    count("OpenRevision")
    const events = accept(r, { _tag: "OpenRevision", implementationCode: code })
    expect(events).toEqual([{ _tag: "RevisionOpened", implementationCode: code, basedOnVersion: m.versions }])
    m.draft = { missing: [], authority: m.versionAuthority! }
    settle(m, r)
  }
  toString = () => "OpenRevision"
}
