import assert from "node:assert/strict";
import { oneLine, quoteArgument, writeUsageError } from "../../cli/_message.ts";
import { fakeIo } from "./_fake_io.ts";
import { medianMs } from "../_median.ts";

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

/** The cost ratio of 10x more input, for a message cleaner. */
function growth(clean: (text: string) => string): number {
  const input = (n: number) => `Cannot x: a${" ".repeat(n)}b\n  c`;
  const small = input(2_000);
  const large = input(20_000);
  clean(large); // warm up
  return medianMs(() => clean(large)) /
    Math.max(medianMs(() => clean(small)), 0.01);
}

Deno.test("oneLine() and quoteArgument() cost grows linearly with the input", () => {
  // Ten times the input: a linear cleaner costs about 10x, a quadratic one
  // about 100x; 40x leaves room for a noisy machine.
  assert.ok(growth(oneLine) < 40, `oneLine grew ${growth(oneLine)}x`);
  const quote = (text: string) => quoteArgument(text.repeat(25));
  assert.ok(growth(quote) < 40);
  assert.equal(oneLine("a \n\n b\r\nc"), "a b c");
  assert.equal(oneLine("a\x1b[2J"), "a\\u001b[2J");
});

Deno.test("the growth check catches the quadratic cleaner it replaced", () => {
  const quadratic = (text: string) => text.replace(/\s*[\r\n]+\s*/g, " ");
  assert.ok(growth(quadratic) > 40, `quadratic grew ${growth(quadratic)}x`);
});
