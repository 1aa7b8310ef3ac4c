import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isRunning,
  lifecycleRejection,
  rejectExactly,
  wasPublished,
} from "./model.ts"

/** SuspendBundle that must fail: never published, or already suspended. */
export class SuspendBundleErrCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => !isRunning(m)
  run(m: BundleModel, r: BundleReal): void {
    count("SuspendBundle_Err")
    const expected: ServiceBundle.Rejection =
      lifecycleRejection(m) ??
      (wasPublished(m) ? { _tag: "AlreadySuspended", bundleId } : { _tag: "NotYetPublished", bundleId })
    rejectExactly(m, r, { _tag: "SuspendBundle", bundleId, reason: "调整" }, expected)
  }
  toString = () => "SuspendBundle_Err"
}
