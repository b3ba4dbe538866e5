import assert from "node:assert/strict";
import { generateKey, inspectKey } from "@keymint/core";
import { runWith } from "./_run_with.ts";

Deno.test("keymint inspect reports a key's kind without printing it", async () => {
  const key = generateKey({ prefix: "ghp", length: 30 });
  const { code, stdout, stderr } = await runWith(["inspect"], {
    stdin: key + "\n",
  });
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.ok(!stdout.includes(key), "the whole key never appears");
  const report = await inspectKey(key);
  assert.match(stdout, /^kind\s+GitHub personal access token \(classic\)$/m);
  assert.match(stdout, new RegExp(`^length\\s+${report.length}$`, "m"));
  assert.match(stdout, /^bits\s+178 \(documented for this kind\)$/m);
  assert.match(stdout, /^prefix\s+ghp$/m);
  assert.match(stdout, /^checksum\s+valid$/m);
  assert.match(
    stdout,
    new RegExp(`^fingerprint\\s+${report.fingerprint}$`, "m"),
  );
  assert.ok(stdout.includes(report.masked));
  assert.match(stdout, /^warnings\s+none$/m);
});

Deno.test("keymint inspect lists each warning on its own line", async () => {
  const { stdout } = await runWith(["inspect"], { stdin: "changeme\n" });
  const warnings = stdout.split("\n").filter((line) =>
    line.startsWith("warning ")
  );
  assert.ok(warnings.length >= 1, stdout);
  const report = await inspectKey("changeme");
  assert.equal(warnings.length, report.warnings.length);
});

Deno.test("keymint inspect --json writes the inspection object", async () => {
  const key = generateKey({ preset: "laravel" });
  const { stdout } = await runWith(["inspect", "--json"], { stdin: key });
  const report = JSON.parse(stdout);
  assert.deepEqual(report, await inspectKey(key));
  assert.deepEqual(Object.keys(report), [
    "length",
    "alphabet",
    "bits",
    "estimate",
    "prefix",
    "checksum",
    "kind",
    "jwt",
    "fingerprint",
    "masked",
    "warnings",
  ]);
  assert.equal(report.kind?.provider, "keymint");
  assert.ok(!stdout.includes(key.slice(7)));
});

Deno.test("keymint inspect --prefix calls a key without its checksum invalid", async () => {
  const key = generateKey({ prefix: "acme", checksum: false });
  const plain = await runWith(["inspect"], { stdin: key });
  assert.match(plain.stdout, /^checksum\s+none$/m);
  const strict = await runWith(
    ["inspect", "--prefix", "other", "--prefix", "acme"],
    { stdin: key },
  );
  assert.equal(strict.code, 0);
  assert.match(strict.stdout, /^checksum\s+invalid$/m);
  assert.match(strict.stdout, /^warning\s+The checksum does not match/m);
  const good = await runWith(["inspect", "--prefix", "acme"], {
    stdin: generateKey({ prefix: "acme" }),
  });
  assert.match(good.stdout, /^checksum\s+valid$/m);
});

Deno.test("keymint inspect --prefix refuses a bad prefix before reading the key", async () => {
  const { code, stdout, stderr } = await runWith(
    ["inspect", "--prefix", "Not-A-Prefix"],
    { stdin: generateKey() },
  );
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /^keymint: Cannot use prefix "Not-A-Prefi/);
  assert.match(stderr, /\nhint: /);
});

Deno.test("keymint inspect shows a JWT's alg and exp, and prints nothing that reveals a weak key", async () => {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-")
      .replaceAll("/", "_");
  const jwt = `${part({ alg: "none" })}.${part({ exp: 4102444800 })}.`;
  const { stdout } = await runWith(["inspect"], { stdin: jwt });
  assert.match(stdout, /^kind\s+JWT JSON Web Token$/m);
  assert.match(stdout, /^jwt alg\s+none$/m);
  assert.match(stdout, /^jwt exp\s+4102444800 \(2100-01-01T00:00:00\.000Z\)$/m);
  assert.match(stdout, /^warning\s+Its alg is "none"/m);
  const weak = await runWith(["inspect"], { stdin: "482913\n" });
  assert.match(weak.stdout, /^fingerprint\s+left out/m);
  assert.ok(!weak.stdout.includes("4829") && !weak.stdout.includes("2913"));
  const json = await runWith(["inspect", "--json"], { stdin: "482913" });
  assert.equal(JSON.parse(json.stdout).fingerprint, null);
});
