import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {importCycles, importsOf, sourceFiles} from "./importGraph.ts";

// The house's rooms, lowest first. A file may import its own room and rooms of a lower rank; rooms of one rank are
// siblings and import neither each other nor anything above. `npx vitest run tests/architecture` is the check.
const LAYERS: {rank: number; room: string; files: RegExp}[] = [
  {
    rank: 0,
    room: "base",
    files:
      /^pipeline\/(errors|version|config|db|migrate|faultPoint|replaceFolder|io|zipTimestamps)\.ts$|^pipeline\/migrations\//,
  },
  // The one word dictionary (status, verdict, tier, list words) is read by the site and the report alike. It sits
  // under dashboards/ only because Framework refuses browser imports from outside its root; it imports nothing.
  {rank: 0, room: "words", files: /^dashboards\/components\/statusLabels\.ts$/},
  {rank: 1, room: "calendar", files: /^pipeline\/calendar\/|^pipeline\/asOf\.ts$/},
  {rank: 2, room: "catalog", files: /^pipeline\/catalog\/|^pipeline\/openWarehouse\.ts$/},
  {rank: 3, room: "ingest", files: /^pipeline\/ingest\//},
  {rank: 4, room: "models", files: /^pipeline\/models\//},
  {rank: 5, room: "scoring", files: /^pipeline\/scoring\//},
  {rank: 6, room: "export", files: /^pipeline\/export\//},
  {rank: 7, room: "assess", files: /^pipeline\/assess\//},
  {rank: 7, room: "demo", files: /^pipeline\/demo\//},
  {rank: 7, room: "site", files: /^pipeline\/site\//},
  // `bizenv score`'s core: models, then exports, then the editions list the assessment froze.
  {rank: 8, room: "score", files: /^pipeline\/score\//},
  {rank: 9, room: "bench", files: /^pipeline\/bench\//},
  {rank: 10, room: "cli", files: /^pipeline\/cli\//},
  {rank: 11, room: "entry points", files: /^(bin|scripts)\//},
];

// The site is apart: it reads what `bizenv score` exported through pipeline/export, the plan catalog, and the
// loader's own browser-safe rules for the file check; nothing else of the pipeline.
const SITE = /^dashboards\//;
const SITE_MAY_IMPORT = /^pipeline\/(export|catalog|ingest)\//;

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const files = ["pipeline", "dashboards", "scripts", "bin"].flatMap((dir) => sourceFiles(root, dir));
const graph = new Map(files.map((file) => [file, importsOf(root, file)]));

function layerOf(file: string) {
  return LAYERS.find((layer) => layer.files.test(file));
}

describe("the import graph", () => {
  it("reads imports of every kind", () => {
    // Guards the check itself: a page's components, a loader's dynamic entry point, a type-only import.
    expect(graph.get("dashboards/components/pages/index.md.tmpl")).toContain("dashboards/components/i18n.ts");
    expect(graph.get("dashboards/index.md.js")).toContain("dashboards/components/pages/pageMarkdown.js");
    expect(graph.get("bin/bizenv.mjs")).toContain("pipeline/cli/main.ts");
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it("has no import cycle", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it("keeps the word dictionary a leaf", () => {
    expect(graph.get("dashboards/components/statusLabels.ts")).toEqual([]);
  });

  it("puts every pipeline file in a room", () => {
    const homeless = files.filter((file) => file.startsWith("pipeline/") && !layerOf(file));
    expect(homeless).toEqual([]);
  });

  it("never imports from a higher room, a sibling room, or the site", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (SITE.test(file) && !layerOf(file)) {
          if (!SITE.test(target) && !SITE_MAY_IMPORT.test(target))
            wrong.push(`${file} → ${target} (site reaches past the export)`);
          continue;
        }
        if (SITE.test(target) && !layerOf(target)) {
          wrong.push(`${file} → ${target} (the pipeline imports the site)`);
          continue;
        }
        const from = layerOf(file);
        const to = layerOf(target);
        if (!from || !to || from === to) continue;
        if (to.rank >= from.rank) wrong.push(`${file} → ${target} (${from.room} imports ${to.room})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
