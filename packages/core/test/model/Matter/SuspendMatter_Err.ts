import type { Matter } from "../../../src/index.ts"
import {
  code,
  count,
  isOnlyDrafted,
  isRunning,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** SuspendMatter that must fail: never published, or already suspended. */
export class SuspendMatterErrCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => !isRunning(m)
  run(m: MatterModel, r: MatterReal): void {
    count("SuspendMatter_Err")
    const expected: Matter.Rejection =
      lifecycleRejection(m) ??
      (isOnlyDrafted(m)
        ? { _tag: "NotYetPublished", implementationCode: code }
        : { _tag: "AlreadySuspended", implementationCode: code })
    rejectExactly(m, r, { _tag: "SuspendMatter", implementationCode: code, reason: "系统升级" }, expected)
  }
  toString = () => "SuspendMatter_Err"
}
