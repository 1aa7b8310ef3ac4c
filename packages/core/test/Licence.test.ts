import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Application, CalendarDate, Decider, IdentityCode, Licence } from "../src/index.ts"
import { DeciderSpecification } from "../src/testing.ts"

const day = CalendarDate.make
const spec = DeciderSpecification.for(Licence.decider)

// #region grant
// The grant the runtime reads from the concluded case SCJG-2026-000731: a food business licence
// valid for five years (the matter's validity element), issued on the certificate's day.
const restaurant = IdentityCode.makeUnifiedSocialCreditCode("91110000600037341L")
const grant: Licence.Grant = {
  caseNo: "SCJG-2026-000731",
  licenceNo: "JY14301020012345",
  holder: { kind: "enterprise", code: restaurant, name: "湘味小厨餐饮有限公司" },
  matter: {
    implementationCode: "11430100MB1A38544B-000101001000-01",
    baseCode: "000101001000",
    name: "食品经营许可",
    validity: { _tag: "Fixed", amount: 5, unit: "years" },
    renewalLeadDays: 30, // ALL Art 50, unless the law sets another period for the matter
    concernsSafetyHealthProperty: true, // food safety: personal health (ALL Arts 78, 79 bars apply)
  },
  authority: {
    name: "长沙市市场监督管理局",
    creditCode: IdentityCode.makeUnifiedSocialCreditCode("11430100MB1A38544B"),
    division: IdentityCode.makeDivisionCode("430100"),
  },
  scope: "食品经营许可：热食类食品制售",
  decidedOn: day("2026-03-06"),
  issuedOn: day("2026-03-10"),
}
const issued: Licence.LicenceIssued = {
  _tag: "LicenceIssued",
  licenceId: "SCJG-2026-000731",
  grant,
  term: { from: day("2026-03-10"), to: day("2031-03-09"), by: "issue" }, // 有效期自 2026-03-10 至 2031-03-09
}
// #endregion grant

const licenceId = grant.caseNo
const at = (date: string, roles: Decider.CommandContext["actor"]["roles"], id = "actor-1"): Decider.CommandContext => ({
  now: `${date}T02:00:00.000Z`, // 10:00 in Beijing
  actor: { id, roles },
  facts: {},
})
const system = (date: string) => at(date, ["system"], "runtime")
const holder = (date: string) => at(date, ["applicant"], "holder-legal-rep")
const approver = (date: string) => at(date, ["approver"], "approver-2")
const supervisor = (date: string) => at(date, ["supervisor"], "supervisor-3")

describe("issue", () => {
  it("a grant issues the licence with its first term from the matter's validity", () => {
    spec.given([]).when({ _tag: "IssueLicence", licenceId, grant }, system("2026-03-10")).thenEmits([issued])
  })
  it("an indefinite validity gives an open term, and nothing to renew", () => {
    const open = { ...grant, matter: { ...grant.matter, validity: { _tag: "Indefinite" as const } } }
    spec
      .given([])
      .when({ _tag: "IssueLicence", licenceId, grant: open }, system("2026-03-10"))
      .thenAccepts((_, state) => {
        expect(state.terms).toEqual([{ from: day("2026-03-10"), to: null, by: "issue" }])
        expect(Licence.validOn(state, day("2090-01-01"))).toBe(true)
      })
  })
  it("only the runtime issues, once, and only from its own case", () => {
    spec
      .given([])
      .when({ _tag: "IssueLicence", licenceId, grant }, approver("2026-03-10"))
      .thenRejects({ _tag: "NotAuthorized", actorId: "approver-2", required: ["system"] })
    spec
      .given([issued])
      .when({ _tag: "IssueLicence", licenceId, grant }, system("2026-03-10"))
      .thenRejects({ _tag: "AlreadyIssued", licenceId, licenceNo: "JY14301020012345" })
    spec
      .given([])
      .when({ _tag: "IssueLicence", licenceId: "SCJG-2026-000999", grant }, system("2026-03-10"))
      .thenRejects({ _tag: "WrongCase", licenceId: "SCJG-2026-000999", caseNo: licenceId })
  })
  it("every other command needs an issued licence", () => {
    spec
      .given([])
      .when({ _tag: "ApplyForRenewal", licenceId }, holder("2026-03-10"))
      .thenRejects({ _tag: "NotIssued", licenceId })
  })
})

