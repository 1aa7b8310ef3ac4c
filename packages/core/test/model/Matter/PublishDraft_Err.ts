import type { Matter } from "../../../src/index.ts"
import {
  code,
  count,
  draftIsPublishable,
  isLive,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** PublishDraft that must fail: no open draft, or a draft that lacks required elements (all listed). */
export class PublishDraftErrCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => !(isLive(m) && draftIsPublishable(m))
  run(m: MatterModel, r: MatterReal): void {
    count("PublishDraft_Err")
    const expected: Matter.Rejection =
      lifecycleRejection(m) ??
      (m.draft === null
        ? { _tag: "NoOpenDraft", implementationCode: code }
        : { _tag: "DraftIncomplete", missing: m.draft.missing })
    rejectExactly(m, r, { _tag: "PublishDraft", implementationCode: code }, expected)
  }
  toString = () => "PublishDraft_Err"
}
