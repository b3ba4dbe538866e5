import assert from "node:assert/strict";
import { ensureBuild } from "../../web/build.ts";
import {
  BUILD_DIR,
  type BuildManifest,
  hashSources,
  loadManifest,
  readManifest,
  sourceFiles,
} from "../../web/manifest.ts";
import { ISLAND_NAMES } from "../../web/islands/registry.ts";
import { FORMATS, PRESETS } from "@keymint/core";

const ROOT = new URL("../../", import.meta.url);

function builtPaths(manifest: BuildManifest): string[] {
  const paths = new Set([manifest.boot, manifest.styles]);
  for (const island of Object.values(manifest.islands)) {
    paths.add(island.src);
    for (const chunk of island.imports) paths.add(chunk);
  }
  return [...paths];
}

Deno.test("the manifest names a module for every island of the registry", async () => {
  const manifest = await ensureBuild();
  assert.deepEqual(Object.keys(manifest.islands).sort(), [...ISLAND_NAMES]);
  assert.ok(ISLAND_NAMES.includes("Generator"));
});

Deno.test("ensureBuild() writes a manifest whose files exist under content-hashed names", async () => {
  const manifest = await ensureBuild();
  assert.equal(manifest.sourceHash, await hashSources());
  for (const path of builtPaths(manifest)) {
    assert.match(path, /^\/build\/[A-Za-z]+-[A-Z0-9]{8}\.(js|css)$/);
    const info = await Deno.stat(
      new URL(path.slice("/build/".length), BUILD_DIR),
    );
    assert.ok(info.isFile && info.size > 0, path);
  }
});

Deno.test("one split build: Preact is in one shared chunk, not in each island", async () => {
  const manifest = await ensureBuild();
  const generator = manifest.islands["Generator"]!;
  const webhook = manifest.islands["WebhookCheck"]!;
  const shared = generator.imports.filter((c) => webhook.imports.includes(c));
  assert.ok(shared.length >= 1, "the islands share a chunk");
  // Preact's diff names the SVG namespace; that code must be in exactly
  // one file of the build, and not in an island's own module.
  const holders: string[] = [];
  for await (const entry of Deno.readDir(BUILD_DIR)) {
    if (!entry.name.endsWith(".js")) continue;
    const code = await Deno.readTextFile(new URL(entry.name, BUILD_DIR));
    if (code.includes("http://www.w3.org/2000/svg")) holders.push(entry.name);
  }
  assert.ok(holders[0]?.startsWith("chunk-"), holders[0]);
  assert.equal(holders.length, 1, `Preact's core is in ${holders.join(", ")}`);
});

Deno.test("the generator's first load carries none of the preset and format tables' prose", async () => {
  const manifest = await ensureBuild();
  const generator = manifest.islands["Generator"]!;
  const prose = [
    ...PRESETS.flatMap((p) => [p.output, p.source]),
    ...FORMATS.map((f) => f.summary),
  ];
  assert.ok(prose.length > 20);
  for (const path of [manifest.boot, generator.src, ...generator.imports]) {
    const code = await Deno.readTextFile(
      new URL(path.slice("/build/".length), BUILD_DIR),
    );
    for (const text of prose) {
      assert.ok(!code.includes(text), `${path}: ${text}`);
    }
  }
});

Deno.test("ensureBuild() does not rebuild when the sources are unchanged", async () => {
  await ensureBuild();
  const before = await Deno.stat(new URL("manifest.json", BUILD_DIR));
  const manifest = await ensureBuild();
  const after = await Deno.stat(new URL("manifest.json", BUILD_DIR));
  assert.equal(after.mtime?.getTime(), before.mtime?.getTime());
  assert.deepEqual(await readManifest(), manifest);
  assert.deepEqual(await loadManifest(), manifest);
});

// Built from parts so that the source scan in tests/core does not flag this file.
const WEAK_PRNG = new RegExp(["Math", "random"].join("\\s*\\.\\s*"));