describe("ALL Art 50: renewal", () => {
  // #region renewal
  it("is applied for at least 30 days before expiry: the last day is 2031-02-07", () => {
    spec
      .given([issued])
      .when({ _tag: "ApplyForRenewal", licenceId }, holder("2031-02-07"))
      .thenEmits([
        {
          _tag: "RenewalApplied",
          licenceId,
          appliedOn: day("2031-02-07"),
          latestDay: day("2031-02-07"),
          expiresOn: day("2031-03-09"),
          appliedBy: "holder-legal-rep",
        },
      ])
    spec
      .given([issued])
      .when({ _tag: "ApplyForRenewal", licenceId }, holder("2031-02-08"))
      .thenRejects({
        _tag: "RenewalApplicationTooLate",
        licenceId,
        expiresOn: day("2031-03-09"),
        leadDays: 30,
        latestDay: day("2031-02-07"),
        today: day("2031-02-08"),
        article: "ALL Art 50",
      })
  })
  // #endregion renewal
  const applied: Licence.RenewalApplied = {
    _tag: "RenewalApplied",
    licenceId,
    appliedOn: day("2031-01-15"),
    latestDay: day("2031-02-07"),
    expiresOn: day("2031-03-09"),
    caseNo: "SCJG-2031-000017",
    appliedBy: "holder-legal-rep",
  }
  it("a matter whose law sets another period is read from the matter", () => {
    const sixty = { ...issued, grant: { ...grant, matter: { ...grant.matter, renewalLeadDays: 60 } } }
    spec
      .given([sixty])
      .when({ _tag: "ApplyForRenewal", licenceId }, holder("2031-01-09"))
      .thenRejects((r) => r._tag === "RenewalApplicationTooLate" && r.latestDay === day("2031-01-08"))
  })
  it("approved before expiry: the next term runs from the day after", () => {
    spec
      .given([issued, applied])
      .when({ _tag: "DecideRenewal", licenceId, decision: { _tag: "Approve" } }, approver("2031-03-09"))
      .thenAccepts((events, state) => {
        expect(events).toEqual([
          {
            _tag: "LicenceRenewed",
            licenceId,
            renewedOn: day("2031-03-09"),
            term: { from: day("2031-03-10"), to: day("2036-03-09"), by: "renewal" },
            deemed: false,
            decidedBy: "approver-2",
          },
        ])
        expect(Licence.casesOf(state)).toEqual(["SCJG-2026-000731", "SCJG-2031-000017"])
      })
  })
  // #region deemed-renewal
  it("not decided by the expiry: renewed by law from the day after, whether or not the timer fired", () => {
    const given = spec.given([issued, applied])
    // by law, before any timer: valid the day after the expiry
    expect(Licence.validOn(given.state, day("2031-03-10"))).toBe(true)
    expect(Licence.statusOn(given.state, day("2031-03-10"))).toBe("valid")
    // a decision after the expiry is too late
    given
      .when({ _tag: "DecideRenewal", licenceId, decision: { _tag: "Refuse", reasons: "late" } }, approver("2031-03-10"))
      .thenRejects({
        _tag: "RenewalDecisionTooLate",
        licenceId,
        expiresOn: day("2031-03-09"),
        deemedFrom: day("2031-03-10"),
        today: day("2031-03-10"),
        article: "ALL Art 50",
      })
    // the timer records the renewal the law made
    given.when({ _tag: "DeemRenewed", licenceId }, system("2031-03-10")).thenAccepts((events, state) => {
      expect(events).toMatchObject([
        { _tag: "LicenceRenewed", deemed: true, term: { from: "2031-03-10", to: "2036-03-09" } },
      ])
      expect(Licence.validOn(state, day("2036-03-09"))).toBe(true)
      expect(Licence.validOn(state, day("2036-03-10"))).toBe(false)
    })
  })
  // #endregion deemed-renewal
  it("the timer does not deem a renewal before the term ended", () => {
    spec
      .given([issued, applied])
      .when({ _tag: "DeemRenewed", licenceId }, system("2031-03-09"))
      .thenRejects({ _tag: "TermNotEnded", licenceId, expiresOn: day("2031-03-09"), today: day("2031-03-09") })
  })
  it("refused before expiry: the licence ends with its term and its expiry is recorded", () => {
    const refused: Licence.RenewalRefused = {
      _tag: "RenewalRefused",
      licenceId,
      refusedOn: day("2031-03-01"),
      reasons: "premises no longer meet the conditions",
      decidedBy: "approver-2",
    }
    const given = spec.given([issued, applied, refused])
    expect(Licence.validOn(given.state, day("2031-03-10"))).toBe(false)
    given
      .when({ _tag: "RecordExpiry", licenceId }, system("2031-03-10"))
      .thenEmits([{ _tag: "LicenceExpired", licenceId, lastDay: day("2031-03-09"), recordedOn: day("2031-03-10") }])
  })
  it("an expiry is not recorded while a renewal is pending", () => {
    spec
      .given([issued, applied])
      .when({ _tag: "RecordExpiry", licenceId }, system("2031-03-10"))
      .thenRejects({ _tag: "RenewalPending", licenceId, appliedOn: day("2031-01-15") })
  })
})

