import {relative} from "node:path";
import {Command} from "commander";
import type {AssessOptions} from "../../assess/runAssess.ts";
import type {AssessmentChanges} from "../../assess/types.ts";
import {colors, printJson, type Io} from "../io.ts";

/**
 * "Now" for the outputs' `generated_at`: `$SOURCE_DATE_EPOCH` (seconds, the reproducible-builds convention) when
 * set, so a rerun on the same exports gives the same files; else the clock.
 */
function clock(io: Io): () => Date {
  const epoch = io.env.SOURCE_DATE_EPOCH?.trim();
  if (epoch && /^\d+$/.test(epoch)) return () => new Date(Number(epoch) * 1000);
  return () => new Date();
}

function printChanges(io: Io, changes: AssessmentChanges): void {
  const c = colors(io);
  io.stdout(c.bold(`changes from edition ${changes.from} to ${changes.to}`) + "\n");
  const none = changes.targets.length + changes.indicators.length + changes.tasks.length + changes.units.length === 0;
  if (none) {
    io.stdout("  no changes\n");
    return;
  }
  const v = (x: unknown) => (x === null || x === undefined ? "—" : String(x));
  for (const t of changes.targets) {
    io.stdout(
      `  target ${t.clause.padEnd(5)} ${v(t.from_verdict)} ${v(t.from_value)} → ${v(t.to_verdict)} ${v(t.to_value)}` +
        (t.from_period_value !== t.to_period_value
          ? `  (period ${v(t.from_period)} ${v(t.from_period_value)} → ${v(t.to_period)} ${v(t.to_period_value)})`
          : "") +
        "\n",
    );
  }
  for (const i of changes.indicators)
    io.stdout(`  tier   ${i.indicator_id}: ${v(i.from_verdict)} → ${v(i.to_verdict)}\n`);
  for (const t of changes.tasks)
    io.stdout(`  task   ${String(t.task_number).padEnd(3)} ${t.unit_id}: ${v(t.from_status)} → ${v(t.to_status)}\n`);
  for (const u of changes.units) {
    io.stdout(
      `  unit   ${u.unit_id}: rank ${v(u.from_rank)} (${v(u.from_score)}) → ${v(u.to_rank)} (${v(u.to_score)})${u.from_list !== u.to_list ? `  ${v(u.from_list)} → ${v(u.to_list)}` : ""}\n`,
    );
  }
}

