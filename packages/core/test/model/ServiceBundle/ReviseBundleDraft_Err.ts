import type { ServiceBundle } from "../../../src/index.ts"
import {
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  hasOpenDraft,
  lifecycleRejection,
  rejectExactly,
} from "./model.ts"

/** ReviseBundleDraft that must fail: broken elements while a draft is open; otherwise it would change a published version. */
export class ReviseBundleDraftErrCommand implements BundleCommand {
  constructor(
    readonly broken: { readonly elements: ServiceBundle.BundleElements; readonly rejection: ServiceBundle.Rejection },
  ) {}
  check = () => true
  run(m: BundleModel, r: BundleReal): void {
    count("ReviseBundleDraft_Err")
    const expected: ServiceBundle.Rejection =
      lifecycleRejection(m) ??
      (hasOpenDraft(m) ? this.broken.rejection : { _tag: "PublishedVersionImmutable", bundleId, version: m.versions })
    rejectExactly(m, r, { _tag: "ReviseBundleDraft", bundleId, elements: this.broken.elements }, expected)
  }
  toString = () => `ReviseBundleDraft_Err(${this.broken.rejection._tag})`
}
