import { expect } from "vitest"
import { ServiceBundle } from "../../../src/index.ts"
import {
  accept,
  type BundleCommand,
  type BundleModel,
  type BundleReal,
  bundleId,
  count,
  draftIsPublishable,
  isLive,
  now,
  settle,
} from "./model.ts"

/** Publishes a complete draft as the next version; its notice merges the pinned members. */
export class PublishBundleCommand implements BundleCommand {
  check = (m: Readonly<BundleModel>) => isLive(m) && draftIsPublishable(m)
  run(m: BundleModel, r: BundleReal): void {
    count("PublishBundle")
    const members = r.state.draft!.members
    const events = accept(r, { _tag: "PublishBundle", bundleId })
    expect(events).toMatchObject([{ _tag: "BundlePublished", version: m.versions + 1, publishedAt: now }])
    const notice = ServiceBundle.publishedVersion(r.state)!.notice
    expect(notice.members.map((n) => [n.implementationCode, n.version])).toEqual(
      members.map((n) => [n.implementationCode, n.version]),
    )
    expect(ServiceBundle.mergedMaterialsUnique(notice.materials)).toBe(true)
    expect(ServiceBundle.mergedMaterialsCoverMandatory(members, notice.materials)).toBe(true)
    m.versions += 1
    m.draft = null
    if (m.phase === "drafted") m.phase = "published"
    settle(m, r)
  }
  toString = () => "PublishBundle"
}
