/**
 * Identity codes: real published codes verify, every generated code decodes, every single-character
 * substitution is refused, and each refusal says what is wrong and where.
 */
import { fc, test } from "@fast-check/vitest"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { IdentityCode } from "../src/index.ts"
import {
  authorityTypePairs,
  creditCodeCharacters,
  expectedCreditCheck,
  expectedOrganizationCheck,
  expectedResidentCheck,
  provinceCodes,
  validDivisionCode,
  validResidentIdNumber,
  validUnifiedSocialCreditCode,
} from "./arbitraries/identityCode.ts"

const problemOf = (schema: Schema.Codec<unknown, string>, input: unknown): string => {
  const result = Schema.decodeUnknownResult(schema)(input)
  if (Result.isSuccess(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return result.failure.message
}

/** Characters outside every alphabet used here; some are one code unit, some two. */
const foreignCharacters = ["I", "O", "S", "V", "Z", "a", "l", "x", " ", "-", "_", "Ｌ", "０", "中", "😀"]

/** Every code that differs from `code` in exactly one character (or by a deleted character). */
const substitutions = (code: string, alphabet: ReadonlyArray<string>): Array<string> => {
  const variants: Array<string> = []
  for (let position = 0; position < code.length; position++) {
    const original = code[position] as string
    const replacements = new Set([...alphabet, ...foreignCharacters, original.toLowerCase()])
    replacements.delete(original)
    for (const replacement of [...replacements, ""])
      variants.push(code.slice(0, position) + replacement + code.slice(position + 1))
  }
  return variants
}

// ---------------------------------------------------------------------------------------------

/**
 * Codes published as valid in the test suite of python-stdnum (arthurdejong/python-stdnum,
 * tests/test_cn_uscc.doctest, "found online and should all be valid numbers"), chosen to cover
 * check characters 0 (the 31 → 0 case), digits and letters, organization check characters X and
 * 0, and authorities 1 and 9; plus 12440600MB2C07549J (xbeginagain/generator issue #2) and
 * 92141127MA0KD1Y64A (jaywcjlove/regexp-example issue #23, confirmed there against the national
 * code service).
 */
const publishedCreditCodes = [
  "121200004013590816",
  "91110000600037341L",
  "91110000710926094P",
  "91120224064012553U",
  "911522010783762860",
  "9115220107837757XE",
  "9115220107837941X1",
  "913101127033980359",
  "91310115MA1K3BTP2B",
  "91340600MA2PBM9HXD",
  "91620105L015101280",
  "92340604MA2PENA300",
  "92340603MA2UK1TD00",
  "92340621MA2UK3PJXE",
  "12440600MB2C07549J",
  "92141127MA0KD1Y64A",
]

describe("UnifiedSocialCreditCode", () => {
  it("accepts published codes and recomputes their check characters", () => {
    for (const code of publishedCreditCodes) {
      expect(IdentityCode.isUnifiedSocialCreditCode(code), code).toBe(true)
      expect(IdentityCode.unifiedSocialCreditCheckCharacter(code.slice(0, 17)), code).toBe(code[17])
      expect(IdentityCode.organizationCodeCheckCharacter(code.slice(8, 16)), code).toBe(code[16])
    }
  })

  it("turns a weighted sum that is a multiple of 31 into check character 0, not 31", () => {
    expect(IdentityCode.unifiedSocialCreditCheckCharacter("00000000000000000")).toBe("0")
    // 1·1 + 30·3 = 91 ≡ 29: check 31 − 29 = 2; 1·1 + 10·3 = 31 ≡ 0: check 0
    expect(IdentityCode.unifiedSocialCreditCheckCharacter("1Y000000000000000")).toBe("2")
    expect(IdentityCode.unifiedSocialCreditCheckCharacter("1A000000000000000")).toBe("0")
  })

  test.prop([fc.string({ unit: fc.constantFrom(...creditCodeCharacters), minLength: 17, maxLength: 17 })])(
    "the check character completes Σ Ci·3^(i-1) to a multiple of 31",
    (body) => {
      expect(IdentityCode.unifiedSocialCreditCheckCharacter(body)).toBe(expectedCreditCheck(body))
    },
  )

  test.prop([
    fc.string({ unit: fc.constantFrom(..."0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"), minLength: 8, maxLength: 8 }),
  ])("the organization code check follows GB 11714 over the full alphabet", (body) => {
    expect(IdentityCode.organizationCodeCheckCharacter(body)).toBe(expectedOrganizationCheck(body))
  })

  test.prop([validUnifiedSocialCreditCode])("every generated code decodes to itself", (code) => {
    expect(Schema.decodeUnknownSync(IdentityCode.UnifiedSocialCreditCode)(code)).toBe(code)
    expect(IdentityCode.makeUnifiedSocialCreditCode(code)).toBe(code)
    expect(IdentityCode.isUnifiedSocialCreditCode(code)).toBe(true)
  })

  test.prop([validUnifiedSocialCreditCode])("every single-character substitution is refused", (code) => {
    const accepted = substitutions(code, creditCodeCharacters).filter(IdentityCode.isUnifiedSocialCreditCode)
    expect(accepted).toEqual([])
  })

  it("accepts every authority and type pair in use, and no other", () => {
    const pairs = new Set(authorityTypePairs)
    for (const authority of creditCodeCharacters)
      for (const type of creditCodeCharacters) {
        const body = `${authority}${type}430102MA4L0000${expectedOrganizationCheck("MA4L0000")}`
        const code = `${body}${expectedCreditCheck(body)}`
        expect(IdentityCode.isUnifiedSocialCreditCode(code), code).toBe(pairs.has(`${authority}${type}`))
      }
  })

  it("says what is wrong", () => {
    const schema = IdentityCode.UnifiedSocialCreditCode
    expect(problemOf(schema, "91110000600037341")).toBe(
      "a unified social credit code (统一社会信用代码) has 18 characters, got 17 characters",
    )
    expect(problemOf(schema, "9111000060003734IL")).toBe(
      'character "I" at position 17 is not allowed: a unified social credit code uses 0-9 and A-Z without I, O, S, V, Z',
    )
    expect(problemOf(schema, "91110000600037341l")).toBe(
      'character "l" at position 18 is not allowed: letters are written in capitals',
    )
    expect(problemOf(schema, "9111A000600037341L")).toBe(
      'character "A" at position 5 is not allowed: positions 3–8 (the registration division) are digits',
    )
    expect(problemOf(schema, "B1110000600037341L")).toBe(
      'registration authority "B" at position 1 is not defined (known: 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y)',
    )
    expect(problemOf(schema, "94110000600037341L")).toBe(
      'organization type "4" at position 2 is not defined for registration authority "9" (工商; known types: 1, 2, 3)',
    )
    expect(problemOf(schema, "91990000600037341L")).toContain(
      'registration division at positions 3–8 "990000" is not an administrative division code (GB/T 2260): "99" is not a province-level code',
    )
    expect(problemOf(schema, "91110000600037342L")).toBe(
      'check character of the organization code (GB 11714, positions 9–17) at position 17 is "2" but should be "1"',
    )
    expect(problemOf(schema, "91110000600037341N")).toBe('check character at position 18 is "N" but should be "L"')
    expect(problemOf(schema, 91110000)).toContain("Expected string")
  })

  it("accepts the country as the registration division of central-level bodies", () => {
    const body = `11100000${"00001312"}${expectedOrganizationCheck("00001312")}`
    expect(IdentityCode.isUnifiedSocialCreditCode(`${body}${expectedCreditCheck(body)}`)).toBe(true)
  })

  it("refuses to compute a check character from anything but 17 characters of the set", () => {
    expect(() => IdentityCode.unifiedSocialCreditCheckCharacter("9111000060003734")).toThrow(RangeError)
    expect(() => IdentityCode.unifiedSocialCreditCheckCharacter("9111000060003734I")).toThrow(RangeError)
    expect(() => IdentityCode.organizationCodeCheckCharacter("6000373")).toThrow(RangeError)
    expect(() => IdentityCode.makeUnifiedSocialCreditCode("91110000600037341N")).toThrow(
      'check character at position 18 is "N" but should be "L"',
    )
  })

  it("reads typed input: trims and capitalises, then checks", () => {
    const fromInput = Schema.decodeUnknownSync(IdentityCode.UnifiedSocialCreditCodeFromInput)
    expect(fromInput(" 91310115ma1k3btp2b\n")).toBe("91310115MA1K3BTP2B")
    expect(() => fromInput("91310115ma1k3btp2c")).toThrow('check character at position 18 is "C" but should be "B"')
    expect(Schema.encodeSync(IdentityCode.UnifiedSocialCreditCodeFromInput)(fromInput("91310115MA1K3BTP2B"))).toBe(
      "91310115MA1K3BTP2B",
    )
  })
})

// ---------------------------------------------------------------------------------------------

/**
 * Numbers that verify: 11010519491231002X is the worked example of GB 11643-1999; the others are
 * from the test suite of python-stdnum (arthurdejong/python-stdnum, tests/test_cn_ric.doctest).
 */
const publishedResidentIdNumbers = [
  "11010519491231002X",
  "360426199101010071",
  "44011320141005001X",
  "412723199010050012",
  "110102199101010078",
  "120110198012010073",
  "120110199212010072",
]

const residentIdCharacters = [..."0123456789X"]

const digits3 = fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 3, maxLength: 3 })