/** `bizenv assess`: the year-end appraisal (考评) or quarterly inspection (督查), and its frozen editions. */
export function assessCommand(io: Io): Command {
  const output = {writeOut: io.stdout, writeErr: io.stderr, outputError: () => {}};
  const command = new Command("assess")
    .description(
      "appraise a year (or inspect a quarter) from the exported figures: Excel workbook, HTML, PDF, manifest",
    )
    .option("--year <yyyy>", "the year to appraise (targets due by its end, tasks, units)")
    .option(
      "--quarter <yyyyQn>",
      "a quarterly inspection report instead, e.g. 2023Q2, with the changes since the previous quarter",
    )
    .option(
      "--out <dir>",
      "the outputs' own folder, replaced whole (default: data/assessments/<period>/draft/, or …/edition-<n>/ with --final)",
    )
    .option("--final", "freeze the assessment as the next edition in the warehouse (never changed afterwards)")
    .option("--lang <lang>", "language of the workbook and the report: zh or en", "zh")
    .option("--exports <dir>", "the exported figures to read (default: $BIZENV_EXPORTS or data/exports/)")
    .option("--no-pdf", "skip the PDF (no Chromium needed)")
    .option("--json", "print what was written as JSON")
    .addHelpText("after", "\nEverything is read from the files `bizenv score` exports: see docs/assessment.md.\n")
    .action(async (options: AssessOptions & {json?: boolean}) => {
      const {runAssess} = await import("../../assess/runAssess.ts");
      const run = await runAssess(options, {io, now: clock(io)});
      if (options.json) {
        printJson(io, {
          scope: run.scope,
          edition: run.edition,
          final: run.edition !== null,
          synthetic: run.synthetic,
          dir: run.dir,
          files: run.files,
          summary: run.summary,
          caveats: run.caveats.map((c) => ({severity: c.severity, code: c.code, subject: c.subject, message: c.en})),
          index: run.index,
        });
        return;
      }
      const c = colors(io);
      const s = run.summary;
      const kind = run.edition === null ? "draft" : `edition ${run.edition} (final)`;
      io.stdout(
        `${c.bold(`assessment ${run.scope}`)} · ${kind}${run.synthetic ? ` · ${c.magenta("SYNTHETIC DATA")}` : ""}\n`,
      );
      io.stdout(`  written to ${relative(io.cwd, run.dir) || "."}\n`);
      for (const f of run.files) {
        io.stdout(
          `    ${f.name.padEnd(28)} ${String(Math.ceil(f.bytes / 1024)).padStart(6)} KB  sha256 ${f.sha256.slice(0, 16)}…\n`,
        );
      }
      io.stdout(
        `  targets due ${s.targets_due}: ${s.targets_met} met, ${s.targets_missed} missed, ${s.targets_no_data} no data` +
          (s.targets_ahead + s.targets_pending ? `; ${s.targets_ahead + s.targets_pending} not yet judged` : "") +
          "\n",
      );
      const goalsUnjudged = s.goals_due - s.goals_reached - s.goals_not_reached;
      io.stdout(
        `  tier goals due ${s.goals_due}: ${s.goals_reached} reached, ${s.goals_not_reached} not reached` +
          (goalsUnjudged ? `, ${goalsUnjudged} no data` : "") +
          (s.goals_provisional ? `; ${s.goals_provisional} judged on provisional verdicts, listed apart` : "") +
          "\n",
      );
      io.stdout(
        `  tasks judged ${s.tasks_judged}: ${s.tasks_done_on_time} on time (${s.task_on_time_rate ?? "—"} %), ${s.tasks_done_late} late, ${s.tasks_overdue} overdue\n`,
      );
      io.stdout(`  units ranked ${s.units_ranked}\n`);
      const count = (sev: string) => run.caveats.filter((x) => x.severity === sev).length;
      io.stdout(
        `  caveats: ${count("critical")} critical, ${count("warning")} warnings, ${count("info")} notes (in the report)\n`,
      );
      if (run.index) io.stdout(`  editions listed in ${relative(io.cwd, run.index)}\n`);
    });

  command
    .command("list")
    .description("list the frozen editions with their files")
    .option("--json", "print them as JSON")
    .exitOverride()
    .configureOutput(output)
    .action(async (_options: unknown, cmd: Command) => {
      const {readEditionList} = await import("../../assess/readEditions.ts");
      const editions = await readEditionList(io);
      if (cmd.optsWithGlobals().json) {
        printJson(io, {editions});
        return;
      }
      if (editions.length === 0) io.stdout("no frozen editions\n");
      for (const e of editions) {
        io.stdout(
          `  ${String(e.edition).padStart(3)}  ${e.scope.padEnd(7)} ${e.lang}  ${e.created_at}  as of ${e.as_of}${e.is_synthetic ? "  SYNTHETIC" : ""}  ${e.out_dir}\n`,
        );
      }
    });

  command
    .command("diff")
    .description("what changed between two frozen editions: targets, tier verdicts, task statuses, unit ranks")
    .argument("<A>", "the earlier edition number")
    .argument("<B>", "the later edition number")
    .option("--json", "print the changes as JSON")
    .exitOverride()
    .configureOutput(output)
    .action(async (a: string, b: string, _options: unknown, cmd: Command) => {
      const {diffEditions} = await import("../../assess/readEditions.ts");
      const changes = await diffEditions(io, a, b);
      if (cmd.optsWithGlobals().json) printJson(io, changes);
      else printChanges(io, changes);
    });

  return command;
}
