import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { CalendarDate, CreditRecord, Decider, IdentityCode } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"

const enterprise: CreditRecord.CreditSubjectInput = {
  kind: "enterprise",
  code: IdentityCode.makeUnifiedSocialCreditCode("91110000600037341L"),
}
const person: CreditRecord.CreditSubjectInput = {
  kind: "person",
  code: IdentityCode.makeResidentIdNumber("11010519491231002X"),
}
const matterCode = "11430100MB1A38544B-000101001000-01"
const caseSource: CreditRecord.EntrySource = { _tag: "Application", caseNo: "2026-0042", matterCode }

// #region context
// The verification process manager records; supervision staff repair and revoke. "Today" is the
// day `now` falls on in Beijing time: here 9 October 2026.
const system: Decider.CommandContext = {
  now: "2026-10-09T02:00:00.000Z",
  actor: { id: "pm-verification", roles: ["system"] },
  facts: {},
}
const supervisor: Decider.CommandContext = { ...system, actor: { id: "supervisor-3", roles: ["supervisor"] } }
const later = (context: Decider.CommandContext, now: string): Decider.CommandContext => ({ ...context, now })
const day = CalendarDate.make
// #endregion context

const spec = DeciderSpecification.for(CreditRecord.decider)

// #region record-false-commitment
// Verification found the commitment false: the process manager records it. Without an expiry
// date the entry runs for the kind's default period: one year, after ALL Art 78.
const record: CreditRecord.RecordEntry = {
  _tag: "RecordEntry",
  subject: enterprise,
  entryId: CreditRecord.entryIdFor(caseSource, "falseCommitment"), // "2026-0042/falseCommitment"
  kind: "falseCommitment",
  source: caseSource,
  reason: "On-site verification found no premises at the committed address",
  effectiveOn: day("2026-10-09"),
}
const recorded: CreditRecord.CreditEntryRecorded = {
  _tag: "CreditEntryRecorded",
  subject: enterprise,
  entryId: "2026-0042/falseCommitment",
  kind: "falseCommitment",
  source: caseSource,
  reason: "On-site verification found no premises at the committed address",
  effectiveOn: day("2026-10-09"),
  expiresOn: day("2027-10-09"), // the last day the entry is in effect
  recordedBy: "pm-verification",
}
// #endregion record-false-commitment

const repaired: CreditRecord.CreditEntryRepaired = {
  _tag: "CreditEntryRepaired",
  subject: enterprise,
  entryId: recorded.entryId,
  reason: "Premises found on re-inspection; penalty paid",
  repairedOn: day("2027-03-01"),
  repairedBy: "supervisor-3",
}
const revoked: CreditRecord.CreditEntryRevoked = {
  _tag: "CreditEntryRevoked",
  subject: enterprise,
  entryId: recorded.entryId,
  reason: "The rescission was annulled on administrative reconsideration",
  revokedOn: day("2026-11-20"),
  revokedBy: "supervisor-3",
}

describe("every command", () => {
  // decide never throws: a malformed `now` is a typed rejection, checked right after the role.
  const commands: ReadonlyArray<CreditRecord.Command> = [
    record,
    {
      _tag: "RepairEntry",
      subject: enterprise,
      entryId: recorded.entryId,
      reason: "corrected",
      repairedOn: day("2026-10-12"),
    },
    {
      _tag: "RevokeEntry",
      subject: enterprise,
      entryId: recorded.entryId,
      reason: "annulled",
      revokedOn: day("2026-10-12"),
    },
  ]
  for (const now of ["not a date", "2026-10-12T10:00:00", "+275760-09-13T00:00:00.000Z"]) {
    it(`rejects the instant ${JSON.stringify(now)} with InvalidInstant`, () => {
      for (const command of commands) {
        spec.given([recorded]).when(command, later(supervisor, now)).thenRejects({ _tag: "InvalidInstant", now })
      }
    })
  }
})

