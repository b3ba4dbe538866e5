/**
 * What the server knows about the browser build: where `deno task build`
 * wrote it, the manifest that names each file, and the check that the build
 * matches the sources. The server reads the manifest; it never builds (that
 * is `web/build.ts`, its own process with its own permissions).
 *
 * @module
 */

/** Where the build writes, as a file URL. */
export const BUILD_DIR: URL = new URL("./static/build/", import.meta.url);

/** One entry module of the build and the chunks it imports statically. */
export interface BuiltModule {
  /** URL path of the module, such as `/build/Generator-4KQ2ZB7M.js`. */
  src: string;
  /** URL paths of the chunks it imports, at any depth (for modulepreload). */
  imports: string[];
}

/** What the server needs to know about the built files. */
export interface BuildManifest {
  /** SHA-256 of every source file the build reads; a change means rebuild. */
  sourceHash: string;
  /**
   * URL path of the boot module, which finds the islands on the page and
   * hydrates them (the chunk it shares with them is in their `imports`).
   */
  boot: string;
  /** URL path of the stylesheet. */
  styles: string;
  /** URL path of the stylesheet for browsers without JavaScript. */
  noscript: string;
  /** Per island name: its module. */
  islands: Record<string, BuiltModule>;
}

const WEB_DIR = new URL("./", import.meta.url);
const ROOT_DIR = new URL("../", import.meta.url);
const MANIFEST_URL = new URL("manifest.json", BUILD_DIR);

/**
 * What decides the bundle: all of `web/` (but the build output), the core,
 * and the files that pin the compiler options and dependency versions.
 * The server reads these (and nothing else of the checkout) to check that
 * the build is current.
 */
export const SOURCE_DIRS: readonly URL[] = [
  WEB_DIR,
  new URL("core/", ROOT_DIR),
];
const SOURCE_FILES = [
  new URL("deno.json", ROOT_DIR),
  new URL("deno.lock", ROOT_DIR),
];

/**
 * Lists the files whose contents decide the bundle.
 *
 * @returns Their URLs, sorted.
 */
export async function sourceFiles(): Promise<URL[]> {
  const files: URL[] = [...SOURCE_FILES];
  for (const dir of SOURCE_DIRS) files.push(...await listFiles(dir));
  return files.sort((a, b) => a.href.localeCompare(b.href));
}

/**
 * Hashes every source file that the build reads, by path relative to the
 * checkout, so the hash is the same wherever the checkout lives.
 *
 * @returns The SHA-256 hex of the sorted file paths and their contents.
 */
export async function hashSources(): Promise<string> {
  const files = await sourceFiles();
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(file);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      throw error;
    }
    parts.push(encoder.encode(file.href.slice(ROOT_DIR.href.length) + "\0"));
    parts.push(bytes);
  }
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function listFiles(dir: URL): Promise<URL[]> {
  const out: URL[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return out;
    throw error;
  }
  for (const entry of entries) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (url.href === BUILD_DIR.href) continue;
    if (entry.isDirectory) out.push(...await listFiles(url));
    else if (entry.isFile) out.push(url);
  }
  return out;
}

/**
 * Reads the manifest of the last build.
 *
 * @returns The manifest, or `undefined` when there is none.
 */
export async function readManifest(): Promise<BuildManifest | undefined> {
  try {
    return JSON.parse(await Deno.readTextFile(MANIFEST_URL)) as BuildManifest;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/** Why the server cannot start: no build, or a build of other sources. */
export class BuildMissingError extends Error {
  override name = "BuildMissingError";
}

/**
 * Returns the manifest of the build, checked against the sources.
 *
 * @returns The manifest to serve with.
 * @throws {BuildMissingError} When there is no build, or the sources
 *   changed since it was made; the message says to run `deno task build`.
 */
export async function loadManifest(): Promise<BuildManifest> {
  const manifest = await readManifest();
  if (manifest === undefined) {
    throw new BuildMissingError(
      "Cannot start: the page is not built (no web/static/build/manifest.json); run `deno task build` first",
    );
  }
  if (manifest.sourceHash !== await hashSources()) {
    throw new BuildMissingError(
      "Cannot start: the page's build is stale (web/ or core/ changed since `deno task build`); run `deno task build` again",
    );
  }
  return manifest;
}
