import {fileURLToPath} from "node:url";
import {describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {captureIo} from "../helpers/captureIo.ts";

const fixture = fileURLToPath(new URL("../fixtures/dtf/db2020-reference.csv", import.meta.url));

describe("bizenv dtf", () => {
  it("scores the reference fixture as JSON", async () => {
    const io = captureIo();
    const code = await main(["dtf", fixture, "--json"], io);
    expect(io.err).toBe("");
    expect(code).toBe(0);
    // Values worked by hand in tests/scoring/dtfPublished.test.ts:
    //   Beijing starting a business (88.235 + 92.462 + 99.65 + 100) / 4 = 95.087 (published 95.081);
    //   China getting electricity (100 + 93.913 + 100 + 87.5) / 4 = 95.353 (published 95.4);
    //   China paying taxes (93.333 + 86.244 + 50.748 + 50) / 4 = 70.081, post-filing 50 from its parts
    //   (no VAT refund: 0 + 0; CIT parts at best: 100 + 100).
    expect(JSON.parse(io.out)).toEqual([
      {economy: "Beijing", topic: "starting_a_business", score: 95.087},
      {economy: "China", topic: "getting_electricity", score: 95.353},
      {economy: "China", topic: "paying_taxes", score: 70.081},
    ]);
  });

  it("prints a table for people", async () => {
    const io = captureIo();
    expect(await main(["dtf", fixture], io)).toBe(0);
    expect(io.out).toContain("Beijing  starting_a_business   95.09");
  });

  it("refuses a file with unknown names, naming them and the line", async () => {
    const io = captureIo({cwd: fileURLToPath(new URL("../fixtures/dtf/", import.meta.url))});
    const code = await main(["dtf", "unknown-names.csv", "--json"], io);
    expect(code).toBe(4);
    const error = JSON.parse(io.out).error;
    expect(error.code).toBe("file_refused");
    expect(error.message).toContain('line 2: unknown topic "starting_business"');
    expect(error.message).toContain('line 3: Beijing getting_electricity: unknown component "reliability"');
    expect(error.message).toContain("Beijing getting_electricity: missing component reliability_index");
  });

  it("refuses a missing file", async () => {
    const io = captureIo();
    expect(await main(["dtf", "no/such/file.csv"], io)).toBe(4);
    expect(io.err).toContain("no/such/file.csv: cannot read the CSV: no such file");
  });
});
