import type { ServiceBundle } from "../../../src/index.ts"
import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  hasOpenDraft,
  isLive,
  settle,
} from "./model.ts"

/** Replaces the open draft with consistent elements, complete or not. */
export class ReviseBundleDraftCommand implements BundleCommand {
  constructor(
    readonly elements: ServiceBundle.BundleElements,
    readonly missing: ReadonlyArray<ServiceBundle.RequiredBundleElement>,
  ) {}
  check = (m: Readonly<BundleModel>) => isLive(m) && hasOpenDraft(m)
  run(m: BundleModel, r: BundleReal): void {
    count("ReviseBundleDraft")
    accept(r, { _tag: "ReviseBundleDraft", bundleId, elements: this.elements })
    m.draft = { missing: this.missing }
    settle(m, r)
  }
  toString = () => `ReviseBundleDraft(missing=${this.missing.join("|") || "none"})`
}
