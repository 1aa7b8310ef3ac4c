/**
 * The codes that identify who applies: an enterprise or other organisation by its unified social
 * credit code (统一社会信用代码, GB 32100-2015), a person by the resident identity number
 * (公民身份号码, GB 11643-1999), and places by the administrative division code (行政区划代码,
 * GB/T 2260). Each is a branded string schema whose failures say what is wrong and where.
 *
 * What is checked, and what is not:
 *
 * - **Unified social credit code**: 18 characters from `0-9A-HJ-NPQRTUWXY` (A–Z without I, O, S, V,
 *   Z), positions 3–8 digits; position 1 a registration authority and position 2 one of its
 *   organization types (1 机构编制: 1 2 3 9; 2 外交: 1 9; 3 司法行政: 1–5 9; 4 文化: 1 9; 5 民政: 1 2 3 9;
 *   6 旅游: 1 2 9; 7 宗教: 1 2 9; 8 工会: 1 9; 9 工商: 1 2 3; A 中央军委改革和编制办公室: 1 9;
 *   N 农业: 1 2 3 9; Y 其他: 1); positions 3–8 `100000` (the country, for central-level bodies) or a
 *   code whose first two digits are a province-level code; position 17 the GB 11714 check character
 *   of the organization code in positions 9–17 (every published code we tested satisfies it,
 *   individual businesses' `92…` codes included); position 18 the GB 32100 check character. Whether
 *   the division code still exists, and whether the code was ever issued, are not checkable here.
 *   A few codes issued before 2016 (reported for Xiamen) fail the check character and are rejected.
 * - **Resident identity number**: 17 digits and a check character `0-9` or `X` (ISO 7064 MOD 11-2);
 *   positions 1–6 a division code whose first two digits are a province-level code; positions 7–14 a
 *   real date from 1900-01-01 on. That the birth date is not in the future depends on today and is
 *   left to the caller. The 15-digit first-generation number is rejected with a message that says so.
 *   Residence permits of Hong Kong and Macao residents (`81…`, `82…`) share the format and pass;
 *   those of Taiwan residents (`83…`) and foreigners' permanent residence cards (`9…`) do not.
 * - **Division code**: 6 digits whose first two are a province-level code (11–15, 21–23, 31–37,
 *   41–46, 50–54, 61–65, 71, 81, 82). Whether the prefecture and county exist is not checked.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as SchemaGetter from "effect/SchemaGetter"
import type { CalendarDate } from "./CalendarDate.ts"
import {
  creditCheckCharacter,
  creditCodeAlphabet,
  divisionCodeProblem,
  organizationCheckCharacter,
  residentCheckCharacter,
  residentIdNumberProblem,
  unifiedSocialCreditCodeProblem,
} from "./internal/identityCode.ts"

const reporting = (problem: (text: string) => string | undefined) => Schema.makeFilter<string>((text) => problem(text))

// ---------------------------------------------------------------------------------------------
// division codes
// ---------------------------------------------------------------------------------------------

/**
 * A 6-digit administrative division code (行政区划代码, GB/T 2260) of a province, prefecture or
 * county: `PPCCDD`, where `PP` is a province-level code.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { IdentityCode } from "@yiciban/core"
 *
 * Schema.decodeUnknownSync(IdentityCode.DivisionCode)("430102") // ok: 长沙市芙蓉区
 * Schema.decodeUnknownSync(IdentityCode.DivisionCode)("990102") // throws: "99" is not a province-level code
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const DivisionCode = Schema.String.check(reporting(divisionCodeProblem)).pipe(Schema.brand("DivisionCode"))

/**
 * @category models
 * @since 0.1.0
 */
export type DivisionCode = typeof DivisionCode.Type

/**
 * Reads a division code literal, throwing a descriptive error when it is not one. Meant for
 * literals in code and tests; decode untrusted input with the schema.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeDivisionCode = (text: string): DivisionCode => Schema.decodeUnknownSync(DivisionCode)(text)

/**
 * True when the value is a division code.
 *
 * @category guards
 * @since 0.1.0
 */
export const isDivisionCode: (input: unknown) => input is DivisionCode = Schema.is(DivisionCode)

/**
 * The province-level division a code lies in (`430102` → `430000`).
 *
 * @example
 * ```ts
 * import { IdentityCode } from "@yiciban/core"
 *
 * IdentityCode.province(IdentityCode.makeDivisionCode("430102")) // "430000"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const province = (code: DivisionCode): DivisionCode => `${code.slice(0, 2)}0000` as DivisionCode

/**
 * True when the code names a province-level division (省级: `PP0000`).
 *
 * @category guards
 * @since 0.1.0
 */
export const isProvince = (code: DivisionCode): boolean => code.endsWith("0000")

/**
 * True when the code names a prefecture-level division (地级: `PPCC00`, `CC` not `00`).
 *
 * @category guards
 * @since 0.1.0
 */
export const isPrefecture = (code: DivisionCode): boolean => code.endsWith("00") && !code.endsWith("0000")

