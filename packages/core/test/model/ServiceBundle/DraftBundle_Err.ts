import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isAbolished,
  isNew,
  rejectExactly,
} from "./model.ts"

/** DraftBundle that must fail: broken elements on a new bundle; any elements on an existing or abolished one. */
export class DraftBundleErrCommand implements BundleCommand {
  constructor(
    readonly broken: { readonly elements: ServiceBundle.BundleElements; readonly rejection: ServiceBundle.Rejection },
  ) {}
  check = () => true
  run(m: BundleModel, r: BundleReal): void {
    count("DraftBundle_Err")
    const expected: ServiceBundle.Rejection = isNew(m)
      ? this.broken.rejection
      : isAbolished(m)
        ? { _tag: "BundleAlreadyAbolished", bundleId }
        : { _tag: "BundleAlreadyExists", bundleId }
    rejectExactly(m, r, { _tag: "DraftBundle", bundleId, elements: this.broken.elements }, expected)
  }
  toString = () => `DraftBundle_Err(${this.broken.rejection._tag})`
}
