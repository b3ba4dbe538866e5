/**
 * The exported secretlint config, run by the real secretlint (npm) over a
 * fixture tree.
 */

import assert from "node:assert/strict";
import {
  createKeyGenerator,
  keyShapeOf,
  type KeySpec,
  parseKeySpec,
  rulesFor,
  scanText,
  secretlintConfig,
  shapeKind,
} from "@keymint/core";

const SPECS: KeySpec[] = [
  parseKeySpec({ prefix: "acme_live" }),
  parseKeySpec({ prefix: "acme_test", format: "hex", bits: 128 }),
  parseKeySpec({ prefix: "corp", format: "base58", checksum: false }),
];

/** Installs secretlint into a temporary folder; undefined when npm cannot. */
async function installSecretlint(): Promise<string | undefined> {
  const dir = await Deno.makeTempDir({ prefix: "keymint-secretlint-" });
  try {
    const output = await new Deno.Command("npm", {
      args: [
        "install",
        "--prefix",
        dir,
        "--no-audit",
        "--no-fund",
        "--silent",
        "secretlint@13",
        "@secretlint/secretlint-rule-pattern@13",
      ],
      stdout: "null",
      stderr: "null",
    }).output();
    return output.success ? `${dir}/node_modules/.bin/secretlint` : undefined;
  } catch {
    return undefined;
  }
}

const secretlint = await installSecretlint();
if (secretlint === undefined) {
  console.log("secretlint test skipped: npm could not install secretlint");
}

function oneOff(key: string, i: number): string[] {
  const c = "Zq9"[i % 3]!;
  return [
    key.slice(0, -1),
    key + c,
    c + key,
    `${key.slice(0, -1)}_${key.at(-1)}`,
  ];
}

Deno.test({
  name: "secretlint with the exported config finds exactly the planted keys",
  ignore: secretlint === undefined,
  async fn() {
    const root = await Deno.makeTempDir();
    await Deno.mkdir(`${root}/tree/src/lib`, { recursive: true });
    const planted = new Map<string, string[]>();
    let n = 0;
    for (const [s, spec] of SPECS.entries()) {
      const next = createKeyGenerator(spec);
      for (let f = 0; f < 3; f++) {
        const file = `${root}/tree/src/${f === 2 ? "lib/" : ""}k${s}_${f}.ts`;
        const keys = [next(), next()];
        const misses = keys.flatMap((key) => oneOff(key, n++));
        const lines = [
          "// generated fixture",
          `export const a = "${keys[0]}";`,
          ...misses.map((miss, i) => `const miss${i} = '${miss}';`),
          `headers.set("authorization", \`Bearer ${keys[1]}\`);`,
        ];
        await Deno.writeTextFile(file, lines.join("\n") + "\n");
        planted.set(file, keys);
      }
    }
    const config = `${root}/.secretlintrc.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify(secretlintConfig(SPECS.map(rulesFor))),
    );
    const output = await new Deno.Command(secretlint!, {
      args: ["--secretlintrc", config, "--format", "json", `${root}/tree/**/*`],
      cwd: root,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 1, new TextDecoder().decode(output.stderr));
    const results = JSON.parse(new TextDecoder().decode(output.stdout)) as {
      filePath: string;
      sourceContent: string;
      messages: { range: [number, number] }[];
    }[];
    const found = new Map(
      results.map((r) => [
        r.filePath,
        r.messages.map((m) => r.sourceContent.slice(m.range[0], m.range[1])),
      ]),
    );
    assert.deepEqual(
      [...found.entries()].sort(),
      [...planted.entries()].sort(),
    );
  },
});

Deno.test({
  name: "secretlint reports a wrong checksum that keymint scan rejects",
  ignore: secretlint === undefined,
  async fn() {
    const spec = SPECS[0]!;
    const key = createKeyGenerator(spec)();
    const wrong = key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    const root = await Deno.makeTempDir();
    await Deno.writeTextFile(`${root}/a.txt`, `${wrong}\n`);
    const config = `${root}/.secretlintrc.json`;
    await Deno.writeTextFile(
      config,
      JSON.stringify(secretlintConfig([rulesFor(spec)])),
    );
    const output = await new Deno.Command(secretlint!, {
      args: ["--secretlintrc", config, "--format", "json", `${root}/a.txt`],
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.equal(output.code, 1);
    assert.deepEqual(scanText(wrong, [shapeKind(keyShapeOf(spec))]), []);
  },
});
