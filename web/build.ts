/**
 * Builds the browser side of the page in one esbuild build: the boot
 * module, every island of `islands/registry.ts` and the stylesheet, with
 * code splitting, so that Preact and the parts of `@keymint/core` that
 * several modules use land in shared chunks that each page loads once.
 * Files go to `web/static/build/` under content-hashed names, with a
 * `manifest.json` that tells the server which file is which.
 *
 * Run it with `deno task build` (the Deploy build step; add `--analyze` to
 * see the bytes each source file adds to each output). The server never
 * imports this module: it reads the manifest (`manifest.ts`) and refuses
 * to start when the build is missing or stale.
 *
 * @module
 */

import * as esbuild from "esbuild";
import { fileURLToPath } from "node:url";
import { ISLAND_NAMES } from "./islands/registry.ts";
import {
  BUILD_DIR,
  type BuildManifest,
  type BuiltModule,
  hashSources,
  readManifest,
} from "./manifest.ts";

const ROOT_DIR = new URL("../", import.meta.url);
const ROOT_PATH = fileURLToPath(ROOT_DIR);
const CORE_PATH = fileURLToPath(new URL("core/", ROOT_DIR));
const MANIFEST_URL = new URL("manifest.json", BUILD_DIR);
/** The build output's path relative to the checkout, as esbuild names it. */
const OUT_PREFIX = BUILD_DIR.href.slice(ROOT_DIR.href.length);

/**
 * Resolves bare specifiers (`preact`, `@keymint/core`, ...) the way Deno
 * does for this package, so esbuild bundles exactly the modules the server
 * renders with. Every package the browser code reaches, including packages
 * that other packages import, must be listed in `web/deno.json`.
 *
 * Files outside the checkout (npm packages in Deno's cache) are loaded
 * under a name relative to the cache (`npm:/preact/11.2.0/...`), so that
 * esbuild's content hashes do not depend on where the checkout lives
 * relative to the cache.
 */
const denoResolver: esbuild.Plugin = {
  name: "deno-resolver",
  setup(build) {
    const outside = new Map<string, string>();
    const name = (path: string) => {
      const at = path.lastIndexOf("/npm/");
      const stable = "npm:" + (at < 0 ? path : path.slice(at + 4));
      outside.set(stable, path);
      return { path: stable, namespace: OUTSIDE };
    };
    // The core has no side effects at import: say so, so that esbuild
    // drops whole modules that a bundle does not use (a module-level
    // `new TextEncoder()` would otherwise keep all of `core/webhook.ts`
    // in the generator's bundle).
    const place = (path: string) =>
      path.startsWith(CORE_PATH)
        ? { path, sideEffects: false }
        : path.startsWith(ROOT_PATH)
        ? { path }
        : name(path);
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
      return place(fileURLToPath(resolved));
    });
    build.onResolve({ filter: /^\.\.?\//, namespace: "file" }, (args) => {
      if (!args.importer.startsWith(CORE_PATH)) return undefined;
      return place(
        fileURLToPath(new URL(args.path, "file://" + args.importer)),
      );
    });
    build.onResolve({ filter: /^\./, namespace: OUTSIDE }, (args) => {
      const from = outside.get(args.importer) ?? args.importer;
      return place(fileURLToPath(new URL(args.path, "file://" + from)));
    });
    build.onLoad({ filter: /.*/, namespace: OUTSIDE }, async (args) => {
      const path = outside.get(args.path) ?? args.path;
      return {
        contents: await Deno.readTextFile(path),
        loader: "js",
        resolveDir: path.replace(/\/[^/]*$/, ""),
      };
    });
  },
};
const OUTSIDE = "deno-cache";

function resolveSpecifier(specifier: string): string {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return "";
  }
}

/** The entry points, by output name: boot, each island, the stylesheet. */
function entryPoints(): Record<string, string> {
  const entries: Record<string, string> = { boot: "web/client/boot.ts" };
  for (const name of ISLAND_NAMES) entries[name] = `web/islands/${name}.tsx`;
  entries["styles"] = "web/static/styles.css";
  entries["noscript"] = "web/static/noscript.css";
  return entries;
}

