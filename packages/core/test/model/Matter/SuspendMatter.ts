import {
  accept,
  code,
  count,
  isRunning,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  settle,
} from "./model.ts"

/** Suspends a running matter. */
export class SuspendMatterCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => isRunning(m)
  run(m: MatterModel, r: MatterReal): void {
    count("SuspendMatter")
    accept(r, { _tag: "SuspendMatter", implementationCode: code, reason: "系统升级" })
    m.phase = "suspended"
    settle(m, r)
  }
  toString = () => "SuspendMatter"
}