describe("ALL Art 49: change", () => {
  it("the holder applies, the authority approves, the licence says the new scope", () => {
    const requested: Licence.ChangeRequested = {
      _tag: "ChangeRequested",
      licenceId,
      requestedOn: day("2027-05-06"),
      alteration: { scope: "食品经营许可：热食类食品制售；冷食类食品制售" },
      reason: "adds cold dishes",
      requestedBy: "holder-legal-rep",
    }
    spec
      .given([issued])
      .when(
        {
          _tag: "RequestChange",
          licenceId,
          alteration: { scope: "食品经营许可：热食类食品制售；冷食类食品制售" },
          reason: "adds cold dishes",
        },
        holder("2027-05-06"),
      )
      .thenEmits([requested])
    spec
      .given([issued, requested])
      .when({ _tag: "DecideChange", licenceId, decision: { _tag: "Approve" } }, approver("2027-05-10"))
      .thenAccepts((_, state) => expect(state.scope).toBe("食品经营许可：热食类食品制售；冷食类食品制售"))
  })
  it("a change that alters nothing is refused", () => {
    spec
      .given([issued])
      .when(
        { _tag: "RequestChange", licenceId, alteration: { scope: grant.scope }, reason: "same" },
        holder("2027-05-06"),
      )
      .thenRejects({ _tag: "NothingToChange", licenceId })
  })
})

describe("suspension by a supervising authority", () => {
  it("makes the licence invalid from the day it starts until the day it is lifted", () => {
    const suspended: Licence.LicenceSuspended = {
      _tag: "LicenceSuspended",
      licenceId,
      suspendedOn: day("2027-06-01"),
      reason: "food safety incident under investigation",
      legalBasis: "食品安全法 Art 126",
      suspendedBy: "supervisor-3",
    }
    spec
      .given([issued, suspended])
      .when({ _tag: "LiftSuspension", licenceId, reason: "rectified" }, supervisor("2027-06-20"))
      .thenAccepts((_, state) => {
        expect(Licence.statusOn(state, day("2027-05-31"))).toBe("valid")
        expect(Licence.statusOn(state, day("2027-06-01"))).toBe("suspended")
        expect(Licence.statusOn(state, day("2027-06-19"))).toBe("suspended")
        expect(Licence.statusOn(state, day("2027-06-20"))).toBe("valid")
      })
    spec
      .given([issued, suspended])
      .when({ _tag: "SuspendLicence", licenceId, reason: "again", legalBasis: "x" }, supervisor("2027-06-02"))
      .thenRejects({ _tag: "AlreadySuspended", licenceId, since: day("2027-06-01") })
  })
})

