import {defineConfig} from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Pin "now" and the zone so date logic is reproducible (STYLE: time zone pinned in tests).
    env: {TZ: "Asia/Shanghai"},
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
