// Data loader for data/fileCheck.js: the File check page's reading and row rules (pipeline/ingest/fileCheck.ts,
// rowRules.ts, parseText.ts: the module the loader's rules are tested against) bundled for the browser with
// esbuild, papaparse included. The page imports it from its FileAttachment URL.
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

try {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL("../../pipeline/ingest/fileCheck.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "error",
  });
  process.stdout.write(result.outputFiles[0]!.contents);
} catch (error) {
  console.error(`fileCheck.js: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