describe("ALL Art 69: revocation", () => {
  // #region revocation
  it("69(1), the authority's error: compensation on record", () => {
    spec
      .given([issued])
      .when(
        {
          _tag: "RevokeLicence",
          licenceId,
          ground: {
            _tag: "AuthorityError",
            ground: "applicantNotQualified",
            compensation: { _tag: "Owed", basis: "国家赔偿法 Art 4", amountInFen: 1_200_000 },
          },
          reasons: "premises area below the standard was accepted by mistake",
          publicInterest: { seriousHarm: false, assessment: "one restaurant among many in the district" },
        },
        approver("2027-09-01"),
      )
      .thenAccepts((events, state) => {
        expect(events).toMatchObject([{ _tag: "LicenceRevoked", basis: { _tag: "AuthorityError" } }])
        expect(Licence.validOn(state, day("2027-08-31"))).toBe(true)
        expect(Licence.validOn(state, day("2027-09-01"))).toBe(false)
      })
  })
  it("69(2), the holder's fraud: no compensation; the event carries what the credit entry and the Art 79 bar need", () => {
    spec
      .given([issued])
      .when(
        {
          _tag: "RevokeLicence",
          licenceId,
          ground: { _tag: "Fraud", means: "deception", foundOn: day("2027-08-20"), findings: "forged lease" },
          reasons: "the lease of the premises was forged",
          publicInterest: { seriousHarm: false, assessment: "no public interest relies on it" },
        },
        approver("2027-09-01"),
      )
      .thenEmits([
        {
          _tag: "LicenceRevoked",
          licenceId,
          revokedOn: day("2027-09-01"),
          basis: {
            _tag: "Fraud",
            finding: {
              holder: { kind: "enterprise", code: restaurant },
              baseCode: "000101001000",
              implementationCode: "11430100MB1A38544B-000101001000-01",
              concernsSafetyHealthProperty: true,
              caseNo: licenceId,
              means: "deception",
              foundOn: day("2027-08-20"),
              findings: "forged lease",
              entryFromCase: false,
            },
          },
          reasons: "the lease of the premises was forged",
          publicInterest: { seriousHarm: false, assessment: "no public interest relies on it" },
          revokedBy: "approver-2",
        },
      ])
  })
  it("69(3): a revocation that would seriously harm the public interest is withheld, and stays on record", () => {
    spec
      .given([issued])
      .when(
        {
          _tag: "RevokeLicence",
          licenceId,
          ground: {
            _tag: "AuthorityError",
            ground: "procedureViolated",
            compensation: { _tag: "NoHarm", reason: "not revoked" },
          },
          reasons: "the hearing notice was not served",
          publicInterest: { seriousHarm: true, assessment: "the only canteen of the hospital" },
        },
        approver("2027-09-01"),
      )
      .thenAccepts((events, state) => {
        expect(events).toMatchObject([{ _tag: "RevocationWithheld" }])
        expect(Licence.validOn(state, day("2027-09-02"))).toBe(true)
        expect(state.withheldRevocations).toHaveLength(1)
      })
  })
  // #endregion revocation
  it("a finding dated after today is refused", () => {
    spec
      .given([issued])
      .when(
        {
          _tag: "RevokeLicence",
          licenceId,
          ground: { _tag: "Fraud", means: "bribery", foundOn: day("2027-09-02"), findings: "x" },
          reasons: "x",
          publicInterest: { seriousHarm: false, assessment: "x" },
        },
        approver("2027-09-01"),
      )
      .thenRejects({
        _tag: "FindingDateOutOfRange",
        licenceId,
        foundOn: day("2027-09-02"),
        earliest: day("2026-03-06"),
        today: day("2027-09-01"),
      })
  })
  it("a rescinded grant after a false commitment revokes the licence for fraud, from the rescission day", () => {
    spec
      .given([issued])
      .when(
        {
          _tag: "RevokeWithRescindedGrant",
          licenceId,
          rescission: {
            caseNo: licenceId,
            rescindedOn: day("2026-04-20"),
            legalBasis: "行政许可法 第六十九条第二款",
            reasons: "no premises at the committed address",
            falseFinding: { foundOn: day("2026-04-20"), findings: "no premises at the committed address" },
          },
        },
        system("2026-04-21"),
      )
      .thenAccepts((events, state) => {
        expect(events).toMatchObject([
          {
            _tag: "LicenceRevoked",
            revokedOn: "2026-04-20",
            basis: { _tag: "Fraud", finding: { means: "deception", entryFromCase: true } },
          },
        ])
        // the case's FalseCommitmentFound recorded the credit entry already: no second one for the same fact
        expect(Licence.toRecordEntry(events[0] as Licence.LicenceRevoked)).toBeUndefined()
        expect(Licence.validOn(state, day("2026-04-19"))).toBe(true)
        expect(Licence.validOn(state, day("2026-04-20"))).toBe(false)
      })
  })
})

