import assert from "node:assert/strict";
import { runWith } from "./_run_with.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Deno.test("keymint hash writes the SHA-256 hex of the key on stdin", async () => {
  const { code, stdout, stderr } = await runWith(["hash"], { stdin: "abc" });
  assert.equal(code, 0);
  assert.equal(stdout, `${ABC}\n`);
  assert.equal(stderr, "");
});

Deno.test("keymint hash drops one trailing newline, LF or CRLF, and nothing else", async () => {
  for (const input of ["abc\n", "abc\r\n", ["ab", "c\n"]]) {
    assert.equal(
      (await runWith(["hash"], { stdin: input })).stdout,
      `${ABC}\n`,
    );
  }
  const twoNewlines = await runWith(["hash"], { stdin: "abc\n\n" });
  assert.notEqual(twoNewlines.stdout, `${ABC}\n`);
  const space = await runWith(["hash"], { stdin: "abc \n" });
  assert.notEqual(space.stdout, `${ABC}\n`);
});

Deno.test("keymint hash --json writes one object", async () => {
  const { stdout } = await runWith(["hash", "--json"], { stdin: "abc\n" });
  assert.deepEqual(JSON.parse(stdout), { hash: ABC });
});

Deno.test("keymint hash accepts a key of exactly 16384 characters, counting UTF-16 units", async () => {
  const { code } = await runWith(["hash"], { stdin: "k".repeat(16384) + "\n" });
  assert.equal(code, 0);
  const { code: wide } = await runWith(["hash"], { stdin: "é".repeat(16384) });
  assert.equal(wide, 0);
});

Deno.test("keymint hash stops reading a stdin that never ends", async () => {
  const endless = Array.from({ length: 10_000 }, () => "y\n".repeat(1024));
  const { code, stderr } = await runWith(["hash"], { stdin: endless });
  assert.equal(code, 2);
  assert.match(stderr, /more than 16384 characters/);
});