describe("RecordEntry", () => {
  it("records a false commitment for one year from its effective date and takes the subject", () => {
    spec.given([]).when(record, system).thenEmits([recorded])
    spec
      .given([])
      .when(record, system)
      .thenAccepts((_, state) => expect(state.subject).toEqual(enterprise))
  })

  it("defaults to one year for false materials (ALL Art 78) and three years for fraud in safety, health or property matters (Art 79)", () => {
    const expiry = (kind: CreditRecord.EntryKind) => (events: ReadonlyArray<CreditRecord.Event>) =>
      expect(events.map((e) => e._tag === "CreditEntryRecorded" && [e.kind, e.expiresOn])).toEqual([
        [kind, kind === "falseMaterials" ? "2027-10-09" : "2029-10-09"],
      ])
    spec
      .given([])
      .when({ ...record, entryId: "a", kind: "falseMaterials" }, system)
      .thenAccepts(expiry("falseMaterials"))
    spec
      .given([])
      .when({ ...record, entryId: "b", kind: "fraudInSafetyHealthProperty" }, system)
      .thenAccepts(expiry("fraudInSafetyHealthProperty"))
  })

  it("ends a year from 29 February on 28 February, the last day of the month without a corresponding day (民法典 Art 202)", () => {
    spec
      .given([])
      .when({ ...record, effectiveOn: day("2028-02-29") }, system)
      .thenEmits([{ ...recorded, effectiveOn: day("2028-02-29"), expiresOn: day("2029-02-28") }])
  })

  it("takes an explicit expiry date over the default period", () => {
    spec
      .given([])
      .when({ ...record, expiresOn: day("2027-04-09") }, supervisor)
      .thenEmits([{ ...recorded, expiresOn: day("2027-04-09"), recordedBy: "supervisor-3" }])
  })

  it("uses the periods of the deployment's settings", () => {
    // #region settings
    const twoYears = CreditRecord.make({
      periods: { ...CreditRecord.defaultSettings.periods, falseCommitment: { amount: 2, unit: "years" } },
    })
    // #endregion settings
    DeciderSpecification.for(twoYears)
      .given([])
      .when(record, system)
      .thenEmits([{ ...recorded, expiresOn: day("2028-10-09") }])
  })

  it("records a person's entry in the person's record", () => {
    spec
      .given([])
      .when({ ...record, subject: person }, system)
      .thenEmits([{ ...recorded, subject: person }])
    expect(CreditRecord.streamName(person)).toBe("credit-11010519491231002X")
    expect(CreditRecord.streamName(enterprise)).toBe("credit-91110000600037341L")
  })

  it("is a no-op when the same entry is recorded again, even after a repair or with the default expiry written out", () => {
    spec.given([recorded]).when(record, supervisor).thenNothingHappens()
    spec.given([recorded, repaired]).when(record, system).thenNothingHappens()
    spec
      .given([recorded])
      .when({ ...record, expiresOn: day("2027-10-09") }, system)
      .thenNothingHappens()
  })

  it("rejects different content under an existing entry id", () => {
    const conflict = { _tag: "EntryIdConflict", entryId: recorded.entryId } as const
    spec
      .given([recorded])
      .when({ ...record, reason: "Another reason" }, system)
      .thenRejects(conflict)
    spec
      .given([recorded])
      .when({ ...record, kind: "falseMaterials" }, system)
      .thenRejects(conflict)
    spec
      .given([recorded])
      .when({ ...record, expiresOn: day("2027-10-10") }, system)
      .thenRejects(conflict)
  })

  it("requires an expiry date for a kind with no default period", () => {
    spec
      .given([])
      .when({ ...record, kind: "seriousDefault" }, supervisor)
      .thenRejects({ _tag: "ExpiryRequired", entryId: record.entryId, kind: "seriousDefault" })
    spec
      .given([])
      .when({ ...record, kind: "seriousDefault", expiresOn: day("2029-10-08") }, supervisor)
      .thenAccepts()
  })

  it("rejects an expiry date that is not after the effective date", () => {
    spec
      .given([])
      .when({ ...record, expiresOn: day("2026-10-09") }, system)
      .thenRejects({
        _tag: "ExpiryNotAfterEffective",
        entryId: record.entryId,
        effectiveOn: day("2026-10-09"),
        expiresOn: day("2026-10-09"),
      })
  })

  it("rejects actors other than the system and supervisors", () => {
    spec
      .given([])
      .when(record, { ...system, actor: { id: "clerk-7", roles: ["windowClerk", "verifier"] } })
      .thenRejects({ _tag: "NotAuthorized", actorId: "clerk-7", required: ["system", "supervisor"] })
  })

  it("rejects a subject whose code fails its check character, without repeating a person's number", () => {
    const bad = { kind: "person", code: "110105194912310021" } as unknown as CreditRecord.CreditSubjectInput
    spec
      .given([])
      .when({ ...record, subject: bad }, system)
      .thenRejects(
        (rejection) =>
          rejection._tag === "InvalidCreditSubject" &&
          rejection.kind === "person" &&
          rejection.problem.includes('check character at position 18 is "1" but should be "X"') &&
          !rejection.problem.includes("110105194912310021"),
      )
  })

  it("rejects a command for another subject than the record's", () => {
    spec
      .given([recorded])
      .when({ ...record, subject: person, entryId: "x" }, system)
      .thenRejects({ _tag: "WrongSubject", expected: enterprise, received: person })
  })
})

