import assert from "node:assert/strict";
import { generateKey, inspectKey } from "@keymint/core";
import { runWith } from "./_run_with.ts";

Deno.test("keymint inspect reports a key without printing it", async () => {
  const key = generateKey({ prefix: "ghp", length: 30 });
  const { code, stdout, stderr } = await runWith(["inspect"], {
    stdin: key + "\n",
  });
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.ok(!stdout.includes(key), "the whole key never appears");
  const report = await inspectKey(key);
  assert.match(stdout, new RegExp(`^length\\s+${report.length}$`, "m"));
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
  const uuid = "0b6b3a4e-6f5f-4d8e-9a4c-2f1e7b9c0d1a";
  const { stdout } = await runWith(["inspect", "--json"], { stdin: uuid });
  const report = JSON.parse(stdout);
  assert.deepEqual(report, await inspectKey(uuid));
  assert.deepEqual(Object.keys(report).sort(), [
    "alphabet",
    "bits",
    "checksum",
    "fingerprint",
    "length",
    "masked",
    "prefix",
    "warnings",
  ]);
  assert.ok(!stdout.includes(uuid));
});
