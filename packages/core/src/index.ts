/**
 * @yiciban/core — the pure domain of Yiciban (一次办).
 *
 * @since 0.1.0
 */

/**
 * Who issues a command.
 *
 * @since 0.1.0
 */
export * as Actor from "./Actor.ts"

/**
 * Applications (办件): one case under the Administrative Licensing Law, from submission through
 * acceptance, correction, tolerant acceptance, review and the statutory clock to the decision and
 * the certificate.
 *
 * @since 0.1.0
 */
export * as Application from "./Application/index.ts"

/**
 * Bundle applications (一件事一次办): one form, one material set, one acceptance and one combined
 * notice at the lead department's window, one child application per member matter, the joint time
 * limit and one unified delivery.
 *
 * @since 0.3.0
 */
export * as BundleApplication from "./BundleApplication/index.ts"

/**
 * Calendar dates (`YYYY-MM-DD`).
 *
 * @since 0.1.0
 */
export * as CalendarDate from "./CalendarDate.ts"

/**
 * The statutory clock of a case: promised and statutory limits in working days, pauses for
 * special procedures, extension, due dates and warning levels.
 *
 * @since 0.1.0
 */
export * as Clock from "./Clock.ts"

/**
 * Credit records (信用记录) per applicant, credit repair, and the standing that decides whether
 * notify-and-commit is open to an applicant.
 *
 * @since 0.1.0
 */
export * as CreditRecord from "./CreditRecord/index.ts"

/**
 * The Decider kernel.
 *
 * @since 0.1.0
 */
export * as Decider from "./Decider.ts"

/**
 * The State Council's yearly holiday notice as a data file, checked and applied to a calendar.
 *
 * @since 0.1.0
 */
export * as HolidayNotice from "./HolidayNotice.ts"

/**
 * Identity codes: the unified social credit code (统一社会信用代码), the resident identity number
 * (公民身份号码) and the administrative division code (行政区划代码), with their check characters.
 *
 * @since 0.1.0
 */
export * as IdentityCode from "./IdentityCode.ts"

/**
 * Licences (许可证件 / 电子证照) after the grant: issue, renewal, change, suspension, revocation,
 * deregistration, and whether a licence is valid on a day.
 *
 * @since 0.2.0
 */
export * as Licence from "./Licence/index.ts"

/**
 * Service matters (政务服务事项): the versioned catalogue entry every application is judged against.
 *
 * @since 0.1.0
 */
export * as Matter from "./Matter/index.ts"

/**
 * Policies (政策) in the policy library: versioned terms, eligibility as data, amount rules.
 *
 * @since 0.3.0
 */
export * as Policy from "./Policy/index.ts"

/**
 * The terms of a published matter version, pinned by applications.
 *
 * @since 0.1.0
 */
export * as PublishedMatter from "./PublishedMatter.ts"

/**
 * Service ratings (好差评): one per visit and per concluded case online, and the handling of a
 * negative rating through verification, rectification and callback.
 *
 * @since 0.3.0
 */
export * as Rating from "./Rating/index.ts"

/**
 * Policy redemption (政策兑现): one policy's ledger of awards and the budget it never overspends.
 *
 * @since 0.3.0
 */
export * as Redemption from "./Redemption/index.ts"

/**
 * Service bundles (一件事一次办): several matters offered as one, with one notice and one material list.
 *
 * @since 0.1.0
 */
export * as ServiceBundle from "./ServiceBundle/index.ts"

/**
 * The statutory holidays (全国年节及纪念日放假办法) of each year, and the provisional year built
 * from them before the State Council's notice is published.
 *
 * @since 0.1.0
 */
export * as StatutoryHolidays from "./StatutoryHolidays.ts"

/**
 * The working-day calendar (工作日历): holidays and make-up working days per year, shipped for
 * mainland China: official for 2020–2026, provisional for 2027–2100.
 *
 * @since 0.1.0
 */
export * as WorkCalendar from "./WorkCalendar.ts"