/** `web/static/build/x.js` (as the metafile names it) to `/build/x.js`. */
function urlPath(outPath: string): string {
  if (!outPath.startsWith(OUT_PREFIX)) {
    throw new Error(`Cannot build: esbuild wrote ${outPath} outside the build`);
  }
  return "/build/" + outPath.slice(OUT_PREFIX.length);
}

/** An entry's module and every chunk it imports statically, at any depth. */
function builtModule(metafile: esbuild.Metafile, outPath: string): BuiltModule {
  const seen = new Set<string>();
  const visit = (path: string) => {
    for (const item of metafile.outputs[path]?.imports ?? []) {
      if (item.kind !== "import-statement" || seen.has(item.path)) continue;
      seen.add(item.path);
      visit(item.path);
    }
  };
  visit(outPath);
  return { src: urlPath(outPath), imports: [...seen].sort().map(urlPath) };
}

/**
 * Turns the metafile into the manifest: each entry by name.
 *
 * @param metafile esbuild's account of the build.
 * @param sourceHash The hash of the sources that were built.
 * @returns The manifest.
 */
export function manifestFrom(
  metafile: esbuild.Metafile,
  sourceHash: string,
): BuildManifest {
  const byEntry = new Map<string, string>();
  const entries = entryPoints();
  const names = new Map(Object.entries(entries).map(([k, v]) => [v, k]));
  for (const [outPath, output] of Object.entries(metafile.outputs)) {
    const name = output.entryPoint && names.get(output.entryPoint);
    if (name) byEntry.set(name, outPath);
  }
  const need = (name: string): string => {
    const path = byEntry.get(name);
    if (path === undefined) {
      throw new Error(`Cannot build: esbuild wrote no module for "${name}"`);
    }
    return path;
  };
  const islands: BuildManifest["islands"] = {};
  for (const name of ISLAND_NAMES) {
    islands[name] = builtModule(metafile, need(name));
  }
  return {
    sourceHash,
    boot: urlPath(need("boot")),
    styles: urlPath(need("styles")),
    noscript: urlPath(need("noscript")),
    islands,
  };
}

/** Options of {@linkcode build}. */
export interface BuildOptions {
  /**
   * Print esbuild's account of the bytes each source file adds to each
   * output (`deno task build --analyze`).
   *
   * @default {false}
   */
  analyze?: boolean;
}

/**
 * Bundles the boot module, the islands and the stylesheet in one build
 * and writes the manifest. Names depend only on the bytes of each file
 * (esbuild's content hash, with paths taken relative to the checkout), so
 * two checkouts of the same commit build the same names.
 *
 * @param options What else to do.
 * @returns The manifest that was written.
 */
export async function build(
  options: BuildOptions = {},
): Promise<BuildManifest> {
  await Deno.remove(BUILD_DIR, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const sourceHash = await hashSources();
  try {
    const result = await esbuild.build({
      absWorkingDir: fileURLToPath(ROOT_DIR),
      entryPoints: entryPoints(),
      outdir: fileURLToPath(BUILD_DIR),
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify: true,
      treeShaking: true,
      legalComments: "none",
      jsx: "transform",
      jsxFactory: "h",
      jsxFragment: "Fragment",
      inject: ["web/client/jsx.ts"],
      logLevel: "silent",
      metafile: true,
      write: true,
      plugins: [denoResolver],
    });
    const manifest = manifestFrom(result.metafile, sourceHash);
    if (options.analyze) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
    await Deno.writeTextFile(
      MANIFEST_URL,
      JSON.stringify(manifest, null, 2) + "\n",
    );
    return manifest;
  } finally {
    await esbuild.stop();
  }
}

/**
 * Returns the manifest of a build that matches the sources, building first
 * when there is none or the sources changed since. For tests and tools;
 * the server only reads (`loadManifest` in `manifest.ts`).
 *
 * @returns The manifest.
 */
export async function ensureBuild(): Promise<BuildManifest> {
  const manifest = await readManifest();
  if (manifest?.sourceHash === await hashSources()) return manifest;
  return await build();
}

if (import.meta.main) {
  const manifest = await build({ analyze: Deno.args.includes("--analyze") });
  const files = new Set([manifest.styles, manifest.noscript, manifest.boot]);
  for (const module of Object.values(manifest.islands)) {
    files.add(module.src);
    for (const chunk of module.imports) files.add(chunk);
  }
  console.log(`Built ${files.size} files into web/static/build/`);
}
