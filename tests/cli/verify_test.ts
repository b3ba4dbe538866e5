import assert from "node:assert/strict";
import { hashKey } from "@keymint/core";
import { runWith } from "./_run_with.ts";

Deno.test("keymint verify exits 0 silently when the key matches", async () => {
  const hash = await hashKey("sk_test_value");
  for (
    const stdin of ["sk_test_value", "sk_test_value\n", "sk_test_value\r\n"]
  ) {
    const { code, stdout, stderr } = await runWith(["verify", hash], { stdin });
    assert.equal(code, 0);
    assert.equal(stdout, "");
    assert.equal(stderr, "");
  }
});

Deno.test("keymint verify accepts an upper-case HASH", async () => {
  const hash = (await hashKey("abc")).toUpperCase();
  assert.equal((await runWith(["verify", hash], { stdin: "abc" })).code, 0);
});

Deno.test("keymint verify exits 1 with one line when the key differs", async () => {
  const hash = await hashKey("sk_test_value");
  const { code, stdout, stderr } = await runWith(["verify", hash], {
    stdin: "sk_test_valuf",
  });
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.equal(stderr, "keymint: the key does not match the hash\n");
  assert.ok(!stderr.includes("sk_test"));
});
