/**
 * `YYYY-MM-DD HH:MM:SS` wall-clock time in China (Asia/Shanghai), where every feed's timestamps live: the loader's
 * clock for "in the future" and the browser file check's. Pure and browser-safe.
 */
export function chinaWallClock(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  }).format(date);
}
