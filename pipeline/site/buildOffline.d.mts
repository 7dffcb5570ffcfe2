// Types of buildOffline.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
import type {BuildOptions} from "./buildSite.mjs";

export function buildOffline(options?: BuildOptions): Promise<void>;
