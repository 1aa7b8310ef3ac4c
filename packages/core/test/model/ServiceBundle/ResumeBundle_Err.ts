import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isSuspended,
  lifecycleRejection,
  rejectExactly,
} from "./model.ts"

/** ResumeBundle that must fail: the bundle is not suspended. */
export class ResumeBundleErrCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => !isSuspended(m)
  run(m: BundleModel, r: BundleReal): void {
    count("ResumeBundle_Err")
    rejectExactly(m, r, { _tag: "ResumeBundle", bundleId }, lifecycleRejection(m) ?? { _tag: "NotSuspended", bundleId })
  }
  toString = () => "ResumeBundle_Err"
}