describe("RepairEntry", () => {
  // #region repair
  // Credit repair (信用修复) decided on 1 March 2027: from that day on the entry no longer bars.
  const repair: CreditRecord.RepairEntry = {
    _tag: "RepairEntry",
    subject: enterprise,
    entryId: "2026-0042/falseCommitment",
    reason: "Premises found on re-inspection; penalty paid",
    repairedOn: day("2027-03-01"),
  }
  // #endregion repair
  const on = (date: string) => later(supervisor, `${date}T02:00:00.000Z`)

  it("repairs an entry in effect", () => {
    spec.given([recorded]).when(repair, on("2027-03-01")).thenEmits([repaired])
  })

  it("rejects an unknown entry, also on an empty record", () => {
    spec
      .given([recorded])
      .when({ ...repair, entryId: "nope" }, on("2027-03-01"))
      .thenRejects({ _tag: "UnknownEntry", entryId: "nope" })
    spec.given([]).when(repair, on("2027-03-01")).thenRejects({ _tag: "UnknownEntry", entryId: repair.entryId })
  })

  it("rejects a revoked entry", () => {
    spec
      .given([recorded, revoked])
      .when(repair, on("2027-03-01"))
      .thenRejects({ _tag: "EntryRevoked", entryId: repair.entryId, revokedOn: day("2026-11-20") })
  })

  it("rejects an entry already repaired", () => {
    spec
      .given([recorded, repaired])
      .when({ ...repair, repairedOn: day("2027-04-01") }, on("2027-04-01"))
      .thenRejects({ _tag: "EntryAlreadyRepaired", entryId: repair.entryId, repairedOn: day("2027-03-01") })
  })

  it("rejects a repair dated after today", () => {
    spec
      .given([recorded])
      .when(repair, on("2027-02-28"))
      .thenRejects({ _tag: "DateInFuture", entryId: repair.entryId, date: day("2027-03-01"), today: day("2027-02-28") })
  })

  it("rejects a repair dated before the entry takes effect", () => {
    spec
      .given([recorded])
      .when({ ...repair, repairedOn: day("2026-10-08") }, on("2027-03-01"))
      .thenRejects({
        _tag: "RepairBeforeEffective",
        entryId: repair.entryId,
        effectiveOn: day("2026-10-09"),
        repairedOn: day("2026-10-08"),
      })
  })

  it("rejects a repair dated after the entry's last day", () => {
    spec
      .given([recorded])
      .when({ ...repair, repairedOn: day("2027-10-10") }, on("2027-12-01"))
      .thenRejects({
        _tag: "EntryExpired",
        entryId: repair.entryId,
        expiresOn: day("2027-10-09"),
        repairedOn: day("2027-10-10"),
      })
    spec
      .given([recorded])
      .when({ ...repair, repairedOn: day("2027-10-09") }, on("2027-12-01"))
      .thenAccepts()
  })

  it("rejects actors other than the system and supervisors", () => {
    spec
      .given([recorded])
      .when(repair, { ...on("2027-03-01"), actor: { id: "someone", roles: ["applicant"] } })
      .thenRejects({ _tag: "NotAuthorized", actorId: "someone", required: ["system", "supervisor"] })
  })
})

