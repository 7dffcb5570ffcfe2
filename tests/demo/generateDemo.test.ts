import {mkdtempSync, readdirSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import iconv from "iconv-lite";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {loadCatalog} from "../../pipeline/catalog/index.ts";
import {loadContracts} from "../../pipeline/ingest/loadContracts.ts";
import {generateDemo} from "../../pipeline/demo/generateDemo.ts";
import {FILE_VARIETY} from "../../pipeline/demo/fileStyle.ts";
import type {DemoManifest} from "../../pipeline/demo/manifest.ts";
import type {BadRule} from "../../pipeline/demo/badRows.ts";
import {RowChecker} from "./checkRows.ts";
import {readDemoFile} from "./readDemoFile.ts";

// Small and short, so the whole suite runs in seconds; the as-of date is the first that holds every variety file.
const SETTINGS = {seed: 7, scale: 0.02, asOf: "2022-06-30"} as const;
const catalog = loadCatalog();
const contracts = loadContracts(catalog);
const contractOf = (feed: string) => contracts.find((c) => c.feed === feed)!;

let root: string;
let a: string;
let manifest: DemoManifest;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "bizenv-demo-test-"));
  a = join(root, "a");
  manifest = await generateDemo({...SETTINGS, out: a, catalog, contracts});
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

