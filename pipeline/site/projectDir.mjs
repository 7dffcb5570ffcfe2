// Where the project is, for the site modules (plain Node ESM, see buildOffline.mjs): they spawn the project's own
// tools and read and write folders of the project whatever the caller's working directory.
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";

/** The project's root folder (the one with package.json). */
export const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where `observable build` writes the site and `npm start` serves it from, unless told otherwise. */
export const distDir = join(projectDir, "dist");