describe("RevokeEntry", () => {
  const revoke: CreditRecord.RevokeEntry = {
    _tag: "RevokeEntry",
    subject: enterprise,
    entryId: recorded.entryId,
    reason: "The rescission was annulled on administrative reconsideration",
    revokedOn: day("2026-11-20"),
  }
  const on = (date: string) => later(supervisor, `${date}T02:00:00.000Z`)

  it("revokes an entry recorded by mistake, repaired or not", () => {
    spec.given([recorded]).when(revoke, on("2026-11-20")).thenEmits([revoked])
    spec
      .given([recorded, repaired])
      .when({ ...revoke, revokedOn: day("2027-05-01") }, on("2027-05-01"))
      .thenEmits([{ ...revoked, revokedOn: day("2027-05-01") }])
  })

  it("rejects an unknown entry", () => {
    spec
      .given([recorded])
      .when({ ...revoke, entryId: "nope" }, on("2026-11-20"))
      .thenRejects({ _tag: "UnknownEntry", entryId: "nope" })
  })

  it("rejects an entry already revoked", () => {
    spec
      .given([recorded, revoked])
      .when(revoke, on("2026-12-01"))
      .thenRejects({ _tag: "EntryRevoked", entryId: recorded.entryId, revokedOn: day("2026-11-20") })
  })

  it("rejects a revocation dated after today", () => {
    spec
      .given([recorded])
      .when(revoke, on("2026-11-19"))
      .thenRejects({
        _tag: "DateInFuture",
        entryId: recorded.entryId,
        date: day("2026-11-20"),
        today: day("2026-11-19"),
      })
  })

  it("rejects actors other than the system and supervisors, and other subjects", () => {
    spec
      .given([recorded])
      .when(revoke, { ...on("2026-11-20"), actor: { id: "reviewer-1", roles: ["reviewer"] } })
      .thenRejects({ _tag: "NotAuthorized", actorId: "reviewer-1", required: ["system", "supervisor"] })
    spec
      .given([recorded])
      .when({ ...revoke, subject: person }, on("2026-11-20"))
      .thenRejects({ _tag: "WrongSubject", expected: enterprise, received: person })
  })
})

describe("standing", () => {
  it("bars from the effective date through the last day, then no longer", () => {
    // #region standing
    const state = Decider.fold(CreditRecord.decider, [recorded], CreditRecord.initialFor(enterprise))

    const during = CreditRecord.standing(state, day("2027-10-09"))
    // { subject: enterprise, barredFromCommitment: true, checkedOn: "2027-10-09",
    //   reasons: [{ entryId: "2026-0042/falseCommitment", kind: "falseCommitment", ... }] }

    const after = CreditRecord.standing(state, day("2027-10-10"))
    // { subject: enterprise, barredFromCommitment: false, reasons: [], checkedOn: "2027-10-10" }
    // #endregion standing
    expect(during).toEqual({
      subject: enterprise,
      barredFromCommitment: true,
      checkedOn: "2027-10-09",
      reasons: [
        {
          entryId: recorded.entryId,
          kind: "falseCommitment",
          source: caseSource,
          reason: recorded.reason,
          effectiveOn: "2026-10-09",
          expiresOn: "2027-10-09",
        },
      ],
    })
    expect(after).toEqual({ subject: enterprise, barredFromCommitment: false, reasons: [], checkedOn: "2027-10-10" })
    expect(CreditRecord.standing(state, day("2026-10-08")).barredFromCommitment).toBe(false)
  })

  it("no longer bars from the repair date; a revoked entry never bars", () => {
    const state = Decider.fold(CreditRecord.decider, [recorded, repaired])
    expect(CreditRecord.standing(state, day("2027-02-28")).barredFromCommitment).toBe(true)
    expect(CreditRecord.standing(state, day("2027-03-01")).barredFromCommitment).toBe(false)
    const void_ = Decider.fold(CreditRecord.decider, [recorded, revoked])
    expect(CreditRecord.standing(void_, day("2026-10-10")).reasons).toEqual([])
  })

  it("is not barred by a minor default, and is clean for a record with no entries", () => {
    const minor = Decider.fold(CreditRecord.decider, [{ ...recorded, kind: "minorDefault" }])
    expect(CreditRecord.standing(minor, day("2027-01-01")).barredFromCommitment).toBe(false)
    expect(CreditRecord.standing(CreditRecord.initialFor(person), day("2027-01-01"))).toEqual({
      subject: person,
      barredFromCommitment: false,
      reasons: [],
      checkedOn: "2027-01-01",
    })
    expect(() => CreditRecord.standing(CreditRecord.initialState, day("2027-01-01"))).toThrow(RangeError)
  })

  it("lists every barring entry in the order recorded", () => {
    const second = { ...recorded, entryId: "x/seriousDefault", kind: "seriousDefault" as const }
    const state = Decider.fold(CreditRecord.decider, [second, recorded])
    expect(CreditRecord.standing(state, day("2027-01-01")).reasons.map((r) => r.entryId)).toEqual([
      "x/seriousDefault",
      recorded.entryId,
    ])
  })
})

