/**
 * The CLI as a real process: stdout, stderr and exit code together.
 */

import assert from "node:assert/strict";
import { hashKey } from "@keymint/core";

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function keymint(
  args: string[],
  stdin = "",
  permissions = ["--allow-env=NO_COLOR"],
): Promise<Outcome> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...permissions, MAIN, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    cwd: ROOT,
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

Deno.test("the keymint process prints one key, nothing on stderr, exit 0", async () => {
  const outcome = await keymint([]);
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^[0-9a-f]{64}\n$/);
  assert.equal(outcome.stderr, "");
  assert.match(
    (await keymint(["base58", "-n", "2"])).stdout,
    /^([1-9A-HJ-NP-Za-km-z]{44}\n){2}$/,
  );
});

Deno.test("the keymint process runs without any permission flag", async () => {
  const outcome = await keymint(["--bits", "128"], "", []);
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^[0-9a-f]{32}\n$/);
  assert.equal(outcome.stderr, "");
});

Deno.test("the keymint process reports a usage error in two lines, exit 2, no stack trace", async () => {
  const outcome = await keymint(["--bits", "7"]);
  assert.deepEqual(outcome, {
    code: 2,
    stdout: "",
    stderr:
      'keymint: Cannot size key: bits must be from 8 to 8192, got 7\nhint: run "keymint --help" for usage\n',
  });
});

Deno.test("the keymint process hashes the same key from echo and from printf", async () => {
  const expected = `${await hashKey("sk_live_abc")}\n`;
  const echoed = await keymint(["hash"], "sk_live_abc\n");
  const printed = await keymint(["hash"], "sk_live_abc");
  assert.deepEqual(echoed, { code: 0, stdout: expected, stderr: "" });
  assert.deepEqual(printed, echoed);
});

Deno.test("the keymint process exits 0 on a verify match and 1 on a mismatch", async () => {
  const hash = await hashKey("k1");
  assert.deepEqual(await keymint(["verify", hash], "k1\n"), {
    code: 0,
    stdout: "",
    stderr: "",
  });
  assert.deepEqual(await keymint(["verify", hash], "k2\n"), {
    code: 1,
    stdout: "",
    stderr: "keymint: the key does not match the hash\n",
  });
});

Deno.test("the keymint process writes one JSON document with --json", async () => {
  const outcome = await keymint(["-n", "2", "--json", "--prefix", "tok"]);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.stderr, "");
  const keys = JSON.parse(outcome.stdout);
  assert.equal(keys.length, 2);
  assert.equal(keys[0].prefix, "tok");
});

Deno.test("keymint -n 1000000 | head -1 prints one key and exits 0 quietly", async () => {
  const script =
    `set -o pipefail; "$DENO" run --allow-env=NO_COLOR "$MAIN" -n 1000000 | head -1`;
  const started = performance.now();
  const { code, stdout, stderr } = await new Deno.Command("bash", {
    args: ["-c", script],
    env: { DENO: Deno.execPath(), MAIN },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode(stderr), "");
  assert.match(decoder.decode(stdout), /^[0-9a-f]{64}\n$/);
  assert.equal(code, 0);
  // Not a speed assertion: a generous bound that only a process ignoring
  // the closed pipe and writing all 65 MB to nowhere would come near.
  assert.ok(performance.now() - started < 30_000);
});

Deno.test("keymint stops when its reader closes the pipe, exit 0, nothing on stderr", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-env=NO_COLOR", MAIN, "-n", "1000000000"],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.getReader();
  const first = await reader.read();
  assert.ok(first.value && first.value.length > 0);
  await reader.cancel();
  const status = await child.status;
  assert.equal(status.code, 0);
  const stderr = await new Response(child.stderr).text();
  assert.equal(stderr, "");
});

Deno.test("deno task keymint passes its arguments straight through", async () => {
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["task", "--quiet", "keymint", "base32", "-n", "3", "--bits", "128"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0);
  assert.match(new TextDecoder().decode(stdout), /^([A-Z2-7]{26}\n){3}$/);
});
