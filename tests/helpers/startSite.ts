import {spawn} from "node:child_process";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A served copy of the dashboards: its base URL (http://127.0.0.1:<port>) and how to stop it. */
export interface RunningSite {
  url: string;
  stop: () => Promise<void>;
}

/** The SYNTHETIC export fixture (tests/fixtures/exports/): what the site is built from in tests by default. */
export const FIXTURE_EXPORTS = join(projectDir, "tests", "fixtures", "exports");

/**
 * Runs `node scripts/start.mjs --port 0` (seed the Framework cache, build dist/, serve it on a free port of
 * 127.0.0.1), exactly what `npm start` does, and resolves once the server prints its address. The site is built
 * from `exportsDir` ($BIZENV_EXPORTS when set, so the suite can run against real exports; else the fixture).
 * `env` is added to the server's environment (the reliability tests point `BIZENV_DB` at a warehouse a load is
 * writing). Rejects with the build's output if the build fails or nothing is served within `timeoutMs`.
 */
export function startSite({
  build = true,
  timeoutMs = 300_000,
  exportsDir = process.env.BIZENV_EXPORTS || FIXTURE_EXPORTS,
  env = {},
}: {build?: boolean; timeoutMs?: number; exportsDir?: string; env?: Record<string, string>} = {}) {
  const args = [join(projectDir, "scripts", "start.mjs"), "--port", "0", ...(build ? [] : ["--no-build"])];
  const child = spawn(process.execPath, args, {
    cwd: projectDir,
    env: {...process.env, ...env, BIZENV_EXPORTS: exportsDir},
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise<RunningSite>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`site not served within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const stop = () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", () => done());
          child.kill("SIGTERM");
        });
      resolvePromise({url: match[1]!, stop});
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`scripts/start.mjs exited (${signal ?? code}) before serving:\n${output.slice(-4000)}`));
    });
  });
}
