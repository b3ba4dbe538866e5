import assert from "node:assert/strict";
import { hashKey, parseStructuredKey } from "@keymint/core";
import { runWith } from "./_run_with.ts";

Deno.test("keymint pair writes id=, secret= and hash= lines that belong together", async () => {
  const { code, stdout, stderr } = await runWith(["pair"]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  const match = /^id=([0-9A-Za-z]{16})\nsecret=(\S+)\nhash=([0-9a-f]{64})\n$/
    .exec(stdout);
  assert.ok(match, stdout);
  const [, , secret, hash] = match;
  assert.equal(hash, await hashKey(secret!));
  assert.equal(parseStructuredKey(secret!)?.valid, true);
});

Deno.test("keymint pair --prefix and -p set the secret's prefix", async () => {
  for (const flag of ["--prefix", "-p"]) {
    const { stdout } = await runWith(["pair", flag, "acme_live"]);
    assert.match(stdout, /\nsecret=acme_live_[0-9A-Za-z]+\n/);
  }
});

Deno.test("keymint pair --json writes one object with id, secret and hash", async () => {
  const { stdout } = await runWith(["pair", "--json"]);
  const pair = JSON.parse(stdout);
  assert.deepEqual(Object.keys(pair), ["id", "secret", "hash"]);
  assert.equal(pair.hash, await hashKey(pair.secret));
});