describe("ALL Arts 69(2), 79: what a revocation for fraud sends to the holder's credit record", () => {
  const revokedFor = (ground: Licence.RevokeLicence["ground"], given: Licence.LicenceIssued = issued) => {
    const decided = Decider.run(
      Licence.decider,
      Decider.fold(Licence.decider, [given]),
      {
        _tag: "RevokeLicence",
        licenceId,
        ground,
        reasons: "revoked",
        publicInterest: { seriousHarm: false, assessment: "no public interest relies on it" },
      },
      approver("2027-09-01"),
    )
    if (Result.isFailure(decided)) throw new Error(`refused: ${JSON.stringify(decided.failure)}`)
    return decided.success.events[0] as Licence.LicenceRevoked
  }
  const fraud = {
    _tag: "Fraud",
    means: "bribery",
    foundOn: day("2027-08-20"),
    findings: "bribed the inspector",
  } as const

  it("Art 79: a licence concerning personal health obtained by bribery — a credit entry and a 3-year bar on its base code", () => {
    const revoked = revokedFor(fraud)
    const source = { _tag: "Application", caseNo: licenceId, matterCode: "11430100MB1A38544B-000101001000-01" }
    expect(Licence.toRecordEntry(revoked)).toEqual({
      _tag: "RecordEntry",
      subject: { kind: "enterprise", code: restaurant },
      entryId: "licence/SCJG-2026-000731/fraud",
      kind: "fraudInSafetyHealthProperty",
      source,
      reason: "bribed the inspector",
      effectiveOn: "2027-08-20",
    })
    expect(Licence.toStatutoryBar(revoked)).toEqual({
      _tag: "RecordStatutoryBar",
      subject: { kind: "enterprise", code: restaurant },
      barId: "licence/SCJG-2026-000731/art79",
      article: "ALL Art 79",
      baseCode: "000101001000",
      source,
      reason: "bribed the inspector",
      effectiveOn: "2027-08-20",
    })
  })
  it("Art 79 bars only a licence that directly concerns public safety, health or life and property: otherwise an entry, no bar", () => {
    const ordinary = {
      ...issued,
      grant: { ...grant, matter: { ...grant.matter, concernsSafetyHealthProperty: false } },
    }
    const revoked = revokedFor(fraud, ordinary)
    expect(revoked.basis).toMatchObject({ _tag: "Fraud", finding: { concernsSafetyHealthProperty: false } })
    expect(Licence.toRecordEntry(revoked)).toMatchObject({
      kind: "falseMaterials",
      entryId: "licence/SCJG-2026-000731/fraud",
    })
    expect(Licence.toStatutoryBar(revoked)).toBeUndefined()
  })
  it("Art 69(1), the authority's error, sends nothing to the holder's credit record", () => {
    const revoked = revokedFor({
      _tag: "AuthorityError",
      ground: "procedureViolated",
      compensation: { _tag: "NoHarm", reason: "no loss" },
    })
    expect(Licence.toRecordEntry(revoked)).toBeUndefined()
    expect(Licence.toStatutoryBar(revoked)).toBeUndefined()
  })
})

