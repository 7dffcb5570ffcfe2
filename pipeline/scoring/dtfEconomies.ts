import type {CityWeights, DtfBounds} from "./dtfBounds.ts";
import {DtfInputError, type DtfInputRow, type DtfIssue} from "./dtfInput.ts";
import {weightedCityScore} from "./dtfScore.ts";
import {scoreTopic, type TopicResult} from "./dtfTopic.ts";

/** The topic name under which the overall score (mean of all topics) is reported. */
export const OVERALL = "overall";

/** One score of the output: an economy (or city) on a topic, or `overall`. */
export interface DtfScore {
  economy: string;
  /** A topic of the bounds file, or `overall`. */
  topic: string;
  /** 0–100, unrounded. */
  score: number;
  /** Component detail for topics scored from rows; absent for `overall` and for multi-city economies. */
  components?: TopicResult["components"];
  /** For a multi-city economy: the cities and weights it was combined from. */
  cities?: Record<string, number>;
}

/**
 * Score every economy and topic present in `rows` against `bounds` (methodology.md §1):
 * - each (economy, topic) is scored by {@link scoreTopic};
 * - an economy listed in `weights` (China = Beijing 0.45 + Shanghai 0.55) gets, for every topic all of its cities
 *   have, the population-weighted mean of the cities' topic scores; the cities stay in the output too. The economy
 *   may also be given directly for other topics, but not for a topic one of its cities has;
 * - `overall` = plain mean of the topic scores, reported only for economies that have every topic of the bounds.
 * Output order: economies and cities by first appearance in `rows`, then multi-city economies in the weights file's
 * order; within each, topics in the bounds' order, then `overall`.
 * Throws a `DtfInputError` listing every unknown topic, unknown or missing component (with CSV lines), and any
 * economy topic given both directly and through its cities.
 *
 * @example scoreDtf(parseDtfCsv(text), readDtfBounds(), readCityWeights())
 * // [{economy: "Beijing", topic: "starting_a_business", score: 95.087, components: […]}, …]
 */
export function scoreDtf(rows: readonly DtfInputRow[], bounds: DtfBounds, weights?: CityWeights): DtfScore[] {
  const issues: DtfIssue[] = [];
  const topics = Object.keys(bounds.topics);
  const grouped = new Map<string, Map<string, DtfInputRow[]>>();
  for (const row of rows) {
    if (!(row.topic in bounds.topics)) {
      issues.push({
        ...(row.line === undefined ? {} : {line: row.line}),
        message: `unknown topic "${row.topic}"; expected one of ${topics.join(", ")}`,
      });
      continue;
    }
    const byTopic = grouped.get(row.economy) ?? new Map<string, DtfInputRow[]>();
    grouped.set(row.economy, byTopic);
    byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
  }

  const scores = new Map<string, Map<string, DtfScore>>();
  for (const [economy, byTopic] of grouped) {
    const topicScores = new Map<string, DtfScore>();
    for (const topic of topics) {
      const topicRows = byTopic.get(topic);
      if (topicRows === undefined) continue;
      const result = scoreTopic(topic, topicRows, bounds.topics[topic]!, issues);
      if (result !== null) topicScores.set(topic, {economy, topic, score: result.score, components: result.components});
    }
    scores.set(economy, topicScores);
  }

  for (const [economy, cities] of Object.entries(weights?.economies ?? {})) {
    if (!Object.keys(cities).some((city) => grouped.has(city))) continue;
    const direct = grouped.get(economy);
    const combined = scores.get(economy) ?? new Map<string, DtfScore>();
    for (const topic of topics) {
      const fromCities = Object.keys(cities).filter((city) => grouped.get(city)?.has(topic));
      if (fromCities.length === 0) continue;
      const directRows = direct?.get(topic);
      if (directRows !== undefined) {
        const line = directRows[0]?.line;
        issues.push({
          ...(line === undefined ? {} : {line}),
          message: `${economy} ${topic} is given directly and through ${fromCities.join(", ")}; give one or the other`,
        });
        continue;
      }
      const parts = Object.entries(cities).map(([city, weight]) => ({
        score: scores.get(city)?.get(topic)?.score,
        weight,
      }));
      // A topic is combined only when every city of the economy has it (otherwise the weights would not sum to 1).
      if (parts.some((p) => p.score === undefined)) continue;
      const score = weightedCityScore(parts as Array<{score: number; weight: number}>);
      combined.set(topic, {economy, topic, score, cities: {...cities}});
    }
    scores.set(economy, new Map(topics.flatMap((t) => (combined.has(t) ? [[t, combined.get(t)!] as const] : []))));
  }
  if (issues.length > 0) throw new DtfInputError(issues);

  const output: DtfScore[] = [];
  for (const [economy, topicScores] of scores) {
    output.push(...topicScores.values());
    if (topics.every((t) => topicScores.has(t))) {
      const mean = [...topicScores.values()].reduce((sum, s) => sum + s.score, 0) / topics.length;
      output.push({economy, topic: OVERALL, score: mean});
    }
  }
  return output;
}
