import type {ComponentBound, TopicBounds} from "./dtfBounds.ts";
import type {DtfInputRow, DtfIssue} from "./dtfInput.ts";
import {aggregateScores, componentScore} from "./dtfScore.ts";

/** The score of one component (or part), as used in a topic score. */
interface ComponentResult {
  component: string;
  /** Raw value (men's and women's averaged, for display); `null` when the score came from the parts. */
  value: number | "no_practice" | "not_applicable" | null;
  /** 0–100; `null` when not applicable (dropped from the mean). */
  score: number | null;
}

export interface TopicResult {
  /** 0–100. */
  score: number;
  components: ComponentResult[];
}

/**
 * Score one topic of one economy from its rows, following `/work/shared/notes/methodology.md`: each component
 * scored against its bounds and clipped, then combined as the topic's `aggregate` says. Rules handled here:
 * - `<component>_women` (components with `gender_average`): the men's and the women's case each scored, the two
 *   scores averaged (as Doing Business's data carry a score per case; the same as averaging the values but where
 *   one case lies beyond a bound);
 * - a value below 0, or above the component's `max` (an index's top), is refused: never scored as the frontier;
 * - a component with `parts` given either directly or through all its parts (e.g. post-filing index 0–100 or its
 *   four parts; minority investor index 0–50 or its six parts);
 * - `no_practice` scores 0; component `*` = `no_practice` scores the whole topic 0, and so does a `no_practice` in
 *   any component of a topic marked `no_practice: whole_topic` (the index too, as Doing Business scores it);
 * - `not_applicable` drops a part flagged `may_be_not_applicable` from its mean, with every part of its group.
 * Problems are appended to `issues` (naming the component and the CSV line) and the result is `null`.
 *
 * @example scoreTopic("getting_credit", rows, bounds.topics.getting_credit, issues) // {score: 60, …} for 4 + 8
 */
export function scoreTopic(
  topic: string,
  rows: readonly DtfInputRow[],
  bounds: TopicBounds,
  issues: DtfIssue[],
): TopicResult | null {
  const where = `${rows[0]?.economy ?? "?"} ${topic}`;
  const before = issues.length;
  const byName = new Map(rows.map((r) => [r.component, r]));
  const whole = byName.get("*");
  if (whole !== undefined) {
    if (whole.value !== "no_practice") {
      issues.push(at(whole, `${where}: component * only takes the value no_practice, found ${whole.value}`));
    } else if (rows.length > 1) {
      issues.push(at(whole, `${where}: the whole topic is no_practice, so give no other component`));
    }
    if (issues.length > before) return null;
    const components = Object.keys(bounds.components).map((c) => ({
      component: c,
      value: "no_practice" as const,
      score: 0,
    }));
    return {score: 0, components};
  }

  const known = new Set<string>();
  for (const [c, bound] of Object.entries(bounds.components)) {
    known.add(c);
    if (bound.gender_average) known.add(`${c}_women`);
    for (const [p, part] of Object.entries(bound.parts?.components ?? {})) {
      known.add(p);
      if (part.gender_average) known.add(`${p}_women`);
    }
  }
  for (const row of rows) {
    if (!known.has(row.component)) {
      issues.push(at(row, `${where}: unknown component "${row.component}"; expected one of ${[...known].join(", ")}`));
    }
  }

  // Doing Business: an economy with no practice in such a topic scores 0 on its index "even if its legal framework
  // includes provisions", so the whole topic is 0 (construction permits, electricity, property, insolvency).
  if (bounds.no_practice === "whole_topic" && rows.some((r) => r.value === "no_practice")) {
    if (issues.length > before) return null;
    const components = Object.keys(bounds.components).map((c) => {
      const given = byName.get(c)?.value;
      return {component: c, value: given === undefined ? ("no_practice" as const) : given, score: 0};
    });
    return {score: 0, components};
  }

  const lines = rows.flatMap((r) => (r.line === undefined ? [] : [r.line]));
  const lineNote = lines.length > 0 ? ` (rows on line${lines.length === 1 ? "" : "s"} ${lines.join(", ")})` : "";
  const results: ComponentResult[] = [];
  const scored: Array<{score: number; range: number}> = [];
  for (const [c, bound] of Object.entries(bounds.components)) {
    const partNames = Object.keys(bound.parts?.components ?? {});
    const givenParts = partNames.filter((p) => byName.has(p) || byName.has(`${p}_women`));
    let result: ComponentResult | null;
    if (bound.parts !== undefined && givenParts.length > 0) {
      if (byName.has(c)) {
        issues.push(at(byName.get(c)!, `${where}: give ${c} or its parts (${partNames.join(", ")}), not both`));
        continue;
      }
      const missing = partNames.filter((p) => !givenParts.includes(p));
      if (missing.length > 0) {
        issues.push({
          message: `${where}: ${c} is given by parts but these are missing: ${missing.join(", ")}${lineNote}`,
        });
        continue;
      }
      const partResults = Object.entries(bound.parts.components).map(([p, pb]) => leaf(p, pb, byName, where, issues));
      if (partResults.some((r) => r === null)) continue;
      // A group (no VAT, no CIT) is not applicable whole or not at all.
      const groups = new Map<string, ComponentResult[]>();
      for (const r of partResults as ComponentResult[]) {
        const group = bound.parts.components[r.component]!.may_be_not_applicable;
        if (typeof group === "string") groups.set(group, [...(groups.get(group) ?? []), r]);
      }
      const split = [...groups].filter(
        ([, rs]) => rs.some((r) => r.score === null) && rs.some((r) => r.score !== null),
      );
      if (split.length > 0) {
        for (const [group, rs] of split) {
          const names = rs.map((r) => r.component);
          const row = byName.get(rs.find((r) => r.score === null)!.component);
          issues.push(
            at(row, `${where}: not_applicable (no ${group.toUpperCase()}) drops all of ${names.join(", ")} or none`),
          );
        }
        continue;
      }
      const applicable = (partResults as ComponentResult[]).filter((r) => r.score !== null);
      results.push(...(partResults as ComponentResult[]));
      if (applicable.length === 0) {
        issues.push({message: `${where}: every part of ${c} is not_applicable, so it cannot be scored${lineNote}`});
        continue;
      }
      const partScores = applicable.map((r) => ({
        score: r.score!,
        range: rangeOf(bound.parts!.components[r.component]!),
      }));
      result = {component: c, value: null, score: aggregateScores(partScores, bound.parts.aggregate)};
    } else if (!byName.has(c)) {
      const hint = bound.parts === undefined ? "" : ` (or all its parts: ${partNames.join(", ")})`;
      issues.push({message: `${where}: missing component ${c}${hint}${lineNote}`});
      continue;
    } else {
      result = leaf(c, bound, byName, where, issues);
    }
    if (result === null) continue;
    results.push(result);
    if (result.score !== null) scored.push({score: result.score, range: rangeOf(bound)});
  }
  if (issues.length > before) return null;
  return {score: aggregateScores(scored, bounds.aggregate), components: results};
}

