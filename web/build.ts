/**
 * Builds the browser side of the page: the islands, the boot module that
 * hydrates them and the stylesheet, bundled by esbuild into
 * `web/static/build/` under content-hashed names, plus a `manifest.json`
 * that tells the server which file is which.
 *
 * Run it with `deno task build`. The server calls {@linkcode ensureBuild} at
 * start, so a fresh clone works without a separate build step.
 *
 * @module
 */

import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import * as islands from "./islands/registry.ts";

/** Where the build writes, as a file URL. */
export const BUILD_DIR: URL = new URL("./static/build/", import.meta.url);

/** What the server needs to know about the built files. */
export interface BuildManifest {
  /** SHA-256 of every source file the build reads; a change means rebuild. */
  sourceHash: string;
  /** URL path of the boot module. */
  boot: string;
  /** URL path of the stylesheet. */
  styles: string;
  /** URL paths of the chunks the boot module imports (for modulepreload). */
  bootImports: string[];
  /** Per island name: its module and the chunks it imports. */
  islands: Record<string, { src: string; imports: string[] }>;
}

const WEB_DIR = new URL("./", import.meta.url);
const ROOT_DIR = new URL("../", import.meta.url);
const MANIFEST_URL = new URL("manifest.json", BUILD_DIR);

/** Directories whose files go into the bundle (or decide its contents). */
const SOURCE_DIRS = [
  new URL("islands/", WEB_DIR),
  new URL("client/", WEB_DIR),
  new URL("components/", WEB_DIR),
  new URL("static/", WEB_DIR),
  new URL("core/", ROOT_DIR),
];
const SOURCE_FILES = [
  new URL("deno.json", WEB_DIR),
  new URL("build.ts", WEB_DIR),
];

/** The names of the islands the build bundles, from `islands/registry.ts`. */
export function islandNames(): string[] {
  return Object.keys(islands).sort();
}

/**
 * Resolves bare specifiers (`preact`, `@keymint/core`, ...) the way Deno
 * does for this package, so esbuild bundles exactly the modules the server
 * renders with. Every package the browser code reaches, including packages
 * that other packages import, must be listed in `web/deno.json`.
 */
const denoResolver: esbuild.Plugin = {
  name: "deno-resolver",
  setup(build) {
    build.onResolve({ filter: /^[@a-z]/ }, async (args) => {
      let resolved = resolveSpecifier(args.path);
      if (!resolved.startsWith("file:")) {
        // An npm package that this process has not loaded yet: loading it
        // makes Deno download and resolve it, then the lookup succeeds.
        await import(args.path);
        resolved = resolveSpecifier(args.path);
      }
      if (!resolved.startsWith("file:")) {
        return {
          errors: [{
            text:
              `Cannot bundle "${args.path}": add it to web/deno.json imports`,
          }],
        };
      }
      return { path: fileURLToPath(resolved) };
    });
  },
};

function resolveSpecifier(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return "";
  }
}

/**
 * Hashes every source file that the build reads.
 *
 * @returns The SHA-256 hex of the sorted file paths and their contents.
 */
export async function hashSources(): Promise<string> {
  const files: URL[] = [...SOURCE_FILES];
  for (const dir of SOURCE_DIRS) files.push(...await listFiles(dir));
  files.sort((a, b) => a.href.localeCompare(b.href));
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const file of files) {
    parts.push(encoder.encode(file.href.slice(ROOT_DIR.href.length) + "\0"));
    parts.push(await Deno.readFile(file));
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
    if (
      entry.name === "build" && dir.href === new URL("static/", WEB_DIR).href
    ) {
      continue;
    }
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) out.push(...await listFiles(url));
    else if (entry.isFile) out.push(url);
  }
  return out;
}

/**
 * Bundles the islands, the boot module and the stylesheet, and writes the
 * manifest.
 *
 * @returns The manifest that was written.
 */
export async function build(): Promise<BuildManifest> {
  const outdir = fileURLToPath(BUILD_DIR);
  await Deno.remove(BUILD_DIR, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const sourceHash = await hashSources();
  const entryPoints: Record<string, string> = {
    boot: fileURLToPath(new URL("client/boot.ts", WEB_DIR)),
    styles: fileURLToPath(new URL("static/styles.css", WEB_DIR)),
  };
  for (const name of islandNames()) {
    entryPoints[name] = fileURLToPath(new URL(`islands/${name}.tsx`, WEB_DIR));
  }
  try {
    const result = await esbuild.build({
      entryPoints,
      outdir,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify: true,
      treeShaking: true,
      legalComments: "none",
      jsx: "automatic",
      jsxImportSource: "preact",
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      metafile: true,
      write: true,
      logLevel: "silent",
      plugins: [denoResolver],
    });
    const manifest = manifestFrom(result.metafile, outdir, sourceHash);
    await Deno.writeTextFile(
      MANIFEST_URL,
      JSON.stringify(manifest, null, 2) + "\n",
    );
    return manifest;
  } finally {
    await esbuild.stop();
  }
}

function manifestFrom(
  metafile: esbuild.Metafile,
  outdir: string,
  sourceHash: string,
): BuildManifest {
  const byEntry = new Map<string, { src: string; imports: string[] }>();
  const cwd = Deno.cwd();
  for (const [outPath, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const absolute = outPath.startsWith("/") ? outPath : `${cwd}/${outPath}`;
    const src = "/build/" + absolute.slice(outdir.length).replace(/^\/+/, "");
    const imports = output.imports
      .filter((i) => i.kind === "import-statement" && !i.external)
      .map((i) => {
        const path = i.path.startsWith("/") ? i.path : `${cwd}/${i.path}`;
        return "/build/" + path.slice(outdir.length).replace(/^\/+/, "");
      });
    const name = output.entryPoint.replace(/^.*\//, "").replace(
      /\.[a-z]+$/,
      "",
    );
    byEntry.set(name, { src, imports });
  }
  const boot = byEntry.get("boot");
  const styles = byEntry.get("styles");
  if (!boot || !styles) {
    throw new Error("Cannot build: esbuild wrote no boot module or stylesheet");
  }
  const islandsOut: BuildManifest["islands"] = {};
  for (const name of islandNames()) {
    const island = byEntry.get(name);
    if (!island) {
      throw new Error(
        `Cannot build: esbuild wrote no module for island "${name}"`,
      );
    }
    islandsOut[name] = island;
  }
  return {
    sourceHash,
    boot: boot.src,
    styles: styles.src,
    bootImports: boot.imports,
    islands: islandsOut,
  };
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

/**
 * Returns the manifest of a build that matches the sources, building first
 * when there is none or the sources changed since. Where the file system
 * is read-only (a deployed server), a stale build is used as it is.
 *
 * @returns The manifest to serve with.
 */
export async function ensureBuild(): Promise<BuildManifest> {
  const manifest = await readManifest();
  let sourceHash: string | undefined;
  try {
    sourceHash = await hashSources();
  } catch {
    sourceHash = undefined;
  }
  if (
    manifest && (sourceHash === undefined || manifest.sourceHash === sourceHash)
  ) {
    return manifest;
  }
  try {
    return await build();
  } catch (error) {
    if (manifest) return manifest;
    throw error;
  }
}

if (import.meta.main) {
  const manifest = await build();
  const files = [manifest.boot, manifest.styles, ...manifest.bootImports];
  for (const island of Object.values(manifest.islands)) {
    files.push(island.src, ...island.imports);
  }
  console.log(`Built ${new Set(files).size} files into web/static/build/`);
}
