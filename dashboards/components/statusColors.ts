/**
 * Status colours on the light pages and on paper. Green is only ever "met on fresh data": a stale feed or a missing
 * figure is grey (see `tone`). Each keeps 4.5:1 against white and the cards' #f6f6f6 (WCAG 2.1 AA, the test of
 * GB/T 37668-2019), as text and under white text, and never stands alone: a status word (statusLabels.ts) goes
 * beside it. style.css repeats them as the .tone-* classes.
 */
export const TONE_COLOR = {
  met: "#1f6e30",
  at_risk: "#9a5b00",
  missed: "#b12a1c",
  none: "#5f6368",
} as const;

/** The same tones on the dark meeting-room screen (#0b1220), where the light-page shades would fall below 4.5:1. */
export const SCREEN_TONE_COLOR = {
  met: "#2e8540",
  at_risk: "#d98a1c",
  missed: "#c0392b",
  none: "#9aa0a6",
} as const satisfies Record<keyof typeof TONE_COLOR, string>;

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