/** Score a component or part given directly (with its optional `_women` value). */
function leaf(
  name: string,
  bound: ComponentBound,
  byName: ReadonlyMap<string, DtfInputRow>,
  where: string,
  issues: DtfIssue[],
): ComponentResult | null {
  const men = byName.get(name);
  const women = byName.get(`${name}_women`);
  if (men === undefined) {
    issues.push(at(women, `${where}: ${name}_women is given but ${name} (men, or both cases) is missing`));
    return null;
  }
  const values = women === undefined ? [men.value] : [men.value, women.value];
  if (values.includes("not_applicable")) {
    if (!bound.may_be_not_applicable) {
      issues.push(at(men, `${where}: ${name} cannot be not_applicable (only post-filing parts can)`));
      return null;
    }
    if (values.some((v) => v !== "not_applicable")) {
      issues.push(at(women, `${where}: ${name} is not_applicable for one case only`));
      return null;
    }
    return {component: name, value: "not_applicable", score: null};
  }
  // A value the measure cannot take is a mistake in the input, never a score of 100 or 0.
  let valid = true;
  for (const [row, v] of [
    [men, men.value],
    [women, women?.value],
  ] as const) {
    if (typeof v !== "number") continue;
    const top = bound.max === undefined ? "" : ` and at most ${bound.max}`;
    if (v < 0 || (bound.max !== undefined && v > bound.max)) {
      issues.push(at(row, `${where}: ${row?.component ?? name} is ${bound.unit}: at least 0${top}; found ${v}`));
      valid = false;
    }
  }
  if (!valid) return null;
  // Doing Business scores each case and averages the scores; a missing practice scores 0 for its case.
  const scores = values.map((v) => (v === "no_practice" ? 0 : componentScore(v as number, bound)));
  const score = scores.reduce((a, b) => a + b, 0) / scores.length;
  if (values.every((v) => v === "no_practice")) return {component: name, value: "no_practice", score: 0};
  if (values.some((v) => v === "no_practice")) return {component: name, value: null, score};
  const numbers = values as number[];
  return {component: name, value: numbers.reduce((a, b) => a + b, 0) / numbers.length, score};
}

function rangeOf(bound: {best: number; worst: number}): number {
  return Math.abs(bound.best - bound.worst);
}

function at(row: DtfInputRow | undefined, message: string): DtfIssue {
  return row?.line === undefined ? {message} : {line: row.line, message};
}
