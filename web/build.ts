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
  /** URL path of the boot module, which also carries Preact for the islands. */
  boot: string;
  /** URL path of the stylesheet. */
  styles: string;
  /** URL paths of modules the boot module imports (for modulepreload). */
  bootImports: string[];
  /** Per island name: its module and the runtime modules it imports besides boot. */
  islands: Record<string, { src: string; imports: string[] }>;
}

const WEB_DIR = new URL("./", import.meta.url);
const ROOT_DIR = new URL("../", import.meta.url);
const MANIFEST_URL = new URL("manifest.json", BUILD_DIR);

/**
 * What decides the bundle: all of `web/` (but the build output), the core,
 * and the files that pin the compiler options and dependency versions.
 */
const SOURCE_DIRS = [WEB_DIR, new URL("core/", ROOT_DIR)];
const SOURCE_FILES = [
  new URL("deno.json", ROOT_DIR),
  new URL("deno.lock", ROOT_DIR),
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
 * Hashes every source file that the build reads.
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
 * The runtime modules that must exist once per page: islands that each
 * bundled their own Preact (or its hooks) would not share its render state.
 */
const RUNTIME_FILTER = /^preact(\/hooks|\/jsx-runtime)?$/;
type FoundImports = Map<string, Set<string> | "all">;

const COMMON_OPTIONS = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  treeShaking: true,
  legalComments: "none",
  jsx: "automatic",
  jsxImportSource: "preact",
  logLevel: "silent",
} as const satisfies esbuild.BuildOptions;

/**
 * Leaves the runtime modules out of a bundle, imported from the URL that
 * `targets` gives for each (a module not in `targets` is bundled). With no
 * targets (probing), every runtime module stays out under its bare name.
 */
function runtimeModules(targets: Record<string, string> = {}): esbuild.Plugin {
  return {
    name: "runtime-modules",
    setup(build) {
      const probing = Object.keys(targets).length === 0;
      build.onResolve({ filter: RUNTIME_FILTER }, (args) => {
        const target = probing ? args.path : targets[args.path];
        return target === undefined
          ? undefined
          : { path: target, external: true };
      });
    },
  };
}

/**
 * Finds which names bundled code imports from the runtime modules, so that
 * those modules export exactly these and stay tree-shaken.
 */
function runtimeImports(code: string, found: FoundImports): void {
  const named =
    /import\s*\{([^}]*)\}\s*from\s*"(preact(?:\/hooks|\/jsx-runtime)?)"/g;
  for (const [, list, specifier] of code.matchAll(named)) {
    const names = found.get(specifier!) ?? new Set<string>();
    if (names === "all") continue;
    for (const item of list!.split(",")) {
      const name = item.trim().split(/\s+as\s+/)[0]!;
      if (name !== "") names.add(name);
    }
    found.set(specifier!, names);
  }
  const whole =
    /import\s*\*\s*as\s*[\w$]+\s*from\s*"(preact(?:\/hooks|\/jsx-runtime)?)"/g;
  for (const [, specifier] of code.matchAll(whole)) {
    found.set(specifier!, "all");
  }
}

/** Re-exports of the names found, each name once. */
function reexports(found: FoundImports, specifiers: readonly string[]): string {
  const exported = new Set<string>();
  const lines: string[] = [];
  for (const specifier of specifiers) {
    const names = found.get(specifier);
    if (names === undefined) continue;
    if (names === "all") {
      lines.push(`export * from "${specifier}";`);
      continue;
    }
    const fresh = [...names].filter((name) => !exported.has(name)).sort();
    for (const name of fresh) exported.add(name);
    if (fresh.length > 0) {
      lines.push(`export { ${fresh.join(", ")} } from "${specifier}";`);
    }
  }
  return lines.join("\n") + "\n";
}

function urlPath(outPath: string, outdir: string): string {
  const absolute = outPath.startsWith("/")
    ? outPath
    : `${Deno.cwd()}/${outPath}`;
  return "/build/" + absolute.slice(outdir.length).replace(/^\/+/, "");
}

