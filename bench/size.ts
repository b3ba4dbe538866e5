/**
 * What each import of `@keymint/core` costs a bundle: each entry below is
 * bundled alone by esbuild (minified, tree-shaken, ESM for browsers) and
 * gzipped, and its size checked against the target of issue 10.
 *
 *   deno run -A bench/size.ts
 *
 * Exit 1 when a size is above its target; a failing row lists the modules
 * that keep the most bytes (from esbuild's metafile), which is where to look
 * for a top-level statement a bundler cannot drop.
 *
 * @module
 */

import * as esbuild from "esbuild";
// Loaded here so that import.meta.resolve finds the package in the cache.
import "@noble/hashes/hmac.js";
import "@noble/hashes/sha2.js";

const core = new URL("../core/mod.ts", import.meta.url).pathname;
const faces = new URL("../core/faces.ts", import.meta.url).pathname;

/** [what, the entry's source, the gzip target in bytes or undefined] */
const ENTRIES: ReadonlyArray<[string, string, number | undefined]> = [
  // Nothing imported: what is left is code every module top level runs.
  ["no import (side effects)", `import "${core}";`, 0.1 * 1024],
  ["generateKey", `export { generateKey } from "${core}";`, 3 * 1024],
  [
    "hashKey + verifyKey",
    `export { hashKey, verifyKey } from "${core}";`,
    1.2 * 1024,
  ],
  ["crc32", `export { crc32 } from "${core}";`, 0.6 * 1024],
  ["checksumOf", `export { checksumOf } from "${core}";`, 0.6 * 1024],
  ["parseKeySpec", `export { parseKeySpec } from "${core}";`, undefined],
  [
    "createKeyGenerator + keyChunks",
    `export { createKeyGenerator, keyChunks } from "${core}";`,
    undefined,
  ],
  ["generatePair", `export { generatePair } from "${core}";`, undefined],
  ["PRESETS", `export { PRESETS } from "${core}";`, undefined],
  ["inspectKey", `export { inspectKey } from "${core}";`, undefined],
  // What the page's generator island (web/islands/Generator.tsx and the
  // modules it imports at mount) takes from core; the preset and format
  // tables reach it as props from the server.
  [
    "page generator island's core",
    `export { findFormat, generateKeys, parseKeySpec, RECOMMENDED_BITS } from "${core}";
     export { checkKeyNames, defaultFormat, isInputError, quoteForEnv, readFlag } from "${faces}";`,
    undefined,
  ],
  ["everything", `export * from "${core}";`, undefined],
  [
    "nanoid customAlphabet (for scale)",
    `export { customAlphabet } from "npm:nanoid@^6.0.2";`,
    undefined,
  ],
];

async function gzipSize(bytes: Uint8Array<ArrayBuffer>): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return (await new Response(stream).arrayBuffer()).byteLength;
}

/**
 * Resolves npm packages through Deno's own cache: `npm:` specifiers (the
 * nanoid row) and the bare ones deno.json maps (`@noble/hashes/...`, which
 * the webhook MAC uses).
 */
const npmResolver: esbuild.Plugin = {
  name: "deno-npm",
  setup(build) {
    build.onResolve({ filter: /^(npm:|@noble\/hashes\/)/ }, (args) => ({
      path: new URL(import.meta.resolve(args.path)).pathname,
    }));
  },
};

let failed = false;
console.log("entry                              minified     gzip   target");
for (const [name, contents, target] of ENTRIES) {
  let minified: number;
  let gzip: number;
  let keepers: string[];
  try {
    const result = await esbuild.build({
      stdin: { contents, loader: "ts", resolveDir: Deno.cwd() },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      plugins: [npmResolver],
      logLevel: "silent",
      metafile: true,
    });
    const code = result.outputFiles[0]!.contents as Uint8Array<ArrayBuffer>;
    minified = code.length;
    gzip = await gzipSize(code);
    keepers = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
    ).filter(([, input]) => input.bytesInOutput > 0)
      .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
      .slice(0, 5)
      .map(([path, input]) =>
        `${path.replace(/^.*\/(core|npm)\//, "$1/")} ${input.bytesInOutput} B`
      );
  } catch (error) {
    console.log(`${name.padEnd(34)} cannot bundle: ${error}`);
    if (target !== undefined) failed = true;
    continue;
  }
  const verdict = target === undefined
    ? ""
    : `${(target / 1024).toFixed(1).padStart(5)} KB ${
      gzip <= target ? "PASS" : "FAIL"
    }`;
  if (target !== undefined && gzip > target) failed = true;
  console.log(
    `${name.padEnd(34)} ${(minified / 1024).toFixed(2).padStart(6)} KB ${
      (gzip / 1024).toFixed(2).padStart(5)
    } KB  ${verdict}`,
  );
  if (target !== undefined && gzip > target) {
    console.log(`${"".padEnd(34)} most kept: ${keepers.join(", ")}`);
  }
}
await esbuild.stop();
Deno.exit(failed ? 1 : 0);
