import {Command, CommanderError} from "commander";
import {BizenvError} from "../errors.ts";
import {colors, printJson, processIo, type Io} from "./io.ts";
import {commands} from "./commands/index.ts";
import {version} from "../version.ts";

/**
 * Build the `bizenv` program. Each command lives in `pipeline/cli/commands/<name>.ts` and is listed in
 * `commands/index.ts`; this file only wires them together and owns the one error handler.
 */
export function buildProgram(io: Io): Command {
  const program = new Command("bizenv")
    .description("Load business-environment feeds, score them against the plan and national benchmarks, publish them.")
    .version(version(), "-V, --version")
    .exitOverride()
    .configureOutput({writeOut: io.stdout, writeErr: io.stderr, outputError: () => {}});
  for (const make of commands) {
    const command = make(io);
    command.exitOverride().configureOutput({writeOut: io.stdout, writeErr: io.stderr, outputError: () => {}});
    program.addCommand(command);
  }
  return program;
}

/**
 * Run bizenv with `argv` (without `node` and the script name) and return the exit code.
 * This is the single top-level handler: named errors become their exit code and a one-paragraph message
 * (or a JSON object with `--json`); anything unexpected is exit 1 with its stack trace.
 */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const wantsJson = argv.includes("--json");
  const c = colors(io);
  try {
    await buildProgram(io).parseAsync(argv, {from: "user"});
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      if (error.exitCode === 0) return 0;
      const message = error.message.replace(/^error: /, "");
      if (wantsJson) printJson(io, {error: {code: "usage", message}});
      else io.stderr(`${c.red("error")} ${message}\n${c.dim("(run bizenv --help for usage)")}\n`);
      return 2;
    }
    if (error instanceof BizenvError) {
      // A command that already reported the failure in its JSON output only sets the exit code.
      if (error.reported) return error.exitCode;
      if (wantsJson) printJson(io, {error: {code: error.code, message: error.message, hint: error.hint ?? null}});
      else io.stderr(`${c.red("error")} ${error.message}\n${error.hint ? c.dim(`hint: ${error.hint}\n`) : ""}`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (wantsJson) printJson(io, {error: {code: "internal", message: String(error)}});
    io.stderr(`${c.red("internal error")} (this is a bug in bizenv, please report it)\n${detail}\n`);
    return 1;
  }
}