Deno.test("the bundles never call the non-cryptographic PRNG", async () => {
  await ensureBuild();
  let files = 0;
  for await (const entry of Deno.readDir(BUILD_DIR)) {
    if (!entry.name.endsWith(".js")) continue;
    files++;
    const code = await Deno.readTextFile(new URL(entry.name, BUILD_DIR));
    assert.doesNotMatch(code, WEAK_PRNG, entry.name);
  }
  assert.ok(files >= 3);
});

Deno.test("sourceFiles() covers what the islands import, not the build output", async () => {
  const paths = (await sourceFiles()).map((url) =>
    url.href.slice(ROOT.href.length)
  );
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

Deno.test("the server's module graph has neither esbuild nor the build module", async () => {
  for (const entry of ["web/main.ts", "web/serve.ts"]) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", entry],
      cwd: ROOT,
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.ok(output.success, entry);
    const graph = JSON.parse(new TextDecoder().decode(output.stdout)) as {
      modules: { specifier: string }[];
    };
    const loaded = graph.modules.map((m) => m.specifier);
    assert.ok(loaded.some((s) => s.endsWith("/web/app.ts")), "graph read");
    assert.ok(loaded.some((s) => s.includes("preact")), "npm modules listed");
    for (const specifier of loaded) {
      assert.doesNotMatch(specifier, /esbuild|\/web\/build\.ts$/, entry);
    }
  }
});

/** Copies what the build reads into a fresh directory, `depth` levels down. */
async function copyCheckout(depth: number): Promise<URL> {
  let dir = new URL(`file://${await Deno.makeTempDir()}/`);
  const top = dir;
  for (let i = 0; i < depth; i++) dir = new URL(`d${i}/`, dir);
  const files = new TextDecoder().decode(
    (await new Deno.Command("git", {
      args: ["ls-files", "-co", "--exclude-standard", "web", "core", "cli"],
      cwd: ROOT,
      stdout: "piped",
    }).output()).stdout,
  ).split("\n").filter((f) => f !== "");
  for (const file of [...files, "deno.json", "deno.lock"]) {
    const target = new URL(file, dir);
    await Deno.mkdir(new URL("./", target), { recursive: true });
    await Deno.copyFile(new URL(file, ROOT), target).catch((error) => {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    });
  }
  Object.defineProperty(dir, "top", { value: top });
  return dir;
}

async function run(
  cwd: URL,
  args: string[],
): Promise<{ code: number; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { PORT: "0" },
    stdout: "null",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stderr: new TextDecoder().decode(output.stderr),
  };
}

const SERVE = [
  "run",
  "--allow-net=127.0.0.1",
  "--allow-read=web,core,deno.json,deno.lock",
  "--allow-env=PORT,HOST",
  "web/main.ts",
];

Deno.test({
  name:
    "a checkout elsewhere builds the same names; the server refuses a missing or stale build",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const manifest = await ensureBuild();
    const copy = await copyCheckout(3);
    try {
      const missing = await run(copy, SERVE);
      assert.equal(missing.code, 1);
      assert.match(
        missing.stderr,
        /^keymint: Cannot start: the page is not built .*run `deno task build`/,
      );
      const built = await run(copy, ["run", "-A", "web/build.ts"]);
      assert.equal(built.code, 0, built.stderr);
      const other = JSON.parse(
        await Deno.readTextFile(
          new URL("web/static/build/manifest.json", copy),
        ),
      );
      assert.deepEqual(other, manifest);
      await Deno.writeTextFile(new URL("web/options.ts", copy), "\n", {
        append: true,
      });
      const stale = await run(copy, SERVE);
      assert.equal(stale.code, 1);
      assert.match(stale.stderr, /^keymint: Cannot start: .* is stale/);
    } finally {
      const top = (copy as URL & { top: URL }).top;
      await Deno.remove(top, { recursive: true });
    }
  },
});
