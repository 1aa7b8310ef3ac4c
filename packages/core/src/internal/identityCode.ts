/**
 * The tables and arithmetic behind `IdentityCode`: character sets, weights, the registration
 * authority table of GB 32100 and the province-level codes of GB/T 2260. Each `…Problem` function
 * returns the first thing wrong with a text, or `undefined` when there is nothing wrong.
 */

import { isRealDay } from "../CalendarDate.ts"

/** GB 32100-2015 character set: 0-9 and A-Z without I, O, S, V, Z; a character's value is its index. */
export const creditCodeAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

/** GB 32100-2015 weights Wi = 3^(i-1) mod 31 for positions 1–17. */
export const creditCodeWeights: ReadonlyArray<number> = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** GB 11714-1997 weights for the 8 body characters of an organization code. */
export const organizationCodeWeights: ReadonlyArray<number> = [3, 7, 9, 10, 5, 8, 4, 2]

/** GB 11643-1999 (ISO 7064 MOD 11-2) weights Wi = 2^(18-i) mod 11 for positions 1–17. */
export const residentIdWeights: ReadonlyArray<number> = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

/**
 * Registration authorities (登记管理部门, position 1) and the organization types (机构类别, position 2)
 * each may register. GB 32100-2015 defines 1, 5, 9 and Y; the other authorities were assigned
 * afterwards by the code's administering body and are used on issued codes.
 */
export const registrationAuthorities: Readonly<
  Record<string, { readonly name: string; readonly types: Readonly<Record<string, string>> }>
> = {
  "1": {
    name: "机构编制",
    types: { "1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他" },
  },
  "2": { name: "外交", types: { "1": "外国常驻新闻机构", "9": "其他" } },
  "3": {
    name: "司法行政",
    types: {
      "1": "律师执业机构",
      "2": "公证处",
      "3": "基层法律服务所",
      "4": "司法鉴定机构",
      "5": "仲裁委员会",
      "9": "其他",
    },
  },
  "4": { name: "文化", types: { "1": "外国在华文化中心", "9": "其他" } },
  "5": { name: "民政", types: { "1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他" } },
  "6": {
    name: "旅游",
    types: { "1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构", "9": "其他" },
  },
  "7": { name: "宗教", types: { "1": "宗教活动场所", "2": "宗教院校", "9": "其他" } },
  "8": { name: "工会", types: { "1": "基层工会", "9": "其他" } },
  "9": { name: "工商", types: { "1": "企业", "2": "个体工商户", "3": "农民专业合作社" } },
  A: { name: "中央军委改革和编制办公室", types: { "1": "军队事业单位", "9": "其他" } },
  N: {
    name: "农业",
    types: { "1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他" },
  },
  Y: { name: "其他", types: { "1": "其他" } },
}

/** GB/T 2260 province-level codes (the first two digits of a division code). */
// biome-ignore format: grouped by region as in GB/T 2260
export const provinceCodes: ReadonlyArray<string> = [
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71", "81", "82",
]

const provinceSet = new Set(provinceCodes)
const provinceList = "11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82"

/** The code of the whole country, used as the registration division of central-level bodies. */
export const nationalDivision = "100000"

const quote = (character: string): string => JSON.stringify(character)

const isDigit = (character: string): boolean => character >= "0" && character <= "9"

/** The weighted check over a 17-character body whose characters are all in `creditCodeAlphabet`. */
export const creditCheckCharacter = (body: string, weights: ReadonlyArray<number> = creditCodeWeights): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += creditCodeAlphabet.indexOf(body[i] as string) * (weights[i] as number)
  const value = 31 - (sum % 31)
  return creditCodeAlphabet[value === 31 ? 0 : value] as string
}

const organizationValue = (character: string): number =>
  isDigit(character) ? Number(character) : character.charCodeAt(0) - 55

/** GB 11714 check over the 8 body characters (digits or capital letters) of an organization code. */
export const organizationCheckCharacter = (body: string): string => {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += organizationValue(body[i] as string) * (organizationCodeWeights[i] as number)
  const value = 11 - (sum % 11)
  return value === 10 ? "X" : value === 11 ? "0" : String(value)
}

/** ISO 7064 MOD 11-2 check over 17 digits. */
export const residentCheckCharacter = (body: string): string => {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (residentIdWeights[i] as number)
  const value = (12 - (sum % 11)) % 11
  return value === 10 ? "X" : String(value)
}

const lengthProblem = (what: string, expected: number, text: string): string | undefined =>
  text.length === expected
    ? undefined
    : `${what} has ${expected} characters, got ${text.length} character${text.length === 1 ? "" : "s"}`

