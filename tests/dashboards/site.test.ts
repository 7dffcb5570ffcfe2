// The dashboards in a real browser: build the site once (scripts/start.mjs, as `npm start` does), serve dist/ on
// 127.0.0.1, and open every page of the sidebar, Chinese and English. A page fails if it asks any other host for
// anything, logs a console error (CSP violations included), shows a Framework error cell, or lacks its language
// switch. Needs Debian's Chromium; without it the suite says it was skipped (and fails in CI, which installs it).
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import config from "../../observablehq.config.ts";
import {loadCatalog, planJson} from "../../pipeline/catalog/index.ts";
import {chromiumMissing, launchChromium} from "../helpers/chromium.ts";
import {startSite, type RunningSite} from "../helpers/startSite.ts";

/** Every page in the sidebar, e.g. "/", "/tasks", "/en/", "/en/tasks". */
const pagePaths = config.pages.flatMap((section) => section.pages.map((p) => p.path));

/** The page's twin in the other language: /tasks ⇄ /en/tasks, / ⇄ /en/. */
function twinOf(path: string): string {
  if (path.startsWith("/en/")) return path.slice("/en".length);
  return path === "/" ? "/en/" : `/en${path}`;
}

/** Opens a page and records everything that would break the offline, error-free promise. */
async function openPage(browser: Browser, url: string): Promise<{page: Page; problems: string[]}> {
  const page = await browser.newPage({viewport: {width: 1280, height: 900}});
  const problems: string[] = [];
  page.on("request", (request) => {
    const target = new URL(request.url());
    if (target.protocol === "data:" || target.protocol === "blob:") return;
    if (target.hostname !== "127.0.0.1") problems.push(`request to another host: ${request.url()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url, {waitUntil: "networkidle"});
  return {page, problems};
}

const missing = chromiumMissing();

if (missing) {
  describe("dashboards in Chromium", () => {
    it(`is SKIPPED: ${missing}`, (ctx) => {
      if (process.env.CI) throw new Error(`browser tests cannot run in CI: ${missing}`);
      console.warn(`[tests/dashboards] SKIPPED: ${missing}`);
      ctx.skip(missing);
    });
  });
} else {
  describe("dashboards in Chromium", () => {
    let site: RunningSite | undefined;
    let browser: Browser | undefined;
    const catalog = planJson(loadCatalog());

    beforeAll(async () => {
      site = await startSite();
      browser = await launchChromium();
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
      await site?.stop();
    });

    it("lists Chinese pages and their English twins in the sidebar", () => {
      expect(pagePaths).toContain("/");
      for (const path of pagePaths) expect(pagePaths).toContain(twinOf(path));
    });

    for (const path of pagePaths) {
      it(`renders ${path} offline, without errors, with a switch to ${twinOf(path)}`, async () => {
        const {page, problems} = await openPage(browser!, site!.url + path);
        try {
          await page.waitForSelector("#observablehq-main h1");
          await page.waitForTimeout(300); // let late cells settle before looking for error cells
          const state = await page.evaluate(() => ({
            lang: document.documentElement.lang,
            errorCells: document.querySelectorAll(".observablehq--error").length,
            csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content") ?? "",
            twin: document.querySelector<HTMLAnchorElement>(".lang-switch a")?.href ?? "",
          }));
          expect(problems).toEqual([]);
          expect(state.errorCells).toBe(0);
          expect(state.lang).toBe(path.startsWith("/en/") ? "en" : "zh-CN");
          expect(state.csp).toMatch(/^default-src 'self'/);
          expect(new URL(state.twin).pathname).toBe(twinOf(path));
        } finally {
          await page.close();
        }
      });
    }

    for (const path of ["/", "/en/"]) {
      it(`${path} shows the 18 indicators under the 4 actions and the three tier goals`, async () => {
        const {page, problems} = await openPage(browser!, site!.url + path);
        try {
          await page.waitForSelector("[data-indicator]");
          expect(await page.locator("[data-indicator]").count()).toBe(18);
          expect(await page.locator("[data-action]").count()).toBe(4);
          expect(await page.locator('[data-count="indicators"]').innerText()).toBe("18");
          const tiers = await page
            .locator("[data-tier]")
            .evaluateAll((cards) =>
              cards.map((c) => [c.getAttribute("data-tier"), c.querySelector(".big")?.textContent]),
            );
          const unit = path === "/" ? "项指标" : "indicators";
          expect(tiers).toEqual([
            ["national_first_class", `4 ${unit}`],
            ["national_advanced", `11 ${unit}`],
            ["comprehensive_improvement", `3 ${unit}`],
          ]);
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }

    for (const path of ["/tasks", "/en/tasks"]) {
      it(`${path} lists the 47 tasks, charts them, and finds them by a Chinese substring`, async () => {
        const {page, problems} = await openPage(browser!, site!.url + path);
        try {
          await page.waitForSelector("[data-task]");
          expect(await page.locator("[data-task]").count()).toBe(47);
          expect(await page.locator('[data-count="tasks"]').innerText()).toBe("47");
          // Two Plot charts (each a figure with a legend or an svg of its own).
          expect(await page.locator(".card svg[class^='plot']").count()).toBeGreaterThanOrEqual(2);
          // 纳税 sits inside longer words (提升纳税指标): Inputs' default word-start filter would find nothing.
          await page.locator("form input[type=search]").fill("纳税");
          await page.waitForFunction(() => document.querySelectorAll("[data-task]").length < 47);
          const found = await page.locator("[data-task]").count();
          expect(found).toBeGreaterThan(0);
          expect(found).toBeLessThan(47);
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }

    for (const path of ["/targets", "/en/targets"]) {
      it(`${path} lists every quantitative target of the catalog`, async () => {
        const {page, problems} = await openPage(browser!, site!.url + path);
        try {
          await page.waitForSelector("[data-target]");
          expect(await page.locator("[data-target]").count()).toBe(catalog.targets.length);
          const clauses = await page.locator("[data-target]").evaluateAll((rows) => rows.map((r) => r.dataset.target));
          expect(clauses).toEqual(catalog.targets.map((t) => t.clause));
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  });
}