/**
 * True when the code names a county-level division (县级: the last two digits are not `00`).
 *
 * @category guards
 * @since 0.1.0
 */
export const isCounty = (code: DivisionCode): boolean => !code.endsWith("00")

// ---------------------------------------------------------------------------------------------
// unified social credit codes
// ---------------------------------------------------------------------------------------------

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): the 18-character identity of an
 * enterprise, public institution, social organisation or other organisation. See the module
 * documentation for what is checked.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { IdentityCode } from "@yiciban/core"
 *
 * Schema.decodeUnknownSync(IdentityCode.UnifiedSocialCreditCode)("91110000600037341L") // ok
 * Schema.decodeUnknownSync(IdentityCode.UnifiedSocialCreditCode)("91110000600037341N")
 * // throws: check character at position 18 is "N" but should be "L"
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const UnifiedSocialCreditCode = Schema.String.check(reporting(unifiedSocialCreditCodeProblem)).pipe(
  Schema.brand("UnifiedSocialCreditCode"),
)

/**
 * @category models
 * @since 0.1.0
 */
export type UnifiedSocialCreditCode = typeof UnifiedSocialCreditCode.Type

/**
 * A unified social credit code as people type it: surrounding white space is removed and letters
 * are turned into capitals before the code is checked. Encodes to the canonical form.
 *
 * @category schemas
 * @since 0.1.0
 */
export const UnifiedSocialCreditCodeFromInput = Schema.String.pipe(
  Schema.decodeTo(UnifiedSocialCreditCode, {
    decode: SchemaGetter.transform((text: string) => text.trim().toUpperCase()),
    encode: SchemaGetter.transform((text: string) => text),
  }),
)

/**
 * Reads a unified social credit code literal, throwing a descriptive error when it is not one.
 * Meant for literals in code and tests; decode untrusted input with the schema.
 *
 * @example
 * ```ts
 * import { IdentityCode } from "@yiciban/core"
 *
 * const applicant = IdentityCode.makeUnifiedSocialCreditCode("91110000600037341L")
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeUnifiedSocialCreditCode = (text: string): UnifiedSocialCreditCode =>
  Schema.decodeUnknownSync(UnifiedSocialCreditCode)(text)

/**
 * True when the value is a unified social credit code.
 *
 * @category guards
 * @since 0.1.0
 */
export const isUnifiedSocialCreditCode: (input: unknown) => input is UnifiedSocialCreditCode =
  Schema.is(UnifiedSocialCreditCode)

/**
 * The check character (position 18) of a unified social credit code from its first 17 characters:
 * with the character values 0–30 of `0-9A-HJ-NPQRTUWXY` and the weights Wi = 3^(i-1) mod 31,
 * C18 = 31 − (Σ Ci·Wi mod 31), where 31 becomes 0. Throws a `RangeError` when the input is not 17
 * characters of that set.
 *
 * @example
 * ```ts
 * import { IdentityCode } from "@yiciban/core"
 *
 * IdentityCode.unifiedSocialCreditCheckCharacter("91110000600037341") // "L"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const unifiedSocialCreditCheckCharacter = (first17: string): string => {
  if (first17.length !== 17 || [...first17].some((character) => !creditCodeAlphabet.includes(character)))
    throw new RangeError(
      `expected the first 17 characters of a unified social credit code (0-9, A-Z without I, O, S, V, Z), got ${JSON.stringify(first17)}`,
    )
  return creditCheckCharacter(first17)
}

/**
 * The GB 11714 check character of a 9-character organization code (组织机构代码) from its first 8
 * characters (digits and capital letters): with the weights 3, 7, 9, 10, 5, 8, 4, 2,
 * C9 = 11 − (Σ Ci·Wi mod 11), where 10 becomes `X` and 11 becomes `0`. In a unified social credit
 * code it is position 17. Throws a `RangeError` on other input.
 *
 * @example
 * ```ts
 * import { IdentityCode } from "@yiciban/core"
 *
 * IdentityCode.organizationCodeCheckCharacter("60003734") // "1"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const organizationCodeCheckCharacter = (first8: string): string => {
  if (!/^[0-9A-Z]{8}$/.test(first8))
    throw new RangeError(
      `expected the first 8 characters of an organization code (0-9, A-Z), got ${JSON.stringify(first8)}`,
    )
  return organizationCheckCharacter(first8)
}

// ---------------------------------------------------------------------------------------------
// resident identity numbers
// ---------------------------------------------------------------------------------------------

/**
 * A resident identity number (公民身份号码, GB 11643-1999): 6-digit division code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women) and a check character `0-9` or `X`. A
 * lower-case `x` is rejected; decode with {@link ResidentIdNumberFromInput} to accept it.
 *
 * The number is personal data: error messages name the part that is wrong, never the whole number.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { IdentityCode } from "@yiciban/core"
 *
 * Schema.decodeUnknownSync(IdentityCode.ResidentIdNumber)("11010519491231002X") // ok
 * Schema.decodeUnknownSync(IdentityCode.ResidentIdNumber)("110105199902310021")
 * // throws: birth date 19990231 at positions 7–14 is not a real date
 * ```
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResidentIdNumber = Schema.String.check(reporting(residentIdNumberProblem)).pipe(
  Schema.brand("ResidentIdNumber"),
)

/**
 * @category models
 * @since 0.1.0
 */
