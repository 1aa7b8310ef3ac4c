import type { Matter, PublishedMatter } from "../../../src/index.ts"
import type { Broken } from "../../arbitraries/matter.ts"
import {
  baseCode,
  code,
  count,
  isAbolished,
  isNew,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** DraftMatter that must fail: elements that break a rule on a new matter; any elements on an existing or abolished one. */
export class DraftMatterErrCommand implements MatterCommand {
  constructor(
    readonly broken: Broken,
    readonly valid: PublishedMatter.MatterElements,
  ) {}
  check = () => true
  run(m: MatterModel, r: MatterReal): void {
    count("DraftMatter_Err")
    const elements = isNew(m) ? this.broken.elements : this.valid
    const expected: Matter.Rejection = isNew(m)
      ? this.broken.rejection
      : isAbolished(m)
        ? { _tag: "MatterAlreadyAbolished", implementationCode: code }
        : { _tag: "MatterAlreadyExists", implementationCode: code }
    rejectExactly(m, r, { _tag: "DraftMatter", implementationCode: code, baseCode, elements }, expected)
  }
  toString = () => `DraftMatter_Err(${this.broken.rejection._tag})`
}
