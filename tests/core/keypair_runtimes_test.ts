/**
 * The key-pair operations of core in Node.js (20 or later) and Bun: the
 * check script is bundled with `deno bundle` and run there. Skips, with a
 * message, a runtime that is not installed (Bun is installed from npm,
 * `@oven/bun-linux-x64`, into a cache folder when npm can reach the
 * registry).
 */

import assert from "node:assert/strict";

const CHECK = new URL("./_keypair_runtime_check.ts", import.meta.url);
const EXPECTED = [
  "ed25519 EdDSA",
  "p256 ES256",
  "p384 ES384",
  "p521 ES512",
  "rsa RS256 2048",
  "rsa PS256 3072",
  "rsa RS512 4096",
  "RFC 8037",
];

async function runs(command: string, args: string[]): Promise<string | null> {
  try {
    const out = await new Deno.Command(command, { args, stderr: "null" })
      .output();
    return out.success ? new TextDecoder().decode(out.stdout) : null;
  } catch {
    return null;
  }
}

async function nodeBinary(): Promise<string | null> {
  const version = await runs("node", ["--version"]);
  const major = Number(/^v(\d+)/.exec(version ?? "")?.[1] ?? 0);
  if (major >= 20) return "node";
  console.log(
    `skipped: Node.js 20 or later is not installed (${
      version?.trim() ?? "none"
    })`,
  );
  return null;
}

async function bunBinary(): Promise<string | null> {
  if (await runs("bun", ["--version"]) !== null) return "bun";
  if (Deno.build.os !== "linux" || Deno.build.arch !== "x86_64") {
    console.log("skipped: Bun is not installed");
    return null;
  }
  const home = Deno.env.get("HOME") ?? "/tmp";
  const prefix = `${home}/.cache/keymint-tests/bun`;
  const binary = `${prefix}/node_modules/@oven/bun-linux-x64/bin/bun`;
  if (await runs(binary, ["--version"]) !== null) return binary;
  await Deno.mkdir(prefix, { recursive: true });
  await runs("npm", [
    "install",
    "--prefix",
    prefix,
    "--no-save",
    "--no-audit",
    "--no-fund",
    "@oven/bun-linux-x64",
  ]);
  if (await runs(binary, ["--version"]) !== null) return binary;
  console.log("skipped: Bun is not installed and npm could not install it");
  return null;
}

const bundleDir = await Deno.makeTempDir();
const bundle = `${bundleDir}/keypair_check.mjs`;
const bundled = await new Deno.Command(Deno.execPath(), {
  args: ["bundle", "--quiet", CHECK.pathname, "-o", bundle],
  stdout: "null",
}).output();
assert.ok(bundled.success, new TextDecoder().decode(bundled.stderr));
const [node, bun] = await Promise.all([nodeBinary(), bunBinary()]);

async function checkIn(binary: string) {
  const output = await runs(binary, [bundle]);
  assert.ok(output !== null, `${binary} could not run the check`);
  const results = JSON.parse(output);
  assert.deepEqual(Object.keys(results), EXPECTED);
  for (const [name, result] of Object.entries(results)) {
    assert.equal(result, "ok", `${binary}: ${name}`);
  }
}

Deno.test({
  name:
    "core makes, exports, imports, signs and verifies every kind in Node.js 20+",
  ignore: node === null,
  fn: () => checkIn(node!),
});

Deno.test({
  name: "core makes, exports, imports, signs and verifies every kind in Bun",
  ignore: bun === null,
  fn: () => checkIn(bun!),
});

Deno.test("the runtime check reports a failure as a failure", async () => {
  // The control: the bundle run in Deno itself, with Web Crypto's
  // Ed25519 taken away, must report that case (and only keep "ok" for
  // the others).
  const breaker = `${bundleDir}/broken.mjs`;
  await Deno.writeTextFile(
    breaker,
    `const real = crypto.subtle.generateKey.bind(crypto.subtle);
crypto.subtle.generateKey = (params, ...rest) =>
  params?.name === "Ed25519" ? Promise.reject(new Error("no Ed25519")) : real(params, ...rest);
await import(${JSON.stringify(`file://${bundle}`)});
`,
  );
  const output = await runs(Deno.execPath(), ["run", "--allow-read", breaker]);
  const results = JSON.parse(output!);
  assert.equal(results["ed25519 EdDSA"], "Error: no Ed25519");
  assert.equal(results["p256 ES256"], "ok");
});

globalThis.addEventListener("unload", () => {
  Deno.removeSync(bundleDir, { recursive: true });
});
