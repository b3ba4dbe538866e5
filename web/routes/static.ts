/**
 * Static files, held in memory with a gzip copy made once at start:
 * the hashed build output under `/build/` (cached for a year, immutable)
 * and a few fixed files such as `/favicon.svg` and `/robots.txt`.
 *
 * @module
 */

import { Hono } from "hono";
import { BUILD_DIR } from "../manifest.ts";

const STATIC_DIR = new URL("../static/", import.meta.url);
const FIXED_FILES = ["favicon.svg", "robots.txt"];

const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  svg: "image/svg+xml",
  txt: "text/plain; charset=utf-8",
  json: "application/json",
};

/** One file ready to serve. */
export interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  type: string;
  cacheControl: string;
}

async function gzip(
  data: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([data]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function loadFile(url: URL, cacheControl: string): Promise<StaticFile> {
  const body = await Deno.readFile(url) as Uint8Array<ArrayBuffer>;
  const extension = url.pathname.replace(/^.*\./, "");
  return {
    body,
    gzip: await gzip(body),
    type: CONTENT_TYPES[extension] ?? "application/octet-stream",
    cacheControl,
  };
}

/**
 * Reads the static files into memory.
 *
 * @returns The files by URL path.
 */
export async function loadStaticFiles(): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for await (const entry of Deno.readDir(BUILD_DIR)) {
    if (!entry.isFile || entry.name === "manifest.json") continue;
    files.set(
      `/build/${entry.name}`,
      await loadFile(
        new URL(entry.name, BUILD_DIR),
        "public, max-age=31536000, immutable",
      ),
    );
  }
  for (const name of FIXED_FILES) {
    files.set(
      `/${name}`,
      await loadFile(new URL(name, STATIC_DIR), "public, max-age=86400"),
    );
  }
  return files;
}

/**
 * The static routes.
 *
 * @param files The files from {@linkcode loadStaticFiles}.
 * @returns A Hono app that serves them, gzipped when the client accepts it.
 */
export function staticRoutes(files: ReadonlyMap<string, StaticFile>): Hono {
  const routes = new Hono();
  routes.get("*", (c, next) => {
    const file = files.get(c.req.path);
    if (!file) return next();
    c.header("Content-Type", file.type);
    c.header("Cache-Control", file.cacheControl);
    c.header("Vary", "Accept-Encoding");
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      c.header("Content-Encoding", "gzip");
      return c.body(file.gzip);
    }
    return c.body(file.body);
  });
  return routes;
}
