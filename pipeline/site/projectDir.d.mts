// Types of projectDir.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
export const projectDir: string;
export const distDir: string;