export type ResidentIdNumber = typeof ResidentIdNumber.Type

/**
 * A resident identity number as people type it: surrounding white space is removed and a
 * lower-case check character `x` becomes `X` before the number is checked. Encodes to the
 * canonical form.
 *
 * @category schemas
 * @since 0.1.0
 */
export const ResidentIdNumberFromInput = Schema.String.pipe(
  Schema.decodeTo(ResidentIdNumber, {
    decode: SchemaGetter.transform((text: string) => text.trim().toUpperCase()),
    encode: SchemaGetter.transform((text: string) => text),
  }),
)

/**
 * Reads a resident identity number literal, throwing a descriptive error when it is not one.
 * Meant for literals in code and tests; decode untrusted input with the schema.
 *
 * @category constructors
 * @since 0.1.0
 */
export const makeResidentIdNumber = (text: string): ResidentIdNumber => Schema.decodeUnknownSync(ResidentIdNumber)(text)

/**
 * True when the value is a resident identity number.
 *
 * @category guards
 * @since 0.1.0
 */
export const isResidentIdNumber: (input: unknown) => input is ResidentIdNumber = Schema.is(ResidentIdNumber)

/**
 * The check character (position 18) of a resident identity number from its first 17 digits,
 * ISO 7064 MOD 11-2: with the weights Wi = 2^(18-i) mod 11, check = (12 − (Σ ai·Wi mod 11)) mod 11,
 * where 10 is written `X`. Throws a `RangeError` when the input is not 17 digits.
 *
 * @example
 * ```ts
 * import { IdentityCode } from "@yiciban/core"
 *
 * IdentityCode.residentIdCheckCharacter("11010519491231002") // "X"
 * ```
 *
 * @category combinators
 * @since 0.1.0
 */
export const residentIdCheckCharacter = (first17: string): string => {
  if (!/^\d{17}$/.test(first17))
    throw new RangeError(`expected the first 17 digits of a resident identity number, got ${first17.length} characters`)
  return residentCheckCharacter(first17)
}

/**
 * The birth date written in a resident identity number (positions 7–14).
 *
 * @category combinators
 * @since 0.1.0
 */
export const birthDate = (id: ResidentIdNumber): CalendarDate =>
  `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` as CalendarDate

/**
 * The division code written in a resident identity number (positions 1–6): where the number was
 * first issued, not necessarily where the person lives.
 *
 * @category combinators
 * @since 0.1.0
 */
export const divisionOf = (id: ResidentIdNumber): DivisionCode => id.slice(0, 6) as DivisionCode

/**
 * What a resident identity number reads as once its subject's personal data was erased (PIPL Art
 * 47): `erased:` and the subject's pseudonym (64 hexadecimal digits, the keyed hash the runtime
 * names the subject by). Events and states accept it where they hold a person's identity number,
 * so a case of an erased person still replays and its deciders and projections keep working;
 * commands never accept it (a caller cannot act as an erased person).
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { IdentityCode } from "@yiciban/core"
 *
 * IdentityCode.isErasedCode(`erased:${"0".repeat(64)}`) // true
 * IdentityCode.isErasedCode("430102199003077716") // false
 * ```
 *
 * @category schemas
 * @since 0.2.0
 */
export const ErasedCode = Schema.String.check(
  reporting((text) =>
    /^erased:[0-9a-f]{64}$/.test(text) ? undefined : "an erased code is `erased:` and 64 lower-case hex digits",
  ),
).pipe(Schema.brand("ErasedCode"))

/**
 * @category models
 * @since 0.2.0
 */
export type ErasedCode = typeof ErasedCode.Type

/**
 * True when the value is an {@link ErasedCode}.
 *
 * @category guards
 * @since 0.2.0
 */
export const isErasedCode: (input: unknown) => input is ErasedCode = Schema.is(ErasedCode)

/**
 * The erased code of the subject with `pseudonym` (64 lower-case hex digits).
 *
 * @category constructors
 * @since 0.2.0
 */
export const erasedCodeOf = (pseudonym: string): ErasedCode =>
  Schema.decodeUnknownSync(ErasedCode)(`erased:${pseudonym}`)

/**
 * What a person's name reads as once the person's data was erased.
 *
 * @category constructors
 * @since 0.2.0
 */
export const erasedName = "(erased)"

/**
 * A person's code as events and states hold it: a resident identity number, or the
 * {@link ErasedCode} it reads as after erasure.
 *
 * @category schemas
 * @since 0.2.0
 */
export const PersonCode = Schema.Union([ResidentIdNumber, ErasedCode])

/**
 * @category models
 * @since 0.2.0
 */
export type PersonCode = typeof PersonCode.Type
