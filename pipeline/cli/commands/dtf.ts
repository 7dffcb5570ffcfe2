import {readFileSync} from "node:fs";
import {resolve} from "node:path";
import {Command} from "commander";
import {FeedError} from "../../errors.ts";
import {colors, printJson, type Io} from "../io.ts";
import {readCityWeights, readDtfBounds} from "../../scoring/dtfBounds.ts";
import {scoreDtf, type DtfScore} from "../../scoring/dtfEconomies.ts";
import {DtfInputError, parseDtfCsv} from "../../scoring/dtfInput.ts";

/**
 * `bizenv dtf <file.csv> [--json]`: Doing Business distance-to-frontier scores (DB2020 bounds) of the economies in
 * a CSV with columns `economy,topic,component,value`. `--json` prints `[{economy, topic, score}]` (scores rounded to
 * 3 decimals), with an `overall` row for every economy that has all ten topics. Component names and conventions:
 * `sources/benchmarks/db2020-bounds.yaml`; engine: `pipeline/scoring/dtf*.ts`.
 */
export function dtfCommand(io: Io): Command {
  return new Command("dtf")
    .description("score economies on the Doing Business 2020 distance-to-frontier scale from a CSV of raw values")
    .argument("<file>", "CSV with columns economy,topic,component,value (other columns are ignored)")
    .option("--json", "print [{economy, topic, score}] as JSON")
    .addHelpText(
      "after",
      "\nValues are raw indicator values in the units of sources/benchmarks/db2020-bounds.yaml, or no_practice" +
        "\n(scores 0; component * marks a whole topic, as no_practice anywhere in construction permits," +
        "\nelectricity, property or insolvency does) or not_applicable (post-filing parts only, VAT or CIT" +
        "\nparts together). A value below 0 or above an index's top is refused." +
        "\nCities listed in sources/benchmarks/db2020-city-weights.yaml (Beijing, Shanghai) are also combined" +
        "\ninto their economy (China) by population weight." +
        "\nDoing Business was discontinued in 2021; DB2020 scores are a published reference, labelled as such.",
    )
    .action((file: string, options: {json?: boolean}) => {
      const path = resolve(io.cwd, file);
      let text: string;
      try {
        text = readFileSync(path, "utf8");
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
        throw new FeedError(file, `cannot read the CSV: ${reason}`);
      }
      let scores: DtfScore[];
      try {
        scores = scoreDtf(parseDtfCsv(text), readDtfBounds(), readCityWeights());
      } catch (error) {
        if (error instanceof DtfInputError) {
          throw new FeedError(file, error.message, "component names and units: sources/benchmarks/db2020-bounds.yaml");
        }
        throw error;
      }
      if (options.json) {
        printJson(
          io,
          scores.map((s) => ({economy: s.economy, topic: s.topic, score: round3(s.score)})),
        );
        return;
      }
      printTable(io, scores);
    });
}

function printTable(io: Io, scores: readonly DtfScore[]): void {
  const c = colors(io);
  const economyWidth = Math.max(7, ...scores.map((s) => s.economy.length));
  const topicWidth = Math.max(5, ...scores.map((s) => s.topic.length));
  io.stdout(c.bold(`${"economy".padEnd(economyWidth)}  ${"topic".padEnd(topicWidth)}  score`) + "\n");
  for (const s of scores) {
    const line = `${s.economy.padEnd(economyWidth)}  ${s.topic.padEnd(topicWidth)}  ${s.score.toFixed(2).padStart(6)}`;
    io.stdout((s.topic === "overall" ? c.bold(line) : line) + "\n");
  }
  io.stdout(c.dim("DB2020 bounds; Doing Business was discontinued in 2021, so these are reference scores.\n"));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
