import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isLive,
  lifecycleRejection,
  rejectExactly,
} from "./model.ts"

/** AbolishBundle that must fail: the bundle does not exist or is already abolished. */
export class AbolishBundleErrCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => !isLive(m)
  run(m: BundleModel, r: BundleReal): void {
    count("AbolishBundle_Err")
    rejectExactly(m, r, { _tag: "AbolishBundle", bundleId, reason: "取消" }, lifecycleRejection(m)!)
  }
  toString = () => "AbolishBundle_Err"
}
