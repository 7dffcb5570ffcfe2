// Runs `observable build` for the project's dashboards.
import {spawn} from "node:child_process";
import {existsSync, readdirSync} from "node:fs";
import {delimiter, join, resolve} from "node:path";
import {projectDir} from "./projectDir.mjs";

/**
 * Runs `observable build` (the project's own Framework, telemetry off); rejects if it fails.
 *   exportsDir  build from these exports ($BIZENV_EXPORTS for the config and the data loaders); default: as set
 *   outDir      write the site there ($BIZENV_DIST, read by observablehq.config.ts) instead of dist/; it must not
 *               exist or be empty (Framework clears only an output folder inside the project)
 *   quiet       keep Framework's output off this process's stdout and stderr (its tail is in the error if it fails)
 */
export function buildSite({log = (m) => console.error(m), exportsDir, outDir, quiet = false} = {}) {
  const cli = join(projectDir, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
  if (outDir && existsSync(outDir) && readdirSync(outDir).length > 0)
    return Promise.reject(new Error(`will not build into ${outDir}: it is not empty`));
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "build"], {
      cwd: projectDir,
      // node_modules/.bin on PATH as under `npm run`, for data loaders that call project tools by name.
      env: {
        ...process.env,
        ...(exportsDir ? {BIZENV_EXPORTS: resolve(exportsDir)} : {}),
        ...(outDir ? {BIZENV_DIST: resolve(outDir)} : {}),
        OBSERVABLE_TELEMETRY_DISABLE: "true",
        PATH: [join(projectDir, "node_modules", ".bin"), process.env.PATH].join(delimiter),
      },
      stdio: quiet ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    });
    let output = "";
    const keep = (chunk) => void (output = (output + chunk.toString()).slice(-8000));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) {
        log(`site built in ${((performance.now() - started) / 1000).toFixed(1)} s (${outDir ?? "dist/"})`);
        resolvePromise();
      } else {
        const tail = quiet ? `:\n${output.slice(-4000)}` : "";
        reject(new Error(`observable build failed (${signal ?? `exit code ${code}`})${tail}`));
      }
    });
  });
}
