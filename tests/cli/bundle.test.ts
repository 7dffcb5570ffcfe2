import {spawnSync} from "node:child_process";
import {createHash} from "node:crypto";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {afterAll, describe, expect, it} from "vitest";

// bin/bizenv.mjs runs the CLI from a bundle esbuild makes of pipeline/ (bin/cliBundle.mjs), rebuilt when a source
// file changes. Checked on a copy of bin/ beside a small pipeline of its own, so the project's cache is left alone.
const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bizenv-bundle-"));
cpSync(join(root, "bin"), join(dir, "bin"), {recursive: true});
symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
mkdirSync(join(dir, "pipeline", "cli"), {recursive: true});
writeFileSync(join(dir, "package.json"), JSON.stringify({type: "module"}));
// The copy's cache folder, in the shared node_modules: one per checkout, named by a hash of its path.
const cache = join(
  root,
  "node_modules",
  ".cache",
  "bizenv",
  createHash("sha256").update(join(dir, "/")).digest("hex").slice(0, 12),
);
afterAll(() => {
  rmSync(dir, {recursive: true, force: true});
  rmSync(cache, {recursive: true, force: true});
});

const main = join(dir, "pipeline", "cli", "main.ts");
const helper = join(dir, "pipeline", "cli", "said.ts");
/** The fake CLI: prints what said.ts says, and where its own file is (import.meta.url, as under tsx). */
writeFileSync(
  main,
  `import {said} from "./said.ts";
export async function main(argv: string[]): Promise<number> {
  process.stdout.write(JSON.stringify({said: said(), argv, url: import.meta.url}));
  return argv.includes("--fail") ? 3 : 0;
}
`,
);
const say = (word: string, mtime: number) => {
  writeFileSync(helper, `export const said = (): string => ${JSON.stringify(word)};\n`);
  utimesSync(helper, mtime, mtime);
};

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawnSync(process.execPath, [join(dir, "bin", "bizenv.mjs"), ...args], {
    encoding: "utf8",
    env: {...process.env, ...env},
  });
  return {status: child.status, out: JSON.parse(child.stdout || "null") as {said: string; url: string} | null};
}

describe("the CLI bundle", () => {
  it("runs the sources as they are, rebuilding after a change, with each module's own import.meta.url", () => {
    say("first", 1_700_000_000);
    const a = run(["x"]);
    expect(a.status).toBe(0);
    expect(a.out?.said).toBe("first");
    // Paths a module resolves from import.meta.url must be those of its source file, not of the bundle.
    expect(a.out?.url).toBe(`file://${main}`);
    expect(readdirSync(cache)).toContain("cli.json");
    const first = readdirSync(cache).filter((f) => f.startsWith("cli-"));
    expect(first).toHaveLength(1);

    // Same size, another time: a change is seen by its modification time too.
    say("again", 1_700_000_100);
    expect(run(["x"]).out?.said).toBe("again");
    // The bundle of the earlier sources stays an hour (a command running it may still load a chunk of it).
    const second = readdirSync(cache).filter((f) => f.startsWith("cli-"));
    expect(second).toHaveLength(2);
    expect(second).toEqual(expect.arrayContaining(first));

    // Older than an hour, it goes with the next build.
    const old = (Date.now() - 2 * 3_600_000) / 1000;
    for (const f of second) utimesSync(join(cache, f), old, old);
    say("third", 1_700_000_150);
    expect(run(["x"]).out?.said).toBe("third");
    const third = readdirSync(cache).filter((f) => f.startsWith("cli-"));
    expect(third).toHaveLength(1);
    expect(second).not.toContain(third[0]);
    expect(run(["x", "--fail"]).status).toBe(3);
  });

  it("builds again when the bundler itself changed, its sources unchanged", () => {
    say("built", 1_700_000_180);
    expect(run(["x"]).out?.said).toBe("built");
    const manifest = () => JSON.parse(readFileSync(join(cache, "cli.json"), "utf8")) as {builder: string};
    const before = manifest().builder;
    // Another setting (here only a comment longer): the bundle it would build now may differ.
    const builder = join(dir, "bin", "cliBundle.mjs");
    appendFileSync(builder, "// another setting\n");
    expect(run(["x"]).out?.said).toBe("built");
    const after = manifest().builder;
    expect(after).not.toBe(before);
    expect(after).toBe(`${statSync(builder).size}:${statSync(builder).mtimeMs}`);
  });

  it("runs the same through tsx when asked (BIZENV_NO_BUNDLE=1)", () => {
    say("plain", 1_700_000_200);
    const r = run(["x"], {BIZENV_NO_BUNDLE: "1"});
    expect(r.status).toBe(0);
    expect(r.out).toEqual({said: "plain", argv: ["x"], url: `file://${main}`});
  });
});
