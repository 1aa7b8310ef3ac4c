import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isRunning,
  settle,
} from "./model.ts"

/** Suspends a running bundle. */
export class SuspendBundleCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => isRunning(m)
  run(m: BundleModel, r: BundleReal): void {
    count("SuspendBundle")
    accept(r, { _tag: "SuspendBundle", bundleId, reason: "调整" })
    m.phase = "suspended"
    settle(m, r)
  }
  toString = () => "SuspendBundle"
}
