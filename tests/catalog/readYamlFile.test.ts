import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {z} from "zod";
import {readYamlFile} from "../../pipeline/catalog/readYamlFile.ts";

// readYamlFile keeps what a YAML text parses to (node_modules/.cache/bizenv/yaml, by the text's hash), so a start
// does not parse the catalog again; what it reports must not depend on whether the text was parsed before.
const dir = mkdtempSync(join(tmpdir(), "bizenv-yaml-"));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const schema = z.object({entries: z.array(z.object({id: z.string(), limit: z.number().positive()}))});
// A nonce keeps this run's texts new to the cache, so the first read really parses.
const nonce = `# run ${process.pid} ${Date.now()} ${Math.random()}\n`;

function read(name: string, text: string, as: z.ZodType = schema) {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = readYamlFile(file, as);
  return {data: r.data, issues: r.issues};
}

describe("reading a YAML file twice", () => {
  it("gives the same data, parsed or from the cache", () => {
    const text = `${nonce}entries:\n  - {id: a, limit: 2.5}\n  - id: b\n    limit: 4\n`;
    const first = read("good.yaml", text);
    expect(first).toEqual({
      data: {
        entries: [
          {id: "a", limit: 2.5},
          {id: "b", limit: 4},
        ],
      },
      issues: [],
    });
    expect(read("good.yaml", text)).toEqual(first);
  });

  it("names the same line for an entry the schema refuses, the second time too", () => {
    const text = `${nonce}entries:\n  - {id: a, limit: 2.5}\n  - id: b\n    limit: -4\n`;
    const first = read("refused.yaml", text);
    expect(first.data).toBeUndefined();
    expect(first.issues).toHaveLength(1);
    expect(first.issues[0]!.file).toMatch(/refused\.yaml:5$/);
    expect(first.issues[0]!.path).toBe("entries[1].limit");
    expect(read("refused.yaml", text)).toEqual(first);
  });

  it("reports a syntax error every time, with its line (a text that does not parse is never kept)", () => {
    const text = `${nonce}entries:\n  - {id: a, limit: 2.5\n`;
    const first = read("broken.yaml", text);
    expect(first.data).toBeUndefined();
    expect(first.issues[0]!.message).toMatch(/^YAML syntax/);
    expect(first.issues[0]!.path).toMatch(/^line \d+$/);
    expect(read("broken.yaml", text)).toEqual(first);
  });

  it("parses a value JSON cannot keep (.inf) every time, and gets it right", () => {
    const text = `${nonce}entries:\n  - {id: a, limit: .inf}\n`;
    const any = z.object({entries: z.array(z.object({id: z.string(), limit: z.unknown()}))});
    expect(read("inf.yaml", text, any).data).toEqual({entries: [{id: "a", limit: Infinity}]});
    expect(read("inf.yaml", text, any).data).toEqual({entries: [{id: "a", limit: Infinity}]});
  });
});
