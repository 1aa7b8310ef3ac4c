import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  isSuspended,
  settle,
} from "./model.ts"

/** Resumes a suspended bundle. */
export class ResumeBundleCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => isSuspended(m)
  run(m: BundleModel, r: BundleReal): void {
    count("ResumeBundle")
    accept(r, { _tag: "ResumeBundle", bundleId })
    m.phase = "published"
    settle(m, r)
  }
  toString = () => "ResumeBundle"
}
