import {
  code,
  count,
  isSuspended,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** ResumeMatter that must fail: the matter is not suspended. */
export class ResumeMatterErrCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => !isSuspended(m)
  run(m: MatterModel, r: MatterReal): void {
    count("ResumeMatter_Err")
    rejectExactly(
      m,
      r,
      { _tag: "ResumeMatter", implementationCode: code },
      lifecycleRejection(m) ?? { _tag: "NotSuspended", implementationCode: code },
    )
  }
  toString = () => "ResumeMatter_Err"
}
