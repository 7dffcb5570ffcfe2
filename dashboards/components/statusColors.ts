/**
 * Status colours, the same on screen, on paper and on the dark meeting-room screen. Green is only ever "met on fresh
 * data": a stale feed or a missing figure is grey (see `tone`).
 */
export const TONE_COLOR = {
  met: "#2e8540",
  at_risk: "#d98a1c",
  missed: "#c0392b",
  none: "#9aa0a6",
} as const;

export type Tone = keyof typeof TONE_COLOR;

/**
 * The colour a figure earns: its attainment status, but grey when its data is stale or there is no status (no
 * target, no data). `stale` wins over everything: old data never shows green.
 *
 * @example tone("met", true) // "none"
 */
export function tone(status: string | null | undefined, stale = false): Tone {
  if (stale) return "none";
  if (status === "met" || status === "at_risk" || status === "missed") return status;
  return "none";
}

/** Forecast verdicts on the same scale: on track green, at risk amber, off track red, no forecast grey. */
export function verdictTone(verdict: string | null | undefined, stale = false): Tone {
  if (stale) return "none";
  return verdict === "on_track"
    ? "met"
    : verdict === "at_risk"
      ? "at_risk"
      : verdict === "off_track"
        ? "missed"
        : "none";
}
