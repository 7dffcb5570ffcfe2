import {Command} from "commander";
import {loadCatalog, planJson} from "../../catalog/index.ts";
import {colors, printJson, type Io} from "../io.ts";

const TIER_LABEL: Record<string, string> = {
  national_first_class: "全国一流 national first class",
  national_advanced: "全国先进 national advanced",
  comprehensive_improvement: "全面提升 comprehensive improvement",
};

/** `bizenv plan`: print the plan catalog (validated), for people or as JSON. */
export function planCommand(io: Io): Command {
  return new Command("plan")
    .description("show the plan catalog: indicators with tier goals, tasks, quantitative targets")
    .option("--json", "print the whole catalog as JSON")
    .option("--catalog <dir>", "read the catalog from this folder instead of sources/plans/xining-2022")
    .action((options: {json?: boolean; catalog?: string}) => {
      const catalog = loadCatalog(options.catalog);
      const json = planJson(catalog);
      if (options.json) {
        printJson(io, json);
        return;
      }
      const c = colors(io);
      const out: string[] = [];
      out.push(c.bold(`${json.plan.title_zh}`), `${json.plan.title_en} · issued ${json.plan.issued}`, "");
      for (const action of json.actions) {
        out.push(c.bold(`${action.number}. ${action.name_zh}`) + c.dim(`  ${action.name_en}`));
        for (const indicator of json.indicators.filter((i) => i.action === action.id)) {
          const tasks = json.tasks.filter((t) => t.indicator === indicator.id).map((t) => t.number);
          const targets = json.targets.filter((t) => t.indicator === indicator.id).length;
          out.push(
            `  ${String(indicator.number).padStart(2)} ${indicator.name_zh.padEnd(12 - indicator.name_zh.length)}` +
              ` ${c.cyan(TIER_LABEL[indicator.tier_goal.tier] ?? indicator.tier_goal.tier)} by ${indicator.tier_goal.deadline}` +
              c.dim(` · tasks ${tasks.join(", ")}${targets ? ` · ${targets} target${targets === 1 ? "" : "s"}` : ""}`),
          );
        }
      }
      out.push("", c.bold("Quantitative targets"));
      for (const t of json.targets) {
        const segment = t.segment
          ? ` [${Object.entries(t.segment)
              .map(([k, v]) => `${k}=${String(v)}`)
              .join(", ")}]`
          : "";
        out.push(
          `  (${t.clause.padEnd(4)}) ${t.metric}${segment} ${t.comparator} ${t.value} ${t.unit} by ${t.deadline}`,
        );
      }
      out.push(
        "",
        `${json.indicators.length} indicators · ${json.tasks.length} tasks · ${json.targets.length} targets · ` +
          `${json.units.length} units · ${json.areas.length} areas · ${json.safeguards.length} safeguards · ` +
          c.dim(`catalog ${json.plan.catalog_version} (${json.plan.catalog_sha256.slice(0, 12)})`),
      );
      io.stdout(out.join("\n") + "\n");
    });
}
