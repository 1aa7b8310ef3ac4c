import type { ServiceBundle } from "../../../src/index.ts"
import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isNew,
  settle,
} from "./model.ts"

/** Starts the bundle with a consistent draft, complete or not. */
export class DraftBundleCommand implements BundleCommand {
  constructor(
    readonly elements: ServiceBundle.BundleElements,
    readonly missing: ReadonlyArray<ServiceBundle.RequiredBundleElement>,
  ) {}
  check = (m: Readonly<BundleModel>) => isNew(m)
  run(m: BundleModel, r: BundleReal): void {
    count("DraftBundle")
    accept(r, { _tag: "DraftBundle", bundleId, elements: this.elements })
    m.phase = "drafted"
    m.draft = { missing: this.missing }
    settle(m, r)
  }
  toString = () => `DraftBundle(missing=${this.missing.join("|") || "none"})`
}
