import {mkdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {main} from "../../pipeline/cli/main.ts";
import {captureIo} from "../helpers/captureIo.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

/** `bizenv load` of a folder with files it cannot load, and `bizenv status` listing what stays refused. */

const HEADER = "case_id,area,applied_at,completed_at,channel,procedures,cost_yuan";
const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 0)]);

let tw: TempWarehouse;
let inbox: string;
beforeAll(() => {
  tw = tempWarehouse();
  inbox = join(tw.dir, "inbox");
  mkdirSync(inbox);
  writeFileSync(join(inbox, "1_good.csv"), `${HEADER}\nS-1,城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0\n`);
  writeFileSync(join(inbox, "2_old.xls"), OLE2);
  // Meant as start-up cases, but two required columns are named in no way the contract knows.
  writeFileSync(join(inbox, "3_unknown.csv"), "case_id,area,提交日,完成日,channel\nS-2,城东区,x,y,online\n");
  writeFileSync(join(inbox, "4_notes.pdf"), "%PDF-1.4");
});
afterAll(() => tw.remove());

const run = async (...args: string[]) => {
  // No PATH: no LibreOffice is found, whatever this machine has installed.
  const io = captureIo({env: {...tw.env}, cwd: tw.dir});
  const code = await main(args, io);
  return {code, io};
};

describe("bizenv load of a folder", () => {
  it("--json: every file with its status and reason, the good one loaded, exit 4 for the refused", async () => {
    const {code, io} = await run("load", "inbox", "--json");
    expect(code).toBe(4);
    const {files} = JSON.parse(io.out) as {files: Array<{file: string; status: string; message: string}>};
    expect(files.map((f) => [f.file, f.status])).toEqual([
      ["inbox/1_good.csv", "loaded"],
      ["inbox/2_old.xls", "refused"],
      ["inbox/3_unknown.csv", "refused"],
      ["inbox/4_notes.pdf", "skipped"],
    ]);
    expect(files[1]!.message).toContain("no LibreOffice here to convert it");
    expect(files[2]!.message).toMatch(
      /no feed recognised: required columns missing; closest: startup_cases \(开办企业办件, 3 headers matched\) lacks applied_at \(申请时间\/受理时间\/提交时间\)/,
    );
    expect(files[3]!.message).toMatch(/not loaded: a \.pdf file is no kind bizenv reads/);
  });

  it("in text: one line per file, the refused ones in the error", async () => {
    writeFileSync(join(inbox, "1_good.csv"), `${HEADER}\nS-3,城东区,2022-03-02 09:30,2022-03-02 15:00,online,2,0\n`);
    const {code, io} = await run("load", "inbox");
    expect(code).toBe(4);
    expect(io.out).toMatch(/^loaded +inbox\/1_good\.csv → startup_cases/m);
    expect(io.out).toMatch(/^refused inbox\/2_old\.xls: an old binary Excel/m);
    expect(io.out).toMatch(/^skipped inbox\/4_notes\.pdf: not loaded/m);
    expect(io.out).toMatch(/4 files: 1 loaded, 1 skipped, 2 refused/);
    expect(io.err).toMatch(/2 files were refused \(inbox\/2_old\.xls, inbox\/3_unknown\.csv\)/);
  });
});

describe("bizenv status", () => {
  it("lists the files still refused, in an unrecognised line when no feed was recognised", async () => {
    const {code, io} = await run("status", "--as-of", "2022-04-30");
    expect(code).toBe(0);
    expect(io.out).toMatch(/^ {2}unrecognised +2 refused files/m);
    expect(io.out).toMatch(/^ {4}refused inbox\/2_old\.xls: an old binary Excel/m);
    expect(io.out).toMatch(/^ {4}refused inbox\/3_unknown\.csv: no feed recognised/m);
  });

  it("--json: refused files per feed and unrecognised; a file loaded since is no longer listed", async () => {
    // A file of a known feed refused as a correction sent without --replace…
    writeFileSync(join(inbox, "1_good.csv"), `${HEADER}\nS-3,城西区,2022-03-02 09:30,2022-03-02 15:00,online,2,0\n`);
    expect((await run("load", join("inbox", "1_good.csv"))).code).toBe(4);
    // …and the unrecognised file corrected and sent again as v2: it loads, and leaves the list.
    writeFileSync(
      join(inbox, "3_unknown_v2.csv"),
      `${HEADER}\nS-2,城东区,2022-03-01 09:30,2022-03-01 15:00,online,2,0\n`,
    );
    expect((await run("load", join("inbox", "3_unknown_v2.csv"))).code).toBe(0);
    const {io} = await run("status", "--as-of", "2022-04-30", "--json");
    const status = JSON.parse(io.out) as {
      feeds: Array<{feed: string; refused: Array<{file: string; message: string}>}>;
      unrecognised: Array<{file: string; message: string}>;
    };
    const startup = status.feeds.find((f) => f.feed === "startup_cases")!;
    expect(startup.refused.map((r) => r.file)).toEqual(["1_good.csv"]);
    expect(startup.refused[0]!.message).toMatch(/run bizenv load again with --replace/);
    expect(status.unrecognised.map((r) => r.file)).toEqual(["2_old.xls"]);
  });

  it("load --replace names the load it replaced, and the refusal leaves status", async () => {
    const {code, io} = await run("load", join("inbox", "1_good.csv"), "--replace");
    expect(code).toBe(0);
    expect(io.out).toMatch(
      /^loaded +inbox\/1_good\.csv → startup_cases: 1 read = 1 loaded \+ 0 rejected; replaces load \d+ \(1_good\.csv\)$/m,
    );
    const {io: json} = await run("status", "--as-of", "2022-04-30", "--json");
    const status = JSON.parse(json.out) as {feeds: Array<{feed: string; refused: unknown[]}>};
    expect(status.feeds.find((f) => f.feed === "startup_cases")!.refused).toEqual([]);
  });
});
