// The static server of pipeline/site/createStaticServer.mjs (what `npm start` serves dist/ with), on a tiny hand-made
// site: clean URLs, gzip for clients that accept it (byte for byte the file once decompressed), identity bytes for the
// others, HEAD, Vary, and a file changed on disk compressed again. No build and no browser: it runs in a second.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync} from "node:fs";
import {request, type IncomingHttpHeaders, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {gunzipSync} from "node:zlib";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {acceptsGzip, createStaticServer} from "../../pipeline/site/createStaticServer.mjs";

let root: string;
let server: Server;
let port: number;

/** One request, without any decompression: the status, headers and the bytes as sent. */
function fetchRaw(
  path: string,
  {method = "GET", headers = {}}: {method?: string; headers?: Record<string, string>} = {},
): Promise<{status: number; headers: IncomingHttpHeaders; body: Buffer}> {
  return new Promise((resolve, reject) => {
    const req = request({host: "127.0.0.1", port, path, method, headers}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks)}));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const page = `<!DOCTYPE html><html><head><title>总览</title></head><body>${"<p>营商环境 overview</p>\n".repeat(200)}</body></html>`;
const script = `export const rows = ${JSON.stringify(Array.from({length: 300}, (_, i) => ({id: i, name: `行 ${i}`})))};\n`;
const png = Buffer.from(Array.from({length: 2000}, (_, i) => (i * 7919) % 256));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "bizenv-static-"));
  mkdirSync(join(root, "_npm"), {recursive: true});
  writeFileSync(join(root, "index.html"), page);
  writeFileSync(join(root, "tasks.html"), "<p>任务</p>");
  writeFileSync(join(root, "404.html"), `<p>${"not found ".repeat(50)}</p>`);
  writeFileSync(join(root, "_npm", "lib.js"), script);
  writeFileSync(join(root, "chart.png"), png);
  server = createStaticServer(root);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, {recursive: true, force: true});
});

describe("createStaticServer", () => {
  it("sends gzip to a client that accepts it, and it decompresses to the file's exact bytes", async () => {
    for (const [path, file] of [
      ["/", "index.html"],
      ["/_npm/lib.js", join("_npm", "lib.js")],
    ] as const) {
      const res = await fetchRaw(path, {headers: {"accept-encoding": "gzip, deflate, br"}});
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBe("gzip");
      expect(res.headers["vary"]).toBe("Accept-Encoding");
      expect(Number(res.headers["content-length"])).toBe(res.body.length);
      const original = readFileSync(join(root, file));
      expect(res.body.length).toBeLessThan(original.length);
      expect(gunzipSync(res.body).equals(original)).toBe(true);
    }
  });

  it("sends the file's bytes as they are to a client without Accept-Encoding, or one that refuses gzip", async () => {
    for (const headers of [{}, {"accept-encoding": "identity"}, {"accept-encoding": "gzip;q=0, br"}] as Record<
      string,
      string
    >[]) {
      const res = await fetchRaw("/", {headers});
      expect(res.status).toBe(200);
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.headers["vary"]).toBe("Accept-Encoding");
      expect(res.body.equals(readFileSync(join(root, "index.html")))).toBe(true);
      expect(Number(res.headers["content-length"])).toBe(res.body.length);
    }
  });

  it("answers HEAD with the headers GET would send and no body", async () => {
    const headers = {"accept-encoding": "gzip"};
    const get = await fetchRaw("/_npm/lib.js", {headers});
    const head = await fetchRaw("/_npm/lib.js", {method: "HEAD", headers});
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ["content-encoding", "content-length", "content-type", "vary", "cache-control"])
      expect(head.headers[name], name).toBe(get.headers[name]);
    const plain = await fetchRaw("/_npm/lib.js", {method: "HEAD"});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(Number(plain.headers["content-length"])).toBe(Buffer.byteLength(script));
  });

  it("leaves binary files alone, and tiny files gzip would not shrink", async () => {
    const image = await fetchRaw("/chart.png", {headers: {"accept-encoding": "gzip"}});
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.headers["vary"]).toBeUndefined();
    expect(image.body.equals(png)).toBe(true);
    const tiny = await fetchRaw("/tasks", {headers: {"accept-encoding": "gzip"}}); // clean URL, 16 bytes
    expect(tiny.headers["content-encoding"]).toBeUndefined();
    expect(tiny.body.toString()).toBe("<p>任务</p>");
  });

  it("gzips the 404 page too, with its status", async () => {
    const res = await fetchRaw("/no-such-page", {headers: {"accept-encoding": "gzip"}});
    expect(res.status).toBe(404);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).equals(readFileSync(join(root, "404.html")))).toBe(true);
  });

  it("compresses a file again once it changed on disk", async () => {
    const file = join(root, "_npm", "lib.js");
    await fetchRaw("/_npm/lib.js", {headers: {"accept-encoding": "gzip"}}); // cached now
    const changed = script.replace("行", "列").repeat(2);
    writeFileSync(file, changed);
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const res = await fetchRaw("/_npm/lib.js", {headers: {"accept-encoding": "gzip"}});
    expect(gunzipSync(res.body).toString()).toBe(changed);
  });
});

describe("acceptsGzip", () => {
  it("reads Accept-Encoding as browsers and tools send it", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsGzip("br;q=1.0, GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("x-gzip")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("*;q=1, gzip;q=0")).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
  });
});
