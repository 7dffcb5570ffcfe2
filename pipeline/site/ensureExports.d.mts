// Types of ensureExports.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
export function ensureExports(options?: {log?: (message: string) => void}): Promise<void>;
