import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isLive,
  settle,
} from "./model.ts"

/** Abolishes the bundle, whatever phase it is in. */
export class AbolishBundleCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => isLive(m)
  run(m: BundleModel, r: BundleReal): void {
    count("AbolishBundle")
    accept(r, { _tag: "AbolishBundle", bundleId, reason: "取消" })
    m.phase = "abolished"
    m.draft = null
    settle(m, r)
  }
  toString = () => "AbolishBundle"
}
