import {createHash} from "node:crypto";
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {isNode, LineCounter, parseDocument, type Document} from "yaml";
import type {z} from "zod";
import type {Issue} from "../errors.ts";
import {projectRoot} from "../version.ts";

/** Format a document path as `tasks[12].units[0]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) out += typeof key === "number" ? `[${key}]` : `${out ? "." : ""}${String(key)}`;
  return out || "(document)";
}

/** The result of reading one YAML file: its data when valid, and every problem found with file and line. */
export interface YamlRead<T> {
  data: T | undefined;
  issues: Issue[];
  /** Line (1-based) of the node at a document path, for pointing later cross-reference errors at it. */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined;
  text: string;
}

/**
 * Read a YAML file and check it against a schema. Never throws for bad content: syntax errors and schema
 * violations come back as issues naming the file, the line and the path of the offending entry.
 */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S): YamlRead<z.infer<S>> {
  const shown = relative(projectRoot, file) || file;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : String(error);
    return {
      data: undefined,
      issues: [{file: shown, path: "(file)", message: reason}],
      lineOf: () => undefined,
      text: "",
    };
  }
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: dates stay strings, so `2022-12-31` is validated as text, not turned into a Date.
  let doc: Document.Parsed | undefined;
  const parse = () => (doc ??= parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true}));
  // The document (with its line numbers) is parsed only when needed: a text parsed before comes from the cache.
  const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => {
    const parsed = parse();
    for (let depth = path.length; depth >= 0; depth--) {
      const node = parsed.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let value = cachedYaml(text);
  if (value === undefined) {
    const parsed = parse();
    if (parsed.errors.length > 0) {
      const issues = parsed.errors.map((e) => ({
        file: shown,
        path: `line ${lineCounter.linePos(e.pos[0]).line}`,
        message: `YAML syntax: ${e.message.split("\n")[0]}`,
      }));
      return {data: undefined, issues, lineOf, text};
    }
    value = parsed.toJS() as unknown;
    cacheYaml(text, value);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const line = lineOf(issue.path);
      return {
        file: line === undefined ? shown : `${shown}:${line}`,
        path: formatPath(issue.path),
        message: issue.message,
      };
    });
    return {data: undefined, issues, lineOf, text};
  }
  return {data: parsed.data, issues: [], lineOf, text};
}

/**
 * What a YAML text parses to, kept as JSON by the hash of the text (and of the parser's version and options): every
 * command reads the catalog and the feed contracts (some 260 kB of YAML), and parsing them anew took a cold process
 * 0.3 to 1 s of its start (docs/performance.md, 2026-12-06 evening). Content-addressed, so an edited file is simply
 * a new entry. Under node_modules/.cache/bizenv/yaml/; where that cannot be written, nothing is cached.
 */
const YAML_CACHE = join(projectRoot, "node_modules", ".cache", "bizenv", "yaml");
/** Bumped when what is cached or how (parse options above) changes. */
const YAML_CACHE_FORMAT = "1";
/** Entries kept: beyond this, the oldest half is removed (tests write many small catalogs). */
const YAML_CACHE_ENTRIES = 2000;
let yamlVersion: string | undefined;

function yamlCacheFile(text: string): string {
  yamlVersion ??= (
    JSON.parse(readFileSync(join(projectRoot, "node_modules", "yaml", "package.json"), "utf8")) as {version: string}
  ).version;
  const key = createHash("sha256").update(`${YAML_CACHE_FORMAT}\0${yamlVersion}\0`).update(text).digest("hex");
  return join(YAML_CACHE, `${key.slice(0, 32)}.json`);
}

function cachedYaml(text: string): unknown {
  try {
    return JSON.parse(readFileSync(yamlCacheFile(text), "utf8")) as unknown;
  } catch {
    return undefined;
  }
}

function cacheYaml(text: string, value: unknown): void {
  try {
    // Only values JSON keeps exactly: a .inf or .nan (JSON would make it null) is parsed every time.
    const json = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) throw new RangeError("not JSON");
      return v;
    });
    const file = yamlCacheFile(text);
    mkdirSync(YAML_CACHE, {recursive: true});
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, file);
    const entries = readdirSync(YAML_CACHE);
    if (entries.length > YAML_CACHE_ENTRIES) {
      const byAge = entries
        .map((name) => ({name, at: statSync(join(YAML_CACHE, name)).mtimeMs}))
        .sort((a, b) => a.at - b.at);
      for (const old of byAge.slice(0, byAge.length / 2)) rmSync(join(YAML_CACHE, old.name), {force: true});
    }
  } catch {
    // A cache that cannot be written only costs the next start the parse.
  }
}
