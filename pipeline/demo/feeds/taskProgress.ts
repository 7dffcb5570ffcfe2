import {epochDay} from "../../calendar/localTime.ts";
import {dateCell} from "../cells.ts";
import {createRng} from "../prng.ts";
import type {DemoContext, DemoPeriod, FeedGenerator} from "./feedGenerator.ts";

/** Days an ongoing (常态化) task is paced over; such tasks are never reported done. */
const ONGOING_SPAN_DAYS = 540;

/**
 * 任务进展: every quarter from the plan's issue date, one report per (task, responsible unit) pair of the catalog,
 * filed in the last days of the quarter (quarters ending after the as-of date are left out). Each pair has a pace
 * of its own (log-normal around 1, slower for the lagging counties' governments) and one pair in five starts late,
 * so percent done climbs steadily towards each task's deadline: most finish on time, some late, some are overdue.
 */
export function taskProgressFeed(ctx: DemoContext): FeedGenerator {
  const {catalog} = ctx;
  const issued = epochDay(catalog.plan.issued);
  const quarters: Array<{label: string; end: number}> = [];
  for (const month of ctx.months) {
    const m = Number(month.slice(5));
    if (m % 3 !== 0) continue;
    const end = epochDay(`${month}-${m === 6 || m === 9 ? "30" : "31"}`);
    if (end >= issued && end <= ctx.asOfDay) quarters.push({label: `${month.slice(0, 4)}-Q${m / 3}`, end});
  }
  const pairs = catalog.tasks.flatMap((task) =>
    task.units.map((unitId) => {
      const unit = catalog.units.find((u) => u.id === unitId);
      const lag = ctx.areas.find((a) => a.id === unit?.area)?.lag[1] ?? 1;
      const own = createRng(ctx.seed, ctx.contract.feed, task.number, unitId);
      const pace = own.logNormal(1.05, 0.3) / Math.sqrt(lag);
      const delay = own.chance(0.2) ? own.int(20, 150) : 0;
      const ongoing = task.deadline === "ongoing" || task.continuing === true;
      const deadline = task.deadline === "ongoing" ? issued + ONGOING_SPAN_DAYS : epochDay(task.deadline);
      return {task: task.number, unit: unitId, pace, delay, ongoing, deadline};
    }),
  );
  return {
    description: "one row per (task, responsible unit) pair and quarter, from the plan's issue date",
    periods: () => quarters.map((q) => ({label: q.label, stem: `${ctx.contract.feed}_${q.label}`})),
    *rows(period: DemoPeriod) {
      const quarter = quarters.find((q) => q.label === period.label)!;
      const rng = createRng(ctx.seed, ctx.contract.feed, period.label);
      for (const p of pairs) {
        const reported = Math.min(ctx.asOfDay, quarter.end - rng.int(0, 5));
        const span = Math.max(30, p.deadline - issued);
        const raw = (100 * p.pace * (quarter.end - issued - p.delay)) / span;
        const percent = Math.max(0, Math.min(p.ongoing ? 95 : 100, Math.round(raw)));
        const status = percent === 0 ? "not_started" : percent >= 100 ? "done" : "in_progress";
        const overdue = status !== "done" && !p.ongoing && quarter.end > p.deadline;
        const behind = raw < (100 * (quarter.end - issued)) / span - 15;
        yield {
          task_number: p.task,
          unit: p.unit,
          reported_on: dateCell(reported),
          status,
          percent_done: percent,
          note:
            status === "done"
              ? "已完成目标任务"
              : status === "not_started"
                ? "尚未启动，正在制定工作方案"
                : overdue
                  ? "已超过完成时限，正在督办"
                  : behind
                    ? "进度滞后，正在协调推进"
                    : "按计划推进中",
        };
      }
    },
  };
}
