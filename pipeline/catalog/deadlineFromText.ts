/**
 * Read a plan deadline (完成时限) as data: "2022年12月底" (end of December 2022) is the month's last day,
 * `2022-12-31`; "持续推进" (carried on continuously) is `ongoing`; "2022年12月底完成并持续推进" is
 * `2022-12-31` and continuing. Returns undefined for text in no known form.
 *
 * @example deadlineFromText("2023年6月底") // {deadline: "2023-06-30", continuing: false}
 */
export function deadlineFromText(text: string): {deadline: string; continuing: boolean} | undefined {
  if (text === "持续推进") return {deadline: "ongoing", continuing: true};
  const match = /^(\d{4})年(\d{1,2})月底(完成并持续推进)?$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone can shift it).
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const deadline = `${year}-${String(month).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
  return {deadline, continuing: match[3] !== undefined};
}