describe("ALL Art 70: deregistration", () => {
  it("expired and not renewed: only after the term ended with no renewal pending", () => {
    spec
      .given([issued])
      .when({ _tag: "DeregisterLicence", licenceId, ground: "expiredNotRenewed", reasons: "r" }, approver("2031-03-09"))
      .thenRejects({
        _tag: "DeregistrationGroundNotMet",
        licenceId,
        ground: "expiredNotRenewed",
        why: "its term runs until 2031-03-09",
        article: "ALL Art 70",
      })
    spec
      .given([issued])
      .when({ _tag: "DeregisterLicence", licenceId, ground: "expiredNotRenewed", reasons: "r" }, approver("2031-03-10"))
      .thenAccepts((_, state) => expect(state.phase).toBe("deregistered"))
  })
  it("a person's death is not a ground for an enterprise's licence; termination is", () => {
    spec
      .given([issued])
      .when({ _tag: "DeregisterLicence", licenceId, ground: "holderDeceased", reasons: "r" }, approver("2028-01-01"))
      .thenRejects((r) => r._tag === "DeregistrationGroundNotMet" && r.why.includes("organisation"))
    spec
      .given([issued])
      .when(
        { _tag: "DeregisterLicence", licenceId, ground: "holderTerminated", reasons: "dissolved" },
        approver("2028-01-01"),
      )
      .thenAccepts((_, state) => expect(Licence.validOn(state, day("2028-01-01"))).toBe(false))
  })
  it("a revoked licence is deregistered on that ground, and nothing else happens after", () => {
    const revoked: Licence.LicenceRevoked = {
      _tag: "LicenceRevoked",
      licenceId,
      revokedOn: day("2027-09-01"),
      basis: { _tag: "AuthorityError", ground: "beyondPower", compensation: { _tag: "NoHarm", reason: "none" } },
      reasons: "r",
      publicInterest: { seriousHarm: false, assessment: "a" },
      revokedBy: "approver-2",
    }
    spec
      .given([issued, revoked])
      .when({ _tag: "ApplyForRenewal", licenceId }, holder("2027-09-02"))
      .thenRejects({ _tag: "LicenceClosed", licenceId, phase: "revoked", since: day("2027-09-01") })
    spec
      .given([issued, revoked])
      .when(
        { _tag: "DeregisterLicence", licenceId, ground: "revokedOrWithdrawn", reasons: "r" },
        approver("2027-09-02"),
      )
      .thenAccepts((_, state) => expect(Licence.consistent(state)).toBe(true))
  })
})

describe("queries", () => {
  // #region queries
  it("a holder's valid licences on a day, the licence a case produced, the cases a licence came from", () => {
    const licence = Decider.fold(Licence.decider, [issued])
    expect(Licence.validLicencesOf([licence], "91110000600037341L", day("2027-01-04"))).toEqual([licence])
    expect(Licence.validLicencesOf([licence], "91110000600037341L", day("2031-03-10"))).toEqual([])
    expect(Licence.licenceOfCase([licence], "SCJG-2026-000731")).toBe(licence)
    expect(Licence.casesOf(licence)).toEqual(["SCJG-2026-000731"])
  })
  // #endregion queries
  it("grantOf reads the grant of a concluded case, and refuses one that is not", () => {
    const terms = {
      implementationCode: grant.matter.implementationCode,
      baseCode: grant.matter.baseCode,
      name: "食品经营许可",
      validity: grant.matter.validity,
      implementingAuthority: grant.authority,
      concernsSafetyHealthProperty: true,
    }
    const concluded = {
      ...Application.initialState,
      caseNo: licenceId,
      phase: "concluded",
      applicant: grant.holder,
      matter: terms,
      decision: { _tag: "Granted", decidedOn: day("2026-03-06"), approver: "approver-2" },
      certificate: { certificateNo: "JY14301020012345", issuedOn: day("2026-03-10") },
    } as unknown as Application.State
    const read = Licence.grantOf(concluded)
    expect(Result.isSuccess(read) && read.success).toEqual({ ...grant, scope: "食品经营许可" })
    expect(Result.isFailure(Licence.grantOf({ ...concluded, phase: "granted" }))).toBe(true)
    // a matter that says nothing of safety, health or life and property is not presumed to concern them
    const { concernsSafetyHealthProperty: _, ...silentTerms } = terms
    const silent = { ...concluded, matter: silentTerms } as unknown as Application.State
    const plain = Licence.grantOf(silent)
    expect(Result.isSuccess(plain) && plain.success.matter.concernsSafetyHealthProperty).toBe(false)
  })
  it("every event survives an encode/decode round trip", () => {
    const codec = Schema.encodeSync(Licence.Event)
    expect(Schema.decodeUnknownSync(Licence.Event)(codec(issued))).toEqual(issued)
  })
})
