import {
  accept,
  count,
  dateOf,
  inForce,
  type LicenceCommand,
  type LicenceModel,
  type LicenceReal,
  licenceId,
  open,
  rejectExactly,
  settle,
  supervisor,
  suspendedNow,
} from "./model.ts"

/** A supervising authority suspends the licence from today; suspending twice is refused. */
export class SuspendCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) => inForce(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    const command = { _tag: "SuspendLicence", licenceId, reason: "inspection", legalBasis: "食品安全法" } as const
    if (suspendedNow(m)) {
      count("Suspend_Err(alreadySuspended)")
      const since = m.suspensions.find(([, lifted]) => lifted === null)![0]
      rejectExactly(m, r, command, { _tag: "AlreadySuspended", since: dateOf(since) }, supervisor(m))
      return
    }
    count("Suspend")
    accept(m, r, command, supervisor(m))
    m.suspensions.push([m.today, null])
    settle(m, r)
  }
  toString = () => "Suspend"
}

/** The suspension is lifted from today; lifting when none is open is refused. */
export class LiftSuspensionCommand implements LicenceCommand {
  check = (m: Readonly<LicenceModel>) => open(m as LicenceModel)
  run(m: LicenceModel, r: LicenceReal): void {
    const command = { _tag: "LiftSuspension", licenceId, reason: "rectified" } as const
    if (!suspendedNow(m)) {
      count("LiftSuspension_Err(notSuspended)")
      rejectExactly(m, r, command, { _tag: "NotSuspended", licenceId }, supervisor(m))
      return
    }
    count("LiftSuspension")
    accept(m, r, command, supervisor(m))
    m.suspensions.find(([, lifted]) => lifted === null)![1] = m.today
    settle(m, r)
  }
  toString = () => "LiftSuspension"
}
