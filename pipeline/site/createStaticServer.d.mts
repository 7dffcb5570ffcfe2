// Types of createStaticServer.mjs (plain Node ESM: see buildOffline.mjs for why the site modules are not TypeScript).
import type {Server} from "node:http";

export function acceptsGzip(header: string | string[] | undefined): boolean;
export function createStaticServer(root?: string): Server;
