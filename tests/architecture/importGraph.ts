import {existsSync, readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import ts from "typescript";

/** Project files whose imports are checked: TypeScript and scripts, plus the site's Markdown pages (their ```js). */
const SOURCE = /\.(ts|mts|mjs|js|md|md\.tmpl)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "data", ".observablehq", "fixtures", ".git"]);

/** Every source file below `dir`, as paths relative to `root` with "/" separators. */
export function sourceFiles(root: string, dir: string): string[] {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, {withFileTypes: true})) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(join(at, entry.name));
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        files.push(relative(root, join(at, entry.name)).split("\\").join("/"));
      }
    }
  };
  if (existsSync(join(root, dir))) walk(join(root, dir));
  return files.sort();
}

/**
 * The code a file imports from: the whole file, or a page's ```js blocks. A page template
 * (dashboards/components/pages/*.md.tmpl) names the site root `{{root}}` and picks words with `{{中文|English}}`:
 * its imports are read as the Chinese page's, with the root resolved from the template's own folder.
 */
function codeOf(text: string, file: string): string {
  if (!file.endsWith(".md") && !file.endsWith(".md.tmpl")) return text;
  const code = [...text.matchAll(/^```js\b[^\n]*\n([\s\S]*?)^```/gm)].map(([, block]) => block).join("\n");
  if (!file.endsWith(".md.tmpl")) return code;
  const root = relative(dirname(file), "dashboards").split("\\").join("/");
  return code.replaceAll("{{root}}", root ? `${root}/` : "./").replace(/\{\{([^|}]*)\|[^}]*\}\}/g, "$1");
}

/**
 * The relative imports of one file (static, dynamic with a literal, `import type`, and re-exports), resolved to
 * project files. Framework pages import "./components/x.js" for x.ts, and a data loader names a module as a
 * `new URL("…", import.meta.url)` entry point: both are followed. Package imports are not edges.
 */
export function importsOf(root: string, file: string): string[] {
  const text = codeOf(readFileSync(join(root, file), "utf8"), file);
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  for (const [, url] of text.matchAll(/new URL\(\s*["'](\.[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
    if (SOURCE.test(url!)) specifiers.push(url!);
  }
  const targets: string[] = [];
  for (const specifier of specifiers) {
    if (!specifier.startsWith(".")) continue;
    const target = resolveSpecifier(root, file, specifier);
    if (target) targets.push(target);
  }
  return [...new Set(targets)];
}

function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  const base = resolve(root, dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split("\\").join("/");
  }
  return null;
}

/** Strongly connected components with more than one file (or a file importing itself): the import cycles. */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
