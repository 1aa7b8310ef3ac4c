/**
 * Calendar fixtures: a holiday notice for 2027 in the shape the State Council publishes.
 */

/**
 * A made-up 2027 notice in the usual shape (the real one is not published yet): 元旦 1–3 January,
 * 春节 5–13 February with make-up Sundays 31 January and 21 February, 清明 3–5 April, 劳动节 1–5 May
 * with make-up Saturday 8 May, 端午 9–11 June, 中秋 15–17 September, 国庆 1–7 October with
 * make-up Saturday 9 October.
 */
export const notice2027 = {
  year: 2027,
  notice: "国办发明电〔2026〕N号 (made up for the tests)",
  holidays: [
    ...["01-01", "01-02", "01-03"],
    ...["02-05", "02-06", "02-07", "02-08", "02-09", "02-10", "02-11", "02-12", "02-13"],
    ...["04-03", "04-04", "04-05"],
    ...["05-01", "05-02", "05-03", "05-04", "05-05"],
    ...["06-09", "06-10", "06-11"],
    ...["09-15", "09-16", "09-17"],
    ...["10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"],
  ].map((d) => `2027-${d}`),
  makeUpWorkingDays: ["2027-01-31", "2027-02-21", "2027-05-08", "2027-10-09"],
}
