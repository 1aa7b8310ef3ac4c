/**
 * Arbitraries for identity codes: valid unified social credit codes, resident identity numbers and
 * division codes. The check characters are worked out here from the formulas of the standards
 * (GB 32100, GB 11714, GB 11643), never by calling the code under test, so a property over these
 * codes also checks the arithmetic of `IdentityCode`.
 */
import { fc } from "@fast-check/vitest"
import type { IdentityCode } from "../../src/index.ts"

/** GB 32100 character set: 0-9 and A-Z without I, O, S, V, Z. */
export const creditCodeCharacters: ReadonlyArray<string> = [..."0123456789ABCDEFGHJKLMNPQRTUWXY"]

/** GB/T 2260 province-level codes. */
export const provinceCodes: ReadonlyArray<string> = [
  ...["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"],
  ...["41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"],
  ...["71", "81", "82"],
]

/** Registration authority (position 1) and organization type (position 2) pairs in use. */
export const authorityTypePairs: ReadonlyArray<string> = [
  ...["11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49"],
  ...["51", "52", "53", "59", "61", "62", "69", "71", "72", "79", "81", "89", "91", "92", "93"],
  ...["A1", "A9", "N1", "N2", "N3", "N9", "Y1"],
]

const power = (base: number, exponent: number, modulus: number): number => {
  let result = 1
  for (let i = 0; i < exponent; i++) result = (result * base) % modulus
  return result
}

/** GB 32100: C18 is the value that makes Σ(i=1..17) Ci·3^(i-1) + C18 ≡ 0 (mod 31). */
export const expectedCreditCheck = (body: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += creditCodeCharacters.indexOf(body[i] as string) * power(3, i, 31)
  return creditCodeCharacters[(31 - (sum % 31)) % 31] as string
}

/** GB 11714: C9 = 11 − (Σ Ci·Wi mod 11); 10 is X, 11 is 0; letters A–Z are worth 10–35. */
export const expectedOrganizationCheck = (body: string): string => {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body[i] as string, 36) * (weights[i] as number)
  const check = (11 - (sum % 11)) % 11
  return check === 10 ? "X" : String(check)
}

/** ISO 7064 MOD 11-2: the check a18 makes Σ(i=1..18) ai·2^(18-i) ≡ 1 (mod 11); 10 is X. */
export const expectedResidentCheck = (body: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * power(2, 17 - i, 11)
  for (let check = 0; check <= 10; check++) if ((sum + check) % 11 === 1) return check === 10 ? "X" : String(check)
  throw new Error("unreachable: some check in 0..10 always completes the sum")
}

const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length })

/** A valid division code: a real province-level code, then any prefecture and county digits (00 included). */
export const validDivisionCode: fc.Arbitrary<IdentityCode.DivisionCode> = fc
  .tuple(
    fc.constantFrom(...provinceCodes),
    fc.oneof(fc.constant("00"), digits(2)),
    fc.oneof(fc.constant("00"), digits(2)),
  )
  .map(([provinceCode, prefecture, county]) => `${provinceCode}${prefecture}${county}` as IdentityCode.DivisionCode)

/** A valid unified social credit code with a defined authority/type pair and both check characters. */
export const validUnifiedSocialCreditCode: fc.Arbitrary<IdentityCode.UnifiedSocialCreditCode> = fc
  .tuple(
    fc.constantFrom(...authorityTypePairs),
    fc.oneof({ weight: 1, arbitrary: fc.constant("100000") }, { weight: 4, arbitrary: validDivisionCode }),
    fc.string({ unit: fc.constantFrom(...creditCodeCharacters), minLength: 8, maxLength: 8 }),
  )
  .map(([pair, division, organization]) => {
    const body = `${pair}${division}${organization}${expectedOrganizationCheck(organization)}`
    return `${body}${expectedCreditCheck(body)}` as IdentityCode.UnifiedSocialCreditCode
  })

const birthDates = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10).replaceAll("-", ""))

/** A valid resident identity number born 1900–2099. */
export const validResidentIdNumber: fc.Arbitrary<IdentityCode.ResidentIdNumber> = fc
  .tuple(validDivisionCode, birthDates, digits(3))
  .map(([division, birth, sequence]) => {
    const body = `${division}${birth}${sequence}`
    return `${body}${expectedResidentCheck(body)}` as IdentityCode.ResidentIdNumber
  })
