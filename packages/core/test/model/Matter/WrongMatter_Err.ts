import type { Matter } from "../../../src/index.ts"
import { code, count, isNew, type MatterCommand, type MatterModel, type MatterReal, rejectExactly } from "./model.ts"

/** Any command that names another matter than the stream holds. */
export class WrongMatterErrCommand implements MatterCommand {
  constructor(readonly command: Matter.Command) {}
  check = (m: Readonly<MatterModel>) => !isNew(m)
  run(m: MatterModel, r: MatterReal): void {
    count("WrongMatter_Err")
    rejectExactly(
      m,
      r,
      { ...this.command, implementationCode: "OTHER-MATTER" },
      {
        _tag: "WrongMatter",
        expected: code,
        received: "OTHER-MATTER",
      },
    )
  }
  toString = () => `WrongMatter_Err(${this.command._tag})`
}
