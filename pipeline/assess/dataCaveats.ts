import type {AssessmentInputs} from "./readAssessmentInputs.ts";
import type {AssessPeriod, Caveat, FeedHealthFigure, TargetAssessment, TaskAssessment} from "./types.ts";

const pct = (x: number) => `${(Math.round(x * 10) / 10).toFixed(1)} %`;

/** Each feed's health as feed_health.csv gives it, with its reject rate: rejected ÷ (loaded + rejected) × 100. */
export function feedFigures(rows: AssessmentInputs["feed_health.csv"]): FeedHealthFigure[] {
  return rows
    .filter((r) => r.feed !== null)
    .map((r) => {
      const sent = (r.rows ?? 0) + (r.rejected ?? 0);
      return {
        feed: r.feed!,
        rows: r.rows,
        rejected: r.rejected,
        reject_rate_pct: sent > 0 ? Math.round(((r.rejected ?? 0) / sent) * 1000) / 10 : null,
        files: r.files,
        refused_files: r.refused_files,
        data_as_of: r.data_as_of,
        freshness: r.freshness,
        synthetic_rows: r.synthetic_rows,
      };
    })
    .sort((a, b) => a.feed.localeCompare(b.feed));
}

/**
 * What a reader must know before trusting the figures, most serious first: synthetic data (critical: such a
 * report must not be signed), a period the data does not cover yet, feeds missing, stale or ending before the
 * period does, reject rates above judging.yaml's `reject_rate_caveat_pct`, refused files, a warehouse whose loads differ from
 * the ones the exports were computed from, and targets that could not be judged or were judged on their quarter.
 */
