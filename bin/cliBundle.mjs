// The `bizenv` command's code as one ES module, built with esbuild from pipeline/cli/main.ts and kept under
// node_modules/.cache/bizenv/ until a source file it was built from changes. Through tsx, a start-up spent 1.2 s
// resolving and loading some 200 TypeScript modules one by one (through tsx's loader thread) before any work; the
// bundle loads in 0.5 s (docs/performance.md, 2026-12-06 evening). Plain JavaScript: it runs before tsx could.
import {createHash} from "node:crypto";
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = join(ROOT, "pipeline", "cli", "main.ts");
// One folder per checkout: worktrees sharing a node_modules (a symlink) must not take each other's bundle.
const CACHE = join(
  ROOT,
  "node_modules",
  ".cache",
  "bizenv",
  createHash("sha256").update(ROOT).digest("hex").slice(0, 12),
);
const MANIFEST = join(CACHE, "cli.json");
const BUILDER = fileURLToPath(import.meta.url);
/** How long a bundle of earlier sources is kept (also a build's leftover temporary folder). */
const KEEP_OLD_MS = 3_600_000;

/** What a source file is for freshness: its size and modification time (a content hash would read every file). */
const stamp = (path) => {
  const s = statSync(path);
  return `${s.size}:${s.mtimeMs}`;
};

/**
 * The URL of a bundle of the CLI built from the sources as they are now: the one in the cache when every file it was
 * built from is unchanged (one `stat` each), else a new one. Returns null when no bundle can be had (esbuild
 * missing, the cache folder not writable, a build error): the caller then runs the sources through tsx, as
 * `BIZENV_NO_BUNDLE=1` also asks.
 */
export async function cliBundle() {
  if (process.env.BIZENV_NO_BUNDLE === "1") return null;
  try {
    const fresh = freshBundle();
    return pathToFileURL(fresh ?? (await buildBundle())).href;
  } catch {
    return null;
  }
}

/** The cached bundle's path if its manifest's inputs are all unchanged, else null. */
function freshBundle() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
  } catch {
    return null;
  }
  // Built by this file as it is now (a bundle built with other settings is not the one it would build), for this Node.
  if (manifest.node !== process.version || manifest.builder !== stamp(BUILDER)) return null;
  for (const [file, was] of Object.entries(manifest.inputs)) {
    try {
      if (stamp(join(ROOT, file)) !== was) return null;
    } catch {
      return null;
    }
  }
  const bundle = join(CACHE, manifest.bundle);
  try {
    statSync(bundle);
  } catch {
    return null;
  }
  return bundle;
}

/**
 * Builds the bundle: every module of the project reachable from main.ts, npm packages left as imports (resolved
 * from node_modules as before). A module's `import.meta.url` is its own file's URL, as under tsx, so that paths it
 * resolves from it (migrations, models, package.json) are the same. Written under a temporary name and renamed, so
 * a concurrent start never reads half a file.
 */
async function buildBundle() {
  // A cache folder that cannot be made (a read-only install) throws before the build: the sources run through tsx.
  mkdirSync(CACHE, {recursive: true});
  accessSync(CACHE, constants.W_OK);
  const esbuild = await import("esbuild");
  const builder = stamp(BUILDER);
  // Each source's stamp is taken as it is read: a file changed during the build is seen changed at the next start.
  const stamps = new Map();
  const ownUrl = {
    name: "own-import-meta-url",
    setup(build) {
      build.onLoad({filter: /\.[cm]?[tj]s$/}, (args) => {
        stamps.set(args.path, stamp(args.path));
        const text = readFileSync(args.path, "utf8");
        const contents = text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
        return {contents, loader: args.path.endsWith("ts") ? "ts" : "js"};
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: {main: ENTRY},
    absWorkingDir: ROOT,
    bundle: true,
    // Commands import what only they need with import(): their code, and the packages it alone uses, stay in
    // chunks of their own, loaded when the command runs (`bizenv load` never loads Arrow or esbuild).
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    write: false,
    metafile: true,
    sourcemap: "linked",
    outdir: join(CACHE, "next"),
    outExtension: {".js": ".mjs"},
    logLevel: "silent",
    plugins: [ownUrl],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs))
    inputs[file] = stamps.get(join(ROOT, file)) ?? stamp(join(ROOT, file));
  const hash = createHash("sha256");
  for (const f of result.outputFiles) hash.update(f.path).update(f.contents);
  const name = `cli-${hash.digest("hex").slice(0, 16)}`;
  const dir = join(CACHE, name);
  const tmp = join(CACHE, `.${name}.${process.pid}.tmp`);
  mkdirSync(tmp, {recursive: true});
  for (const f of result.outputFiles) writeFileSync(join(tmp, relative(join(CACHE, "next"), f.path)), f.contents);
  try {
    renameSync(tmp, dir);
  } catch {
    // Another start built the same bundle meanwhile: theirs is as good.
    rmSync(tmp, {recursive: true, force: true});
  }
  const manifest = `${MANIFEST}.${process.pid}.tmp`;
  writeFileSync(manifest, JSON.stringify({bundle: join(name, "main.mjs"), node: process.version, builder, inputs}));
  renameSync(manifest, MANIFEST);
  // Bundles of earlier sources go after an hour: a command still running one may yet load a chunk of it (a
  // command's own code is loaded when it runs), and the folder does not grow with every edit.
  for (const old of readdirSync(CACHE)) {
    const path = join(CACHE, old);
    if (old === name || !(old.startsWith("cli-") || old.startsWith("."))) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, {recursive: true, force: true});
  }
  return join(dir, "main.mjs");
}
