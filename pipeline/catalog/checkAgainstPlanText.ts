import type {Catalog, TierId} from "./schema.ts";
import type {CatalogIssue} from "./validateCatalog.ts";

const CHINESE_NUMERALS = "一二三四五六七八九十";

/** The phrase of 总体要求 that names each tier. */
const TIER_PHRASES: Record<string, TierId> = {
  进入全国一流水平: "national_first_class",
  进入全国先进水平: "national_advanced",
  全面提升: "comprehensive_improvement",
};

/**
 * The words bizenv reads as a target's value where the plan states it without digits (targets.yaml
 * `value_from_words`): what each means, as the share of cases required. A closed list: a word not here is refused,
 * so a new reading is added here, with its test, not slipped into the catalog.
 */
const VALUE_WORDS: Record<
  string,
  {value: number; unit: "percent" | "percent_reduction"; comparator: ">=" | ">"; meaning_en: string}
> = {
  全流程: {value: 100, unit: "percent", comparator: ">=", meaning_en: "the whole process, for every case"},
  全部: {value: 100, unit: "percent", comparator: ">=", meaning_en: "all of them"},
  所有: {value: 100, unit: "percent", comparator: ">=", meaning_en: "all of them"},
  // Clause 6: the plan sets joint handling as the way a registration is done, without a qualifier, as clause 19
  // sets low-voltage access for every eligible user: a rule for every case.
  联动办理: {value: 100, unit: "percent", comparator: ">=", meaning_en: "handled together, every time"},
  // Clause 33: 以线上立案为主 (online the main channel): at least half the cases; exactly 50 % reads met (kept
  // when the strict comparators came: they are for improvements against a baseline, below).
  为主: {value: 50, unit: "percent", comparator: ">=", meaning_en: "the main channel: at least half the cases"},
  // Clause 3: 高频事项实现“全城通办” sets city-wide handling for the high-frequency items of the fields it names,
  // without a qualifier (as 联动办理 above): every one of them.
  全城通办: {
    value: 100,
    unit: "percent",
    comparator: ">=",
    meaning_en: "handled anywhere in the city: every item named",
  },
  // Clause 3: 承接落实…公布实施的“跨省通办”事项: take on and put into effect what the State Council and the province
  // published, a list of named items, not a share of it: every published item.
  承接落实: {value: 100, unit: "percent", comparator: ">=", meaning_en: "take on and implement: every published item"},
  // Promises to improve without a size (clause 37's 缩短处理期限, clause 42's 加快…审理进程): better than the
  // baseline by any amount, and strictly, so "no change" is not met.
  缩短: {value: 0, unit: "percent_reduction", comparator: ">", meaning_en: "shortened: less than the baseline"},
  加快: {value: 0, unit: "percent_reduction", comparator: ">", meaning_en: "sped up: fewer left than at the baseline"},
};

/**
 * Words that hedge a value word in the same phrase of the plan (基本实现所有…: "basically all"; 推行…全链条: "roll
 * out"): the value word then states an aim, not a value, and is refused.
 */
const HEDGE_WORDS = ["基本", "逐步", "部分", "探索", "鼓励", "推广", "推行", "试点", "力争", "更多"];

/** The phrase of `text` (between the punctuation marks around it) that holds `quote`, or "" when it is not there. */
function phraseAround(text: string, quote: string): string {
  const at = text.indexOf(quote);
  if (at < 0) return "";
  const marks = /[,，。;；:：!！?？]/;
  let start = at;
  while (start > 0 && !marks.test(text[start - 1]!)) start--;
  let end = at + quote.length;
  while (end < text.length && !marks.test(text[end]!)) end++;
  return text.slice(start, end);
}

/**
 * Check the catalog against the plan's own text (plan.zh.txt): every task's text, units and deadline stand
 * verbatim under its number and inside its indicator's section; every target's quoted words stand in its task
 * and state its value; every safeguard's text is verbatim; and the tier goals are exactly those the general
 * requirements (总体要求) list, with their years. Pure: returns every issue found.
 */
