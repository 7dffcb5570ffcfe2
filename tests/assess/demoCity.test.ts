// The demo city end to end on a full-size demo (opt-in: it needs a demo warehouse scored by `bizenv score`):
//   BIZENV_DB=/tmp/demo/w.duckdb node bin/bizenv.mjs demo
//   BIZENV_DB=/tmp/demo/w.duckdb BIZENV_EXPORTS=/tmp/demo/exports node bin/bizenv.mjs score --as-of 2023-06-30
//   ASSESS_DEMO_DB=/tmp/demo/w.duckdb ASSESS_DEMO_EXPORTS=/tmp/demo/exports npx vitest run tests/assess/demoCity.test.ts
// The same check runs in every `npm test` on a small demo city: tests/models/demoCity.test.ts.
import {describe, it} from "vitest";
import {assessAgainstWarehouse} from "./assessAgainstWarehouse.ts";

const db = process.env.ASSESS_DEMO_DB;
const exportsDir = process.env.ASSESS_DEMO_EXPORTS;

describe("assess on the full-size demo city", () => {
  if (!db || !exportsDir) {
    it("is SKIPPED: set ASSESS_DEMO_DB and ASSESS_DEMO_EXPORTS to a scored demo warehouse (see this file)", (ctx) => {
      ctx.skip();
    });
  } else {
    it("writes a workbook whose figures are the warehouse's", {timeout: 300_000}, () =>
      assessAgainstWarehouse(db, exportsDir),
    );
  }
});
