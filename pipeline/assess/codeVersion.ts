import {execFileSync} from "node:child_process";
import {projectRoot, version} from "../version.ts";

let cached: string | undefined;

/**
 * The code that made a report: bizenv's version and, in a git checkout, the commit, with `+modified` when the working
 * tree differs from it (reports made from uncommitted code say so). `$BIZENV_CODE_VERSION` overrides it (packaged
 * builds without .git).
 *
 * @example codeVersion({}) // "0.1.0 (git 9d57e47+modified)"
 */
export function codeVersion(env: Record<string, string | undefined>): string {
  if (env.BIZENV_CODE_VERSION) return env.BIZENV_CODE_VERSION;
  if (cached !== undefined) return cached;
  let git = "";
  try {
    const run = (args: string[]) =>
      execFileSync("git", ["-C", projectRoot, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 10_000,
      }).trim();
    const commit = run(["rev-parse", "--short", "HEAD"]);
    const dirty = run(["status", "--porcelain", "--untracked-files=no"]) !== "";
    git = ` (git ${commit}${dirty ? "+modified" : ""})`;
  } catch {
    // Not a git checkout, or git missing: the package version alone.
  }
  cached = `${version()}${git}`;
  return cached;
}
