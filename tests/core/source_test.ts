/** Rules about the source tree itself. */
import assert from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url);
const SOURCE_DIRS = ["core", "cli", "web", "bench", "tests"];
const EXTENSIONS = /\.(ts|tsx|js|mjs|jsx)$/;
const SKIP = /(^|\/)(node_modules|dist|build)(\/|$)/;

async function* sourceFiles(
  dir: URL,
  relative: string,
): AsyncGenerator<[string, string]> {
  for await (const entry of Deno.readDir(dir)) {
    const path = `${relative}/${entry.name}`;
    if (SKIP.test(path)) continue;
    if (entry.isDirectory) {
      yield* sourceFiles(new URL(`${entry.name}/`, dir), path);
    } else if (EXTENSIONS.test(entry.name)) {
      yield [path, await Deno.readTextFile(new URL(entry.name, dir))];
    }
  }
}

async function allSources(): Promise<Array<[string, string]>> {
  const files: Array<[string, string]> = [];
  for (const dir of SOURCE_DIRS) {
    try {
      for await (const file of sourceFiles(new URL(`${dir}/`, ROOT), dir)) {
        files.push(file);
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return files;
}

// Built from parts so this file does not match itself.
const FORBIDDEN = new RegExp(["Math", "random"].join("\\s*\\.\\s*"));

Deno.test("no source file calls the non-cryptographic PRNG", async () => {
  const files = await allSources();
  assert.ok(files.length > 20, "the scan found the source tree");
  const offenders = files.filter(([, text]) => FORBIDDEN.test(text)).map((
    [path],
  ) => path);
  assert.deepEqual(offenders, []);
});

Deno.test("the scan for the non-cryptographic PRNG catches a use of it", () => {
  const sample = ["const x = Math", "random();"].join(".");
  assert.ok(FORBIDDEN.test(sample));
  assert.ok(FORBIDDEN.test(["Math ", " random()"].join(".")));
});

Deno.test("core uses Web APIs only: no Deno namespace, no node: or npm: built-ins", async () => {
  const files = (await allSources()).filter(([path]) =>
    path.startsWith("core/")
  );
  assert.ok(files.length > 10);
  for (const [path, text] of files) {
    const code = text.replace(/^\s*\*.*$/gm, "").replace(/\/\/.*$/gm, "");
    assert.doesNotMatch(code, /\bDeno\./, path);
    assert.doesNotMatch(code, /from\s+["']node:/, path);
  }
});