describe("ResidentIdNumber", () => {
  it("accepts published numbers and recomputes their check characters", () => {
    for (const id of publishedResidentIdNumbers) {
      expect(IdentityCode.isResidentIdNumber(id), id).toBe(true)
      expect(IdentityCode.residentIdCheckCharacter(id.slice(0, 17)), id).toBe(id[17])
    }
  })

  it("refuses the numbers python-stdnum lists as invalid", () => {
    expect(problemOf(IdentityCode.ResidentIdNumber, "36042619910102009X")).toBe(
      'check character at position 18 is "X" but should be "3"',
    )
    expect(problemOf(IdentityCode.ResidentIdNumber, "360426199113010079")).toBe(
      "birth date 19911301 at positions 7–14 is not a real date",
    )
    expect(problemOf(IdentityCode.ResidentIdNumber, "T60426199101010078")).toBe(
      'character "T" at position 1 is not allowed: positions 1–17 are digits',
    )
  })

  test.prop([fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 17, maxLength: 17 })])(
    "the check character completes Σ ai·2^(18-i) to 1 modulo 11",
    (body) => {
      expect(IdentityCode.residentIdCheckCharacter(body)).toBe(expectedResidentCheck(body))
    },
  )

  test.prop([validResidentIdNumber])("every generated number decodes to itself", (id) => {
    expect(Schema.decodeUnknownSync(IdentityCode.ResidentIdNumber)(id)).toBe(id)
    expect(IdentityCode.makeResidentIdNumber(id)).toBe(id)
    expect(IdentityCode.birthDate(id)).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)
    expect(IdentityCode.divisionOf(id)).toBe(id.slice(0, 6))
  })

  test.prop([validResidentIdNumber])("every single-character substitution is refused", (id) => {
    const accepted = substitutions(id, residentIdCharacters).filter(IdentityCode.isResidentIdNumber)
    expect(accepted).toEqual([])
  })

  it("says what is wrong, without repeating the whole number", () => {
    const schema = IdentityCode.ResidentIdNumber
    const problems = [
      ["11010519491231002", "a resident identity number (公民身份号码) has 18 characters, got 17 characters"],
      [
        "110105491231002",
        "a resident identity number (公民身份号码) has 18 characters; this is a 15-digit first-generation number, which must be upgraded to 18 characters first",
      ],
      ["1101051949123100X2", 'character "X" at position 17 is not allowed: positions 1–17 are digits'],
      [
        "11010519491231002x",
        'check character "x" at position 18 must be a capital "X" (decode with ResidentIdNumberFromInput to accept lower case)',
      ],
      ["11010519491231002Y", 'character "Y" at position 18 is not allowed: the check character is a digit or "X"'],
      [
        "910105194912310023",
        'division at positions 1–6 "910105" is not an administrative division code (GB/T 2260): "91" is not a province-level code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82)',
      ],
      ["110105199902310021", "birth date 19990231 at positions 7–14 is not a real date"],
      ["110105190002290021", "birth date 19000229 at positions 7–14 is not a real date"],
      ["110105189912310021", "birth date 18991231 at positions 7–14 is before 1900"],
      ["110105194912310021", 'check character at position 18 is "1" but should be "X"'],
    ] as const
    for (const [input, message] of problems) {
      const problem = problemOf(schema, input)
      expect(problem, input).toBe(message)
      expect(problem).not.toContain(input)
    }
  })

  const birthDates = fc.oneof(
    fc
      .tuple(fc.integer({ min: 1890, max: 2110 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([year, month, day]) => `${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}`),
    fc.constantFrom("19000229", "21000229", "20000229", "19960229", "19970229", "19990431", "19991231", "18991231"),
  )

  /** The rule, checked by the platform's own calendar: a real date from 1900-01-01 on. */
  const isBirthDateByRule = (birth: string): boolean => {
    const iso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`
    const date = new Date(`${iso}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso && iso >= "1900-01-01"
  }

  test.prop([birthDates, digits3])(
    "accepts a birth date exactly when it is a real date from 1900 on",
    (birth, sequence) => {
      const body = `430102${birth}${sequence}`
      expect(IdentityCode.isResidentIdNumber(`${body}${expectedResidentCheck(body)}`)).toBe(isBirthDateByRule(birth))
    },
  )

  it("accepts 29 February in a leap year", () => {
    const body = "11010520000229002"
    expect(IdentityCode.isResidentIdNumber(`${body}${expectedResidentCheck(body)}`)).toBe(true)
  })

  it("refuses to compute a check character from anything but 17 digits", () => {
    expect(() => IdentityCode.residentIdCheckCharacter("1101051949123100")).toThrow(RangeError)
    expect(() => IdentityCode.residentIdCheckCharacter("1101051949123100A")).toThrow(RangeError)
    expect(() => IdentityCode.makeResidentIdNumber("110105199902310021")).toThrow(
      "birth date 19990231 at positions 7–14 is not a real date",
    )
  })

  it("reads typed input: trims and capitalises the check character x, then checks", () => {
    const fromInput = Schema.decodeUnknownSync(IdentityCode.ResidentIdNumberFromInput)
    expect(fromInput(" 11010519491231002x ")).toBe("11010519491231002X")
    expect(() => fromInput("11010519491231003x")).toThrow('check character at position 18 is "X" but should be "8"')
  })
})

