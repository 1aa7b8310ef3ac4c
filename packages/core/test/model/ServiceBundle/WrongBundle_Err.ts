import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isNew,
  rejectExactly,
} from "./model.ts"

/** Any command that names another bundle than the stream holds. */
export class WrongBundleErrCommand implements BundleCommand {
  constructor(readonly command: ServiceBundle.Command) {}
  check = (m: Readonly<BundleModel>) => !isNew(m)
  run(m: BundleModel, r: BundleReal): void {
    count("WrongBundle_Err")
    rejectExactly(
      m,
      r,
      { ...this.command, bundleId: "ANOTHER" },
      { _tag: "WrongBundle", expected: bundleId, received: "ANOTHER" },
    )
  }
  toString = () => `WrongBundle_Err(${this.command._tag})`
}
