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
  wasPublished,
} from "./model.ts"

/** Opens a revision of the latest published version. */
export class OpenBundleRevisionCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => isLive(m) && wasPublished(m) && !hasOpenDraft(m)
  run(m: BundleModel, r: BundleReal): void {
    count("OpenBundleRevision")
    accept(r, { _tag: "OpenBundleRevision", bundleId })
    m.draft = { missing: [] }
    settle(m, r)
  }
  toString = () => "OpenBundleRevision"
}
