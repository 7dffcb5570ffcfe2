// Types of seedFrameworkCache.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
export function seedFrameworkCache(options?: {
  root?: string;
  force?: boolean;
  keepData?: boolean;
  log?: (message: string) => void;
}): Promise<{seeded: boolean; versions: Record<string, string>}>;
