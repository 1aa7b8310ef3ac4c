import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  hasOpenDraft,
  isLive,
  lifecycleRejection,
  rejectExactly,
  wasPublished,
} from "./model.ts"

/** OpenBundleRevision that must fail: never published, or a revision already open. */
export class OpenBundleRevisionErrCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => !(isLive(m) && wasPublished(m) && !hasOpenDraft(m))
  run(m: BundleModel, r: BundleReal): void {
    count("OpenBundleRevision_Err")
    const expected: ServiceBundle.Rejection =
      lifecycleRejection(m) ??
      (wasPublished(m)
        ? { _tag: "RevisionAlreadyOpen", bundleId, basedOnVersion: m.versions }
        : { _tag: "NotYetPublished", bundleId })
    rejectExactly(m, r, { _tag: "OpenBundleRevision", bundleId }, expected)
  }
  toString = () => "OpenBundleRevision_Err"
}
