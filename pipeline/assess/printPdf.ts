import {existsSync} from "node:fs";
import {BizenvError} from "../errors.ts";
import {esc} from "./tableHtml.ts";

/** Headless Chromium cannot be found or started: the PDF cannot be printed (exit 6, like any missing prerequisite). */
class PdfPrinterError extends BizenvError {
  constructor(message: string, cause?: unknown) {
    super(message, {
      exitCode: 6,
      code: "pdf_printer",
      hint: "install Debian's chromium and fonts-noto-cjk (apt-get install chromium fonts-noto-cjk), set CHROMIUM_PATH, or pass --no-pdf",
      cause,
    });
  }
}

/** Debian's Chromium, or `$CHROMIUM_PATH`. Never a browser downloaded by Playwright: bizenv runs offline. */
export function chromiumPath(env: Record<string, string | undefined>): string {
  return env.CHROMIUM_PATH?.trim() || "/usr/bin/chromium";
}

/**
 * The launch flags of tests/helpers/chromium.ts: headless, no sandbox (root in a container), and nothing that
 * phones home, so the only thing the browser loads is the report.
 */
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Print a self-contained HTML report to an A4 PDF with headless Chromium: backgrounds printed, `headerText` at the
 * top of every page (the synthetic-data warning, when there is one) and "title · page n / N" at the foot. Every
 * request the page would make is refused, so what is printed is exactly the HTML given. Fonts are the system's:
 * the report asks for Noto Sans CJK SC by name.
 */
export async function printPdf(
  html: string,
  options: {executablePath: string; title: string; headerText: string | null},
): Promise<Buffer> {
  if (!existsSync(options.executablePath)) {
    throw new PdfPrinterError(`cannot print the PDF: Chromium not found at ${options.executablePath}`);
  }
  let browser;
  try {
    // playwright-core is loaded only to print: importing it costs every other command a few hundred ms.
    const {chromium} = await import("playwright-core");
    browser = await chromium.launch({executablePath: options.executablePath, args: CHROMIUM_FLAGS});
  } catch (error) {
    throw new PdfPrinterError(
      `cannot start Chromium (${options.executablePath}): ${(error as Error).message.split("\n")[0]}`,
      error,
    );
  }
  try {
    const page = await browser.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, {waitUntil: "load"});
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const font = `font-family: 'Noto Sans CJK SC', sans-serif; font-size: 7pt; width: 100%; margin: 0 11mm; color: #566575;`;
    const header = options.headerText
      ? `<div style="${font} text-align: center; color: #c0392b; font-weight: 700;">${esc(options.headerText)}</div>`
      : `<div></div>`;
    const footer = `<div style="${font} display: flex; justify-content: space-between;"><span>${esc(options.title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: header,
      footerTemplate: footer,
      margin: {top: "14mm", bottom: "16mm", left: "11mm", right: "11mm"},
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
