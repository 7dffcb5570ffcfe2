import type {IndicatorCard} from "../data/overviewData.ts";
import {tr, type Lang} from "./i18n.js";

/**
 * Why a card shows no value, never a bare 无数据: the feed(s) the indicator lacks by name (catalog `metric.feed` with
 * no loaded row), no metric in the catalog yet, or loaded feeds with too few cases in every period. Empty when the
 * card has a value. `short` is the 大屏 tile's form.
 */
export function unmeasuredText(
  card: Pick<IndicatorCard, "unmeasured" | "missing_feeds">,
  lang: Lang,
  {short = false}: {short?: boolean} = {},
): string {
  const names = card.missing_feeds.map((f) => (lang === "zh" ? f.name_zh : f.name_en));
  switch (card.unmeasured) {
    case "missing_feed":
      return short
        ? tr(lang, `缺${names.join("、")}`, `no ${names.join(", ")}`)
        : tr(lang, `无数据：数据源${names.join("、")}尚未载入。`, `No data: feed ${names.join(", ")} not loaded yet.`);
    case "no_metric":
      return short
        ? tr(lang, "尚无度量", "no metric yet")
        : tr(
            lang,
            "该指标尚无度量和数据源;仅列出方案任务。",
            "No metric or feed measures this indicator yet; see its tasks.",
          );
    case "too_few_cases":
      return short
        ? tr(lang, "案例不足", "too few cases")
        : tr(
            lang,
            "数据源已载入,但各期案例均不足以评定。",
            "Its feeds are loaded, but no period has enough cases to judge.",
          );
    default:
      return "";
  }
}
