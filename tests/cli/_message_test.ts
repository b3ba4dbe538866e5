import assert from "node:assert/strict";
import { quoteArgument, writeUsageError } from "../../cli/_message.ts";
import { fakeIo } from "./_fake_io.ts";

Deno.test("quoteArgument() quotes a short argument as it is", () => {
  assert.equal(quoteArgument("base99"), '"base99"');
  assert.equal(quoteArgument('a"b'), '"a\\"b"');
});

Deno.test("quoteArgument() cuts a long argument to 12 characters, whole code points", () => {
  assert.equal(quoteArgument("k".repeat(100_000)), `"${"k".repeat(12)}..."`);
  assert.equal(quoteArgument("k".repeat(12)), `"${"k".repeat(12)}"`);
  assert.equal(quoteArgument("k".repeat(13)), `"${"k".repeat(12)}..."`);
  const emoji = "\u{1F511}".repeat(50);
  assert.equal(quoteArgument(emoji), `"${"\u{1F511}".repeat(12)}..."`);
  const token = "ghp_pHVDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  assert.equal(quoteArgument(token), '"ghp_pHVDxxxx..."');
});

Deno.test("quoteArgument() escapes C0 controls, DEL and C1 controls", () => {
  assert.equal(
    quoteArgument("a\x1b[2J\x07\x7f\x9bz"),
    '"a\\u001b[2J\\u0007\\u007f\\u009bz"',
  );
});

Deno.test("writeUsageError() keeps a message to one escaped line plus the hint", async () => {
  const fake = fakeIo();
  await writeUsageError(
    fake.io,
    "Cannot do it:\n\x1b]0;x\x07 here",
    "try again",
  );
  assert.equal(
    fake.stderr(),
    "keymint: Cannot do it: \\u001b]0;x\\u0007 here\nhint: try again\n",
  );
});
