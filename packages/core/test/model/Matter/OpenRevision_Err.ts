import type { Matter } from "../../../src/index.ts"
import {
  code,
  count,
  hasOpenDraft,
  isLive,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
  wasPublished,
} from "./model.ts"

/** OpenRevision that must fail: never published, or a revision already open. */
export class OpenRevisionErrCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => !(isLive(m) && wasPublished(m) && !hasOpenDraft(m))
  run(m: MatterModel, r: MatterReal): void {
    count("OpenRevision_Err")
    const expected: Matter.Rejection =
      lifecycleRejection(m) ??
      (wasPublished(m)
        ? { _tag: "RevisionAlreadyOpen", implementationCode: code, basedOnVersion: m.versions }
        : { _tag: "NotYetPublished", implementationCode: code })
    rejectExactly(m, r, { _tag: "OpenRevision", implementationCode: code }, expected)
  }
  toString = () => "OpenRevision_Err"
}
