import type {Catalog} from "../catalog/index.ts";
import {LABELS} from "./labels.ts";
import type {Lang} from "./types.ts";

/** Names of the catalog's things in one language, falling back to the id for anything the catalog lacks. */
export interface ReportNames {
  indicator(id: string | null): string;
  unit(id: string | null): string;
  metric(id: string | null): string;
  tier(id: string | null): string;
  task(number: number): string;
  action(id: string | null): string;
  area(id: string | null): string;
}

export function reportNames(catalog: Catalog, lang: Lang): ReportNames {
  const pick = (x: {name_zh: string; name_en: string}) => (lang === "zh" ? x.name_zh : x.name_en);
  const index = <T extends {id: string; name_zh: string; name_en: string}>(items: T[]) =>
    new Map(items.map((i) => [i.id as string, pick(i)]));
  const indicators = index(catalog.indicators);
  const units = index(catalog.units);
  const metrics = index(catalog.metrics);
  const tiers = index(catalog.tiers);
  const actions = index(catalog.actions);
  const areas = index(catalog.areas);
  const tasks = new Map(catalog.tasks.map((t) => [t.number, lang === "zh" ? t.text_zh : t.summary_en]));
  const extra = LABELS[lang].tierExtra;
  const or = (map: Map<string, string>) => (id: string | null) => (id === null ? "" : (map.get(id) ?? id));
  return {
    indicator: or(indicators),
    unit: or(units),
    metric: or(metrics),
    tier: (id) => (id === null ? "" : (tiers.get(id) ?? extra[id] ?? id)),
    task: (n) => tasks.get(n) ?? String(n),
    action: or(actions),
    area: or(areas),
  };
}