async function buildModule(
  name: string,
  contents: string,
  outdir: string,
  plugins: esbuild.Plugin[],
): Promise<string> {
  const result = await esbuild.build({
    ...COMMON_OPTIONS,
    stdin: {
      contents,
      resolveDir: fileURLToPath(WEB_DIR),
      sourcefile: `${name}.ts`,
      loader: "ts",
    },
    outdir,
    entryNames: `${name}-[hash]`,
    metafile: true,
    write: true,
    plugins: [...plugins, denoResolver],
  });
  const path = Object.keys(result.metafile.outputs)[0];
  if (path === undefined) {
    throw new Error(`Cannot build: esbuild wrote no ${name} module`);
  }
  return urlPath(path, outdir);
}

/**
 * Bundles the islands, the boot module and the stylesheet, and writes the
 * manifest.
 *
 * Each island is bundled on its own, so it carries only the parts of
 * `@keymint/core` it uses. Preact is bundled once, into the boot module
 * (the one script tag of the page), and its hooks into a module of their
 * own that only islands using hooks load; both export just the names the
 * islands import.
 *
 * @returns The manifest that was written.
 */
export async function build(): Promise<BuildManifest> {
  const outdir = fileURLToPath(BUILD_DIR);
  await Deno.remove(BUILD_DIR, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  const sourceHash = await hashSources();
  const bootFile = fileURLToPath(new URL("client/boot.ts", WEB_DIR));
  const islandFiles: Record<string, string> = {};
  for (const name of islandNames()) {
    islandFiles[name] = fileURLToPath(new URL(`islands/${name}.tsx`, WEB_DIR));
  }
  try {
    // 1. Which names do the boot code and the islands take from Preact,
    //    and which does Preact's hooks module take from Preact itself?
    const found: FoundImports = new Map();
    const probe = await esbuild.build({
      ...COMMON_OPTIONS,
      entryPoints: { boot: bootFile, ...islandFiles },
      outdir,
      write: false,
      plugins: [runtimeModules(), denoResolver],
    });
    for (const file of probe.outputFiles) runtimeImports(file.text, found);
    const hooksSource = reexports(found, ["preact/hooks"]);
    if (found.has("preact/hooks")) {
      const hooksProbe = await esbuild.build({
        ...COMMON_OPTIONS,
        stdin: {
          contents: hooksSource,
          resolveDir: fileURLToPath(WEB_DIR),
          loader: "ts",
        },
        write: false,
        plugins: [
          runtimeModules({
            "preact": "preact",
            "preact/jsx-runtime": "preact/jsx-runtime",
          }),
          denoResolver,
        ],
      });
      for (const file of hooksProbe.outputFiles) {
        runtimeImports(file.text, found);
      }
    }

    // 2. The boot module: Preact for every island, and the boot code.
    const bootUrl = await buildModule(
      "boot",
      reexports(found, ["preact", "preact/jsx-runtime"]) +
        `import ${JSON.stringify(bootFile)};\n`,
      outdir,
      [],
    );
    const targets: Record<string, string> = {
      "preact": bootUrl,
      "preact/jsx-runtime": bootUrl,
    };
    // 3. Preact's hooks, for the islands that use them.
    if (found.has("preact/hooks")) {
      targets["preact/hooks"] = await buildModule(
        "hooks",
        hooksSource,
        outdir,
        [
          runtimeModules(targets),
        ],
      );
    }

    // 4. Each island, importing the runtime modules; and the stylesheet.
    const result = await esbuild.build({
      ...COMMON_OPTIONS,
      entryPoints: {
        ...islandFiles,
        styles: fileURLToPath(new URL("static/styles.css", WEB_DIR)),
      },
      outdir,
      entryNames: "[name]-[hash]",
      metafile: true,
      write: true,
      plugins: [runtimeModules(targets), denoResolver],
    });
    const manifest = manifestFrom(result.metafile, outdir, sourceHash, bootUrl);
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
  bootUrl: string,
): BuildManifest {
  const byEntry = new Map<string, { src: string; imports: string[] }>();
  for (const [outPath, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const name = output.entryPoint.replace(/^.*\//, "").replace(
      /\.[a-z]+$/,
      "",
    );
    const imports = output.imports
      .filter((i) =>
        i.external && i.path.startsWith("/build/") && i.path !== bootUrl
      )
      .map((i) => i.path);
    byEntry.set(name, {
      src: urlPath(outPath, outdir),
      imports: [...new Set(imports)],
    });
  }
  const styles = byEntry.get("styles");
  if (!styles) throw new Error("Cannot build: esbuild wrote no stylesheet");
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
    boot: bootUrl,
    styles: styles.src,
    bootImports: [],
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
