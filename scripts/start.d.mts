// Types of what TypeScript code (pipeline/bench, tests) imports from scripts/start.mjs, which runs under plain Node.
import type {Server} from "node:http";

export const COMPRESSIBLE: ReadonlySet<string>;
export function isCompressible(file: string): boolean;
export function gzipFor(bytes: Uint8Array): Promise<Buffer | null>;
export function acceptsGzip(header: string | string[] | undefined): boolean;
export function createStaticServer(root?: string): Server;

export interface BuildOptions {
  log?: (message: string) => void;
  exportsDir?: string;
  outDir?: string;
  quiet?: boolean;
}
export function buildSite(options?: BuildOptions): Promise<void>;
export function buildOffline(options?: BuildOptions): Promise<void>;
export function ensureExports(options?: {log?: (message: string) => void}): Promise<void>;
