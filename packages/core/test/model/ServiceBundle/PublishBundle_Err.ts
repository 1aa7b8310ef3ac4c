import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  draftIsPublishable,
  isLive,
  lifecycleRejection,
  rejectExactly,
} from "./model.ts"

/** PublishBundle that must fail: no open draft, or a draft that lacks a name, members or an introduction. */
export class PublishBundleErrCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => !(isLive(m) && draftIsPublishable(m))
  run(m: BundleModel, r: BundleReal): void {
    count("PublishBundle_Err")
    const expected: ServiceBundle.Rejection =
      lifecycleRejection(m) ??
      (m.draft === null ? { _tag: "NoOpenDraft", bundleId } : { _tag: "DraftIncomplete", missing: m.draft.missing })
    rejectExactly(m, r, { _tag: "PublishBundle", bundleId }, expected)
  }
  toString = () => "PublishBundle_Err"
}