export function checkAgainstPlanText(catalog: Omit<Catalog, "dir" | "sha256">): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const add = (file: CatalogIssue["file"], path: Array<string | number>, message: string) =>
    issues.push({file, path, message});
  const lines = catalog.sourceText.split(/\r?\n/).map((line) => line.trim());

  // Which indicator section (1.提升… 18.提升…) each numbered task line stands in.
  const sectionOfTask = new Map<number, number>();
  const taskLine = new Map<number, string>();
  let section = 0;
  for (const line of lines) {
    const header = /^(\d+)\.提升/.exec(line);
    if (header) section = Number(header[1]);
    const task = /^\((\d+)\)/.exec(line);
    if (task) {
      sectionOfTask.set(Number(task[1]), section);
      taskLine.set(Number(task[1]), line);
    }
  }

  catalog.indicators.forEach((indicator, i) => {
    if (!lines.some((line) => line.startsWith(`${indicator.number}.提升${indicator.name_zh}`))) {
      add(
        "indicators.yaml",
        ["indicators", i, "name_zh"],
        `the plan has no section "${indicator.number}.提升${indicator.name_zh}…"`,
      );
    }
  });

  catalog.tasks.forEach((task, i) => {
    const line = taskLine.get(task.number);
    if (line === undefined) {
      add("tasks.yaml", ["tasks", i, "number"], `the plan has no task (${task.number})`);
      return;
    }
    const head = `(${task.number})${task.text_zh}(责任单位:${task.units_text_zh}`;
    const tail = `完成时限:${task.deadline_text_zh})`;
    if (!line.startsWith(head))
      add(
        "tasks.yaml",
        ["tasks", i, "text_zh"],
        `text_zh or units_text_zh is not verbatim the plan's task (${task.number})`,
      );
    if (!line.endsWith(tail))
      add("tasks.yaml", ["tasks", i, "deadline_text_zh"], `the plan's task (${task.number}) does not end with ${tail}`);
    const indicator = catalog.indicators.find((x) => x.id === task.indicator);
    if (indicator && sectionOfTask.get(task.number) !== indicator.number) {
      add(
        "tasks.yaml",
        ["tasks", i, "indicator"],
        `task (${task.number}) stands in section ${sectionOfTask.get(task.number)}, not in ${indicator.id}'s section ${indicator.number}`,
      );
    }
  });

  catalog.targets.forEach((target, i) => {
    const task = catalog.tasks.find((t) => t.number === target.task);
    if (task && !task.text_zh.includes(target.text_zh))
      add("targets.yaml", ["targets", i, "text_zh"], `the words are not in task (${task.number})'s text`);
    // A share target's own value is the share required of the population; the plan states the per-case limit.
    const stated = target.case_limit?.value ?? target.value;
    const numbers = target.text_zh.match(/\d+(\.\d+)?/g)?.map(Number) ?? [];
    // 免费 (free of charge) is the plan's own number in words for an amount: 0 yuan (clause 15's first seal set).
    const unit = target.case_limit?.unit ?? target.unit;
    if (unit === "yuan" && target.text_zh.includes("免费")) numbers.push(0);
    if (target.value_from_words !== undefined) {
      const word = target.value_from_words;
      const meaning = VALUE_WORDS[word];
      const at = ["targets", i, "value_from_words"];
      const hedge = HEDGE_WORDS.find((h) => phraseAround(task?.text_zh ?? target.text_zh, target.text_zh).includes(h));
      if (!meaning) add("targets.yaml", at, `“${word}” is not a word bizenv reads as a value (VALUE_WORDS)`);
      else if (!target.text_zh.includes(word)) add("targets.yaml", at, `“${word}” is not in the target's words`);
      else if (hedge)
        add("targets.yaml", at, `“${word}” is hedged by “${hedge}” in the plan's phrase: an aim, not a value`);
      else if (target.case_limit || meaning.unit !== target.unit || meaning.comparator !== target.comparator)
        add("targets.yaml", at, `“${word}” means a ${meaning.unit} ${meaning.comparator} ${meaning.value}`);
      else numbers.push(meaning.value);
    }
    if (!numbers.includes(stated))
      add(
        "targets.yaml",
        ["targets", i, target.case_limit ? "case_limit" : "value"],
        `the value ${stated} is not stated in its words (${numbers.join(", ") || "no number"})`,
      );
  });

  catalog.safeguards.forEach((safeguard, i) => {
    const numeral = CHINESE_NUMERALS[safeguard.number - 1] ?? "?";
    if (!lines.includes(`(${numeral})${safeguard.name_zh}。${safeguard.text_zh}`))
      add("plan.yaml", ["safeguards", i, "text_zh"], `safeguard (${numeral}) is not verbatim in the plan`);
  });

  if (!catalog.sourceText.includes(catalog.tierGoalsTextZh))
    add("plan.yaml", ["tier_goals_text_zh"], "not verbatim in the plan");
  const named = new Map<string, {tier: TierId; deadline: string}>();
  const clause = /(\d{4})年底,?推动(.+?)(\d+)项指标(进入全国一流水平|进入全国先进水平|全面提升)/g;
  for (const match of catalog.tierGoalsTextZh.matchAll(clause)) {
    const [, year, list = "", count, phrase = ""] = match;
    const names = list.split("、");
    if (names.length !== Number(count))
      add("plan.yaml", ["tier_goals_text_zh"], `the plan says ${count} indicators but lists ${names.length}`);
    for (const name of names) named.set(name, {tier: TIER_PHRASES[phrase]!, deadline: `${year}-12-31`});
  }
  catalog.indicators.forEach((indicator, i) => {
    const goal = named.get(indicator.name_zh);
    if (!goal)
      add(
        "indicators.yaml",
        ["indicators", i, "tier_goal"],
        `${indicator.name_zh} is not named in the plan's tier goals`,
      );
    else if (goal.tier !== indicator.tier_goal.tier || goal.deadline !== indicator.tier_goal.deadline) {
      add(
        "indicators.yaml",
        ["indicators", i, "tier_goal"],
        `the plan sets ${goal.tier} by ${goal.deadline}, the catalog ${indicator.tier_goal.tier} by ${indicator.tier_goal.deadline}`,
      );
    }
  });
  return issues;
}
