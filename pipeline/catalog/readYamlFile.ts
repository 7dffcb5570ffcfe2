import {readFileSync} from "node:fs";
import {relative} from "node:path";
import {isNode, LineCounter, parseDocument} from "yaml";
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
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true});
  const lineOf = (path: ReadonlyArray<PropertyKey>): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({
      file: shown,
      path: `line ${lineCounter.linePos(e.pos[0]).line}`,
      message: `YAML syntax: ${e.message.split("\n")[0]}`,
    }));
    return {data: undefined, issues, lineOf, text};
  }
  const parsed = schema.safeParse(doc.toJS());
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
