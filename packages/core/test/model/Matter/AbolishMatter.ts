import { accept, code, count, isLive, type MatterCommand, type MatterModel, type MatterReal, settle } from "./model.ts"

/** Abolishes the matter (取消), whatever phase it is in. */
export class AbolishMatterCommand implements MatterCommand {
  check = (m: Readonly<MatterModel>) => isLive(m)
  run(m: MatterModel, r: MatterReal): void {
    count("AbolishMatter")
    accept(r, { _tag: "AbolishMatter", implementationCode: code, reason: "国发〔2026〕1号取消" })
    m.phase = "abolished"
    m.draft = null
    settle(m, r)
  }
  toString = () => "AbolishMatter"
}
