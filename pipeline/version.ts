import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

/** The project root: the folder holding package.json, sources/ and pipeline/. */
export const projectRoot = fileURLToPath(new URL("..", import.meta.url));

let cached: string | undefined;

/** The version of bizenv, read once from package.json. */
export function version(): string {
  cached ??= (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {version: string})
    .version;
  return cached;
}
