import {
  accept,
  code,
  count,
  isSuspended,
  type MatterCommand,
  type MatterModel,
  type MatterReal,
  settle,
} from "./model.ts"

/** Resumes a suspended matter. */
export class ResumeMatterCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => isSuspended(m)
  run(m: MatterModel, r: MatterReal): void {
    count("ResumeMatter")
    accept(r, { _tag: "ResumeMatter", implementationCode: code })
    m.phase = "published"
    settle(m, r)
  }
  toString = () => "ResumeMatter"
}