export function dataCaveats(args: {
  inputs: Pick<AssessmentInputs, "manifest" | "load_log.csv" | "warehouseLoads" | "warehouseNote">;
  feeds: FeedHealthFigure[];
  expectedFeeds: string[];
  period: AssessPeriod;
  evaluatedAt: string;
  targets: TargetAssessment[];
  tasks: TaskAssessment[];
  /** A feed rejecting more than this share (%) of its rows gets a caveat (judging.yaml). */
  rejectRateCaveatPct: number;
}): Caveat[] {
  const {inputs, feeds, period, evaluatedAt, targets, rejectRateCaveatPct} = args;
  const out: Caveat[] = [];
  const add = (severity: Caveat["severity"], code: string, subject: string, zh: string, en: string) =>
    out.push({severity, code, subject, zh, en});

  if (inputs.manifest.synthetic) {
    const synthetic = feeds.filter((f) => (f.synthetic_rows ?? 0) > 0).map((f) => f.feed);
    add(
      "critical",
      "synthetic",
      "*",
      `本报告基于模拟数据（${synthetic.length ? synthetic.join("、") : "见各导出文件"}），仅供演示，不得作为考评依据签署。`,
      `SYNTHETIC DATA (${synthetic.length ? synthetic.join(", ") : "see the exports"}): this report is a demonstration and must not be signed as an appraisal.`,
    );
  }
  if (inputs.manifest.as_of < period.end) {
    add(
      "warning",
      "period_incomplete",
      period.id,
      `数据截至 ${inputs.manifest.as_of}，早于考评期末 ${period.end}：任务状态按 ${evaluatedAt} 评定，未到期目标给出预测。`,
      `The data runs to ${inputs.manifest.as_of}, before the period ends (${period.end}): tasks are judged as of ${evaluatedAt} and targets not yet due show their forecast.`,
    );
  }
  const present = new Set(feeds.map((f) => f.feed));
  for (const feed of args.expectedFeeds) {
    const f = feeds.find((x) => x.feed === feed);
    if (!present.has(feed) || !f || (f.rows ?? 0) === 0) {
      add("warning", "feed_missing", feed, `数据源 ${feed} 没有数据。`, `Feed ${feed} has no data.`);
    }
  }
  for (const f of feeds) {
    if ((f.rows ?? 0) === 0) continue;
    if (f.freshness === "warn" || f.freshness === "error") {
      add(
        f.freshness === "error" ? "warning" : "info",
        "feed_stale",
        f.feed,
        `数据源 ${f.feed} 不够新（${f.freshness}），数据截至 ${f.data_as_of ?? "—"}。`,
        `Feed ${f.feed} is stale (${f.freshness}): its data runs to ${f.data_as_of ?? "—"}.`,
      );
    }
    // Month grain: a monthly feed dates its rows on the 1st, and data to 2023-06-01 covers June.
    if (f.data_as_of !== null && f.data_as_of.slice(0, 7) < evaluatedAt.slice(0, 7)) {
      add(
        "warning",
        "feed_ends_early",
        f.feed,
        `数据源 ${f.feed} 的数据截至 ${f.data_as_of}，未覆盖至 ${evaluatedAt}。`,
        `Feed ${f.feed} has data only to ${f.data_as_of}, not to ${evaluatedAt}.`,
      );
    }
    if (f.reject_rate_pct !== null && f.reject_rate_pct > rejectRateCaveatPct) {
      add(
        "warning",
        "reject_rate",
        f.feed,
        `数据源 ${f.feed} 有 ${f.rejected} 行被拒收（${pct(f.reject_rate_pct)}，超过 ${pct(rejectRateCaveatPct)}）。`,
        `Feed ${f.feed}: ${f.rejected} rows rejected (${pct(f.reject_rate_pct)}, above ${pct(rejectRateCaveatPct)}).`,
      );
    }
    if ((f.refused_files ?? 0) > 0) {
      add(
        "warning",
        "refused_files",
        f.feed,
        `数据源 ${f.feed} 有 ${f.refused_files} 个文件被整体拒收，其数据不在本报告中。`,
        `Feed ${f.feed}: ${f.refused_files} file(s) refused whole; their data is not in this report.`,
      );
    }
  }
  if (inputs.warehouseLoads === null) {
    add(
      "info",
      "no_warehouse",
      "load_log",
      `未读取数据仓库（${inputs.warehouseNote ?? "不可用"}）：证据文件取自导出的 load_log.csv，未按数据期间筛选。`,
      `The warehouse was not read (${inputs.warehouseNote ?? "unavailable"}): evidence files come from the exported load_log.csv and are not narrowed to the period.`,
    );
  } else {
    const exported = new Map(inputs["load_log.csv"].map((l) => [l.load_id, l]));
    const newer = inputs.warehouseLoads.filter((l) => l.status === "loaded" && !exported.has(l.load_id));
    if (newer.length > 0) {
      add(
        "warning",
        "loads_after_score",
        "load_log",
        `数据仓库中有 ${newer.length} 个文件是在最近一次 bizenv score 之后载入的，未计入本报告：请重新运行 bizenv score。`,
        `${newer.length} file(s) were loaded into the warehouse after the last \`bizenv score\` and are not in this report: run \`bizenv score\` again.`,
      );
    }
    const differ = inputs.warehouseLoads.filter((l) => {
      const e = exported.get(l.load_id);
      return e !== undefined && e.sha256 !== l.sha256;
    });
    if (differ.length > 0) {
      add(
        "critical",
        "load_hash_mismatch",
        "load_log",
        `有 ${differ.length} 个载入记录的 sha256 与导出不一致（如 ${differ[0]!.file_name}）：导出与数据仓库不是同一批数据。`,
        `${differ.length} load(s) have a different sha256 in the warehouse and the exports (e.g. ${differ[0]!.file_name}): the exports were not computed from this warehouse.`,
      );
    }
  }
  for (const t of targets) {
    const judged = t.judged?.actual ?? null;
    if (
      judged !== null &&
      t.actual_at_deadline !== null &&
      Math.abs(judged - t.actual_at_deadline) > 1e-9 &&
      !t.judged_on_fallback
    ) {
      add(
        "warning",
        "target_differs_from_dashboard",
        t.clause,
        `目标 ${t.clause} 的评定值 ${judged} 与看板的“截止时实际值” ${t.actual_at_deadline} 不一致。`,
        `Target ${t.clause}: the judged value ${judged} differs from the dashboards' actual at deadline ${t.actual_at_deadline}.`,
      );
    }
    if (t.verdict === "no_data") {
      add(
        "warning",
        "target_no_data",
        t.clause,
        `目标 ${t.clause} 到期（${t.deadline}）但截止当月、当季、当年的案例均不足，无法评定。`,
        `Target ${t.clause} is due (${t.deadline}) but its month, quarter and year have too few cases to judge.`,
      );
    } else if (t.judged_on_fallback) {
      add(
        "info",
        "target_judged_on_longer_period",
        t.clause,
        `目标 ${t.clause} 截止当月没有足够案例，按 ${t.judged?.period} 评定。`,
        `Target ${t.clause}: too few cases in its deadline month, judged on ${t.judged?.period}.`,
      );
    }
  }
  const undated = args.tasks.filter(
    (t) => (t.export_status === "done" || t.export_status === "done_late") && !t.reported_on,
  );
  if (undated.length > 0) {
    add(
      "info",
      "task_undated",
      "tasks",
      `${undated.length} 条已完成任务没有报送日期，按导出状态计。`,
      `${undated.length} done task row(s) carry no report date and are counted as the export says.`,
    );
  }
  const order = {critical: 0, warning: 1, info: 2};
  return out.sort((a, b) => order[a.severity] - order[b.severity]);
}
