import {
  code,
  count,
  isLive,
  lifecycleRejection,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  rejectExactly,
} from "./model.ts"

/** AbolishMatter that must fail: the matter does not exist or is already abolished. */
export class AbolishMatterErrCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => !isLive(m)
  run(m: MatterModel, r: MatterReal): void {
    count("AbolishMatter_Err")
    rejectExactly(m, r, { _tag: "AbolishMatter", implementationCode: code, reason: "取消" }, lifecycleRejection(m)!)
  }
  toString = () => "AbolishMatter_Err"
}