const divisionProvinceProblem = (division: string, where: string): string | undefined =>
  provinceSet.has(division.slice(0, 2))
    ? undefined
    : `${where} ${quote(division)} is not an administrative division code (GB/T 2260): ${quote(division.slice(0, 2))} is not a province-level code (${provinceList})`

/** What is wrong with a 6-digit administrative division code, if anything. */
export const divisionCodeProblem = (text: string): string | undefined => {
  const length = lengthProblem("an administrative division code (行政区划代码)", 6, text)
  if (length !== undefined) return length
  for (let i = 0; i < 6; i++) {
    const character = text[i] as string
    if (!isDigit(character))
      return `character ${quote(character)} at position ${i + 1} is not allowed: a division code has 6 digits`
  }
  return divisionProvinceProblem(text, "code")
}

const creditCodeCharacterProblem = (character: string, position: number): string | undefined => {
  if (position >= 3 && position <= 8) {
    return isDigit(character)
      ? undefined
      : `character ${quote(character)} at position ${position} is not allowed: positions 3–8 (the registration division) are digits`
  }
  if (creditCodeAlphabet.includes(character)) return undefined
  if (creditCodeAlphabet.includes(character.toUpperCase()))
    return `character ${quote(character)} at position ${position} is not allowed: letters are written in capitals`
  return `character ${quote(character)} at position ${position} is not allowed: a unified social credit code uses 0-9 and A-Z without I, O, S, V, Z`
}

/** What is wrong with a unified social credit code, if anything. */
export const unifiedSocialCreditCodeProblem = (text: string): string | undefined => {
  const length = lengthProblem("a unified social credit code (统一社会信用代码)", 18, text)
  if (length !== undefined) return length
  for (let i = 0; i < 18; i++) {
    const problem = creditCodeCharacterProblem(text[i] as string, i + 1)
    if (problem !== undefined) return problem
  }
  const authorityCode = text[0] as string
  const authority = registrationAuthorities[authorityCode]
  if (authority === undefined)
    return `registration authority ${quote(authorityCode)} at position 1 is not defined (known: ${Object.keys(registrationAuthorities).join(", ")})`
  const type = text[1] as string
  if (authority.types[type] === undefined)
    return `organization type ${quote(type)} at position 2 is not defined for registration authority ${quote(authorityCode)} (${authority.name}; known types: ${Object.keys(authority.types).join(", ")})`
  const division = text.slice(2, 8)
  if (division !== nationalDivision) {
    const problem = divisionProvinceProblem(division, "registration division at positions 3–8")
    if (problem !== undefined) return `${problem} or ${nationalDivision}`
  }
  const organizationBody = text.slice(8, 16)
  const organizationCheck = organizationCheckCharacter(organizationBody)
  if (text[16] !== organizationCheck)
    return `check character of the organization code (GB 11714, positions 9–17) at position 17 is ${quote(text[16] as string)} but should be ${quote(organizationCheck)}`
  const check = creditCheckCharacter(text.slice(0, 17))
  if (text[17] !== check)
    return `check character at position 18 is ${quote(text[17] as string)} but should be ${quote(check)}`
  return undefined
}

/** What is wrong with a resident identity number, if anything. */
export const residentIdNumberProblem = (text: string): string | undefined => {
  if (text.length === 15 && /^\d{15}$/.test(text))
    return "a resident identity number (公民身份号码) has 18 characters; this is a 15-digit first-generation number, which must be upgraded to 18 characters first"
  const length = lengthProblem("a resident identity number (公民身份号码)", 18, text)
  if (length !== undefined) return length
  for (let i = 0; i < 17; i++) {
    const character = text[i] as string
    if (!isDigit(character))
      return `character ${quote(character)} at position ${i + 1} is not allowed: positions 1–17 are digits`
  }
  const last = text[17] as string
  if (last === "x")
    return `check character "x" at position 18 must be a capital "X" (decode with ResidentIdNumberFromInput to accept lower case)`
  if (!isDigit(last) && last !== "X")
    return `character ${quote(last)} at position 18 is not allowed: the check character is a digit or "X"`
  const division = divisionProvinceProblem(text.slice(0, 6), "division at positions 1–6")
  if (division !== undefined) return division
  const birth = text.slice(6, 14)
  const year = Number(birth.slice(0, 4))
  if (!isRealDay(year, Number(birth.slice(4, 6)), Number(birth.slice(6, 8))))
    return `birth date ${birth} at positions 7–14 is not a real date`
  if (year < 1900) return `birth date ${birth} at positions 7–14 is before 1900`
  const check = residentCheckCharacter(text.slice(0, 17))
  if (last !== check) return `check character at position 18 is ${quote(last)} but should be ${quote(check)}`
  return undefined
}