// ---------------------------------------------------------------------------------------------

/** The rule, stated independently: six digits whose first two are a province-level code. */
const isDivisionCodeByRule = (text: string): boolean => /^\d{6}$/.test(text) && provinceCodes.includes(text.slice(0, 2))

describe("DivisionCode", () => {
  test.prop([validDivisionCode])("every generated code decodes to itself", (code) => {
    expect(IdentityCode.makeDivisionCode(code)).toBe(code)
  })

  test.prop([
    fc.oneof(
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 6, maxLength: 6 }),
      fc.string({ unit: fc.constantFrom(..."0123456789 A"), minLength: 0, maxLength: 8 }),
    ),
  ])("accepts exactly six digits with a province-level prefix", (text) => {
    expect(IdentityCode.isDivisionCode(text)).toBe(isDivisionCodeByRule(text))
  })

  it("knows every province-level code and no other", () => {
    for (let prefix = 0; prefix < 100; prefix++) {
      const code = `${String(prefix).padStart(2, "0")}0000`
      expect(IdentityCode.isDivisionCode(code), code).toBe(provinceCodes.includes(code.slice(0, 2)))
    }
    expect(provinceCodes).toHaveLength(34)
  })

  it("tells the level and the province", () => {
    const changsha = IdentityCode.makeDivisionCode("430100")
    const furong = IdentityCode.makeDivisionCode("430102")
    const hunan = IdentityCode.makeDivisionCode("430000")
    expect(IdentityCode.province(furong)).toBe("430000")
    expect([hunan, changsha, furong].map(IdentityCode.isProvince)).toEqual([true, false, false])
    expect([hunan, changsha, furong].map(IdentityCode.isPrefecture)).toEqual([false, true, false])
    expect([hunan, changsha, furong].map(IdentityCode.isCounty)).toEqual([false, false, true])
  })

  it("says what is wrong", () => {
    const schema = IdentityCode.DivisionCode
    expect(problemOf(schema, "43010")).toBe(
      "an administrative division code (行政区划代码) has 6 characters, got 5 characters",
    )
    expect(problemOf(schema, "4301O2")).toBe('character "O" at position 5 is not allowed: a division code has 6 digits')
    expect(problemOf(schema, "100000")).toBe(
      'code "100000" is not an administrative division code (GB/T 2260): "10" is not a province-level code (11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82)',
    )
  })
})
