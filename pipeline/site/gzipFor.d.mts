// Types of gzipFor.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
export const COMPRESSIBLE: ReadonlySet<string>;
export function isCompressible(file: string): boolean;
export function gzipFor(bytes: Uint8Array): Promise<Buffer | null>;
