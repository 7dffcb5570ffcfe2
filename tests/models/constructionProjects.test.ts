import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cityVerdict, judgeTargets} from "../helpers/judgeTargets.ts";
import {tempWarehouse, type TempWarehouse} from "../helpers/tempWarehouse.ts";

// The coded construction projects (feed construction_projects, issue 11), judged by hand on a worked example from
// the rows to the verdict: clause 22.1 (所有工程建设项目全覆盖: every coded project in the approval management
// system, 100 %) and clause 22.2 (中介服务事项全部纳入审批管理系统办理: every intermediary service projects used
// handled in it, 100 %, pooled over the services).
const AS_OF = "2023-06-30";

const HEADER =
  "project_code,project_name,area,project_type,coded_on,is_in_approval_system,entered_system_on," +
  "intermediary_services,intermediary_services_in_system,synthetic";
const row = (code: string, coded: string, entered: string, services: string, inSystem: string) =>
  `${code},项目${code},城西区,社会投资,${coded},${entered ? "是" : "否"},${entered},${services},${inSystem},true`;

// November 2022: eight projects coded. P5 is not in the system in the first file; a later file reports it entered
// on 2 December, and that report wins. P8 never enters: 7 of 8 in the system. Intermediary services: P1 4 of 4 in
// the system, P2 2 of 3, P4 5 of 5, P5 2 of 2, P7 1 of 1; P3 and P8 used none and P6's count in the system is empty,
// so they are not counted: 14 of 15 services.
// December 2022: five projects, all in the system, their 12 services all handled in it.
const first = [
  row("P1", "2022-11-01", "2022-11-02", "4", "4"),
  row("P2", "2022-11-03", "2022-11-03", "3", "2"),
  row("P3", "2022-11-07", "2022-11-08", "0", "0"),
  row("P4", "2022-11-08", "2022-11-10", "5", "5"),
  row("P5", "2022-11-14", "", "2", "2"),
  row("P6", "2022-11-15", "2022-11-15", "3", ""),
  row("P7", "2022-11-21", "2022-11-22", "1", "1"),
  row("P8", "2022-11-28", "", "0", "0"),
  row("D1", "2022-12-01", "2022-12-01", "2", "2"),
  row("D2", "2022-12-05", "2022-12-06", "3", "3"),
  row("D3", "2022-12-08", "2022-12-09", "1", "1"),
  row("D4", "2022-12-12", "2022-12-12", "4", "4"),
  row("D5", "2022-12-19", "2022-12-20", "2", "2"),
];
const later = [row("P5", "2022-11-14", "2022-12-02", "2", "2")];

let tw: TempWarehouse;
let attainment: Awaited<ReturnType<typeof judgeTargets>>["attainment"];
beforeAll(async () => {
  tw = tempWarehouse();
  const paths = [
    ["projects_2022-12.csv", first],
    ["projects_2023-01.csv", later],
  ].map(([name, rows]) => {
    const path = join(tw.dir, name as string);
    writeFileSync(path, `${HEADER}\n${(rows as string[]).join("\n")}\n`);
    return path;
  });
  const results = await tw.load(paths);
  for (const r of results) expect(r, r.file).toMatchObject({feed: "construction_projects", status: "loaded"});
  expect(results.map((r) => r.rows_loaded)).toEqual([13, 1]);
  ({attainment} = await judgeTargets(tw, AS_OF, ["22.1", "22.2"]));
}, 120_000);
afterAll(() => tw.remove());

const judged = (clause: string, period: string) => {
  const r = cityVerdict(attainment, clause, period);
  return {actual: r.actual, n: r.n, status: r.status};
};

describe("clause 22.1, every coded construction project in the approval system (所有: 100 %)", () => {
  it("counts each project once, as its latest report says: 7 of 8 is missed, 5 of 5 met", () => {
    expect(judged("22.1", "2022-11")).toEqual({actual: 87.5, n: 8, status: "missed"});
    expect(judged("22.1", "2022-12")).toEqual({actual: 100, n: 5, status: "met"});
  });
});

describe("clause 22.2, every intermediary service handled in the approval system (全部: 100 %)", () => {
  it("pools the services of the projects that report them: 14 of 15 is missed, 12 of 12 met", () => {
    expect(judged("22.2", "2022-11")).toEqual({actual: expect.closeTo((100 * 14) / 15, 9), n: 5, status: "missed"});
    expect(judged("22.2", "2022-12")).toEqual({actual: 100, n: 5, status: "met"});
  });
});