/** Every file under a folder, relative, sorted. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe("generateDemo", () => {
  it("is deterministic: the same seed, scale and as-of date give byte-identical files", async () => {
    const b = join(root, "b");
    await generateDemo({...SETTINGS, out: b, catalog, contracts});
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    for (const file of files) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
  });

  it("gives different rows for a different seed", async () => {
    const c = join(root, "c");
    const other = await generateDemo({...SETTINGS, seed: 8, out: c, catalog, contracts, feeds: ["startup_cases"]});
    const first = other.files[0]!;
    expect(readFileSync(join(c, first.file)).equals(readFileSync(join(a, first.file)))).toBe(false);
  });

  it("writes files for every contract, monthly case files named <feed>/<feed>_YYYY-MM", () => {
    expect(manifest.feeds.map((f) => f.feed)).toEqual(contracts.map((c) => c.feed));
    for (const feed of manifest.feeds) expect(feed.files, feed.feed).toBeGreaterThan(0);
    const startups = manifest.files.filter((f) => f.feed === "startup_cases").map((f) => f.file);
    expect(startups).toHaveLength(18); // 2021-01 … 2022-06
    expect(startups[0]).toBe("startup_cases/startup_cases_2021-01.csv");
    expect(manifest.files.filter((f) => f.feed === "task_progress").map((f) => f.period)).toEqual(["2022-Q2"]);
    expect(manifest.files.filter((f) => f.feed === "tax_compliance_hours").map((f) => f.period)).toEqual(["2021"]);
    expect(listFiles(a)).toEqual([...manifest.files.map((f) => f.file), "README.txt", "manifest.json"].sort());
  });

  it("marks everything SYNTHETIC: README, manifest, and a synthetic column set on every row", async () => {
    expect(readFileSync(join(a, "README.txt"), "utf8")).toMatch(/^SYNTHETIC DATA/);
    expect(manifest.synthetic).toBe(true);
    expect(manifest.notice).toContain("SYNTHETIC");
    for (const f of manifest.files) {
      const read = await readDemoFile(join(a, f.file), contractOf(f.feed));
      for (const row of read.rows) expect(["true", "是"], f.file).toContain(row.synthetic);
    }
  });

  it("writes headers that map onto every contract column (contract names or Chinese aliases)", async () => {
    for (const f of manifest.files) {
      const contract = contractOf(f.feed);
      const read = await readDemoFile(join(a, f.file), contract);
      const mapped = Object.keys(read.rows[0]!);
      expect(mapped.sort(), f.file).toEqual([...contract.columns.map((c) => c.name), "synthetic"].sort());
      expect(read.headerLine, f.file).toBe(f.header_line);
      if (f.header_language === "zh") expect(read.headers.join(""), f.file).toMatch(/[\u4e00-\u9fff]/);
      else expect(read.headers, f.file).toEqual([...contract.columns.map((c) => c.name), "synthetic"]);
    }
  });

  it("counts rows and bad rows by rule exactly as the files hold them, each bad row breaking one rule", async () => {
    for (const feed of manifest.feeds) {
      const checker = new RowChecker(contractOf(feed.feed), catalog);
      for (const f of manifest.files.filter((x) => x.feed === feed.feed)) {
        checker.startFile();
        const read = await readDemoFile(join(a, f.file), contractOf(f.feed));
        const counted: Partial<Record<BadRule, number>> = {};
        for (const row of read.rows) {
          const broken = checker.check(row);
          expect(broken.length, `${f.file}: ${JSON.stringify(row)} breaks ${broken.join(", ")}`).toBeLessThanOrEqual(1);
          if (broken[0]) counted[broken[0]] = (counted[broken[0]] ?? 0) + 1;
        }
        expect(read.rows.length, f.file).toBe(f.rows);
        expect(counted, f.file).toEqual(f.bad_rows_by_rule);
        expect(
          Object.values(counted).reduce((x, y) => x + y, 0),
          f.file,
        ).toBe(f.bad_rows);
      }
    }
    expect(manifest.totals.bad_rows / manifest.totals.rows).toBeGreaterThan(0.005);
    expect(manifest.totals.bad_rows / manifest.totals.rows).toBeLessThan(0.02);
  });

  it("writes the GBK files so that they decode to exactly their UTF-8 twins", async () => {
    const gbk = manifest.files.filter((f) => f.encoding === "gbk");
    expect(gbk.length).toBeGreaterThanOrEqual(1);
    const twin = join(root, "twin");
    await generateDemo({
      ...SETTINGS,
      out: twin,
      catalog,
      contracts,
      feeds: [...new Set(gbk.map((f) => f.feed))],
      restyle: (style) => (style.encoding === "gbk" ? {...style, encoding: "utf-8"} : style),
    });
    for (const f of gbk) {
      const bytes = readFileSync(join(a, f.file));
      const decoded = iconv.decode(bytes, "gbk");
      expect(decoded, f.file).toBe(readFileSync(join(twin, f.file), "utf8"));
      expect(decoded).not.toContain("\ufffd");
      expect(decoded.split("\r\n").length - 1, `${f.file} has CRLF line ends`).toBe(f.rows + 1);
    }
  });

  it("writes the variety the README promises, detected from the bytes", async () => {
    const seen = new Set<string>();
    for (const entry of FILE_VARIETY) {
      const f = manifest.files.find((x) => x.feed === entry.feed && x.period === entry.period)!;
      expect(f, `${entry.feed} ${entry.period}`).toBeDefined();
      expect(f.variety).toBe(entry.why);
      const read = await readDemoFile(join(a, f.file), contractOf(f.feed));
      seen.add(read.encoding);
      if (read.delimiter === "\t") seen.add("tab");
      if (read.crlf) seen.add("crlf");
      if (read.headerLine > 1) seen.add("title rows");
      if (read.rows.some((r) => Object.values(r).some((v) => /^\d{4}\/\d{1,2}\/\d{1,2} \d{1,2}:\d{2}$/.test(v))))
        seen.add("slash timestamps");
      const values = Object.values(read.rows.find((r) => r.synthetic === "是") ?? {});
      if (values.some((v) => ["网上办理", "个人", "高压单电源", "非常满意", "政府投资"].includes(v)))
        seen.add("zh values");
    }
    expect([...seen].sort()).toEqual(
      ["crlf", "gbk", "slash timestamps", "tab", "title rows", "utf-8", "utf-8-bom", "xlsx", "zh values"].sort(),
    );
  });

  it("lists the files, bad rows and rules in README.txt", () => {
    const readme = readFileSync(join(a, "README.txt"), "utf8");
    for (const entry of FILE_VARIETY) expect(readme).toContain(entry.why);
    expect(readme).toContain(`${manifest.totals.bad_rows} deliberately bad rows`);
    expect(readme).toContain("duplicate_key_from_earlier_file");
  });
});
