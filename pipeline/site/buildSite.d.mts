// Types of buildSite.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
export interface BuildOptions {
  log?: (message: string) => void;
  exportsDir?: string;
  outDir?: string;
  quiet?: boolean;
}
export function buildSite(options?: BuildOptions): Promise<void>;
