import {existsSync} from "node:fs";
import {chromium, type Browser} from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. Never `npx playwright install`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(chromiumPath)
    ? null
    : `${chromiumPath} not found: install it (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH`;
}

/**
 * Headless Chromium with the flags that work as root in a container and nothing that phones home (background
 * networking, component updates, sync and QUIC off), so every request a page makes is the page's own. Playwright
 * gives each launch a fresh throwaway profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