describe("a worked example", () => {
  it("goes from a false commitment to a refused commitment, then to credit repair", () => {
    // #region walkthrough
    // 9 October 2026: verification found the commitment false; the process manager records it.
    let state = CreditRecord.initialFor(enterprise)
    state = Result.getOrThrow(Decider.run(CreditRecord.decider, state, record, system)).state

    // 2 December 2026: the enterprise applies again and chooses commitment. The runtime reads its
    // record and hands the standing to the application as facts.creditStanding.
    const december = CreditRecord.standing(state, day("2026-12-02"))
    // december.barredFromCommitment === true, december.reasons[0].entryId === "2026-0042/falseCommitment":
    // commitment mode is refused; the ordinary procedure with proofs stays open.

    // 1 March 2027: the credit authority approves the repair; supervision records it.
    const repairedOnMarch1 = Decider.run(
      CreditRecord.decider,
      state,
      {
        _tag: "RepairEntry",
        subject: enterprise,
        entryId: record.entryId,
        reason: "Penalty paid",
        repairedOn: day("2027-03-01"),
      },
      later(supervisor, "2027-03-01T02:00:00.000Z"),
    )
    state = Result.getOrThrow(repairedOnMarch1).state
    const march = CreditRecord.standing(state, day("2027-03-01"))
    // march.barredFromCommitment === false: commitment is open again, seven months before the
    // entry would have expired.
    // #endregion walkthrough
    expect(december.barredFromCommitment).toBe(true)
    expect(december.reasons.map((r) => r.entryId)).toEqual([record.entryId])
    expect(march).toEqual({ subject: enterprise, barredFromCommitment: false, reasons: [], checkedOn: "2027-03-01" })
    expect(CreditRecord.standing(state, day("2027-02-28")).barredFromCommitment).toBe(true)
  })
})

describe("subjects, ids and periods", () => {
  it("parses subjects and says what is wrong", () => {
    expect(CreditRecord.parseSubject({ kind: "enterprise", code: "91110000600037341L" })).toEqual(
      Result.succeed(enterprise),
    )
    expect(CreditRecord.parseSubject({ kind: "company", code: "91110000600037341L" })).toEqual(
      Result.fail({ _tag: "InvalidCreditSubject", kind: "company", problem: 'kind must be "enterprise" or "person"' }),
    )
    const wrong = CreditRecord.parseSubject({ kind: "enterprise", code: "91110000600037341N" })
    expect(Result.isFailure(wrong) && wrong.failure.problem).toContain('position 18 is "N" but should be "L"')
    expect(CreditRecord.isCreditSubject(person)).toBe(true)
    expect(CreditRecord.isCreditSubject({ kind: "person", code: "91110000600037341L" })).toBe(false)
  })

  it("derives entry ids from the source and kind", () => {
    expect(CreditRecord.entryIdFor(caseSource, "falseCommitment")).toBe("2026-0042/falseCommitment")
    expect(
      CreditRecord.entryIdFor(
        { _tag: "Decision", authority: "长沙市市场监督管理局", documentNo: "长市监处〔2026〕7号" },
        "seriousDefault",
      ),
    ).toBe("长沙市市场监督管理局/长市监处〔2026〕7号/seriousDefault")
  })

  it("counts periods from the day after the start: the corresponding day is the last, or the month's last day", () => {
    expect(CreditRecord.lastDayOf(day("2026-03-10"), { amount: 1, unit: "years" })).toBe("2027-03-10")
    expect(CreditRecord.lastDayOf(day("2028-02-29"), { amount: 3, unit: "years" })).toBe("2031-02-28")
    expect(CreditRecord.lastDayOf(day("2032-02-29"), { amount: 4, unit: "years" })).toBe("2036-02-29")
    expect(CreditRecord.lastDayOf(day("2026-01-31"), { amount: 1, unit: "months" })).toBe("2026-02-28")
    expect(CreditRecord.lastDayOf(day("2026-12-31"), { amount: 14, unit: "months" })).toBe("2028-02-29")
    expect(CreditRecord.lastDayOf(day("2026-12-25"), { amount: 10, unit: "days" })).toBe("2027-01-04")
  })
})
