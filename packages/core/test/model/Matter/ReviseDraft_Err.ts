import type { Matter } from "../../../src/index.ts"
import type { Broken } from "../../arbitraries/matter.ts"
import {
  code,
  count,
  hasOpenDraft,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** ReviseDraft that must fail: broken elements while a draft is open; otherwise it would change a published version. */
export class ReviseDraftErrCommand implements MatterCommand {
  constructor(readonly broken: Broken) {}
  check = () => true
  run(m: MatterModel, r: MatterReal): void {
    count("ReviseDraft_Err")
    const expected: Matter.Rejection =
      lifecycleRejection(m) ??
      (hasOpenDraft(m)
        ? this.broken.rejection
        : { _tag: "PublishedVersionImmutable", implementationCode: code, version: m.versions })
    rejectExactly(m, r, { _tag: "ReviseDraft", implementationCode: code, elements: this.broken.elements }, expected)
  }
  toString = () => `ReviseDraft_Err(${this.broken.rejection._tag})`
}
