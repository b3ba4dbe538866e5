import assert from "node:assert/strict";
import { checkKeyNames, isInputError, quoteValue } from "@keymint/core/faces";
import { generateKey, type KeyOptions, parseKeySpec } from "@keymint/core";

Deno.test("isInputError is true for the three input error classes only", () => {
  assert.equal(isInputError(new TypeError("x")), true);
  assert.equal(isInputError(new RangeError("x")), true);
  assert.equal(isInputError(new SyntaxError("x")), true);
  assert.equal(isInputError(new Error("x")), false);
  assert.equal(isInputError(new DOMException("x")), false);
  assert.equal(isInputError({ name: "TypeError", message: "x" }), false);
  assert.equal(isInputError(undefined), false);
});

Deno.test("quoteValue cuts to 12 code points and marks the cut", () => {
  assert.equal(quoteValue("a".repeat(12)), `"${"a".repeat(12)}"`);
  assert.equal(quoteValue("a".repeat(13)), `"${"a".repeat(12)}..."`);
  assert.equal(quoteValue(""), '""');
  const key = "\u{1F511}".repeat(20);
  assert.equal(quoteValue(key), `"${"\u{1F511}".repeat(12)}..."`);
});

Deno.test("quoteValue escapes C0 and C1 controls", () => {
  assert.equal(quoteValue("\x1b[31m"), '"\\u001b[31m"');
  assert.equal(quoteValue("a\u009bb\x7f"), '"a\\u009bb\\u007f"');
  assert.equal(quoteValue("\n"), '"\\n"');
});

Deno.test("quoteValue takes any value", () => {
  assert.equal(quoteValue(undefined), '"undefined"');
  assert.equal(quoteValue(Symbol("s")), '"Symbol(s)"');
  assert.equal(quoteValue(Object.create(null)), '"object"');
  assert.equal(quoteValue(10n), '"10"');
});

Deno.test("quoteValue reads a huge value only as far as it shows", () => {
  // A string of 2^28 code units would take long to copy or iterate whole;
  // quoteValue stops after 13 characters.
  const huge = "k".repeat(1 << 28);
  assert.equal(quoteValue(huge), `"${"k".repeat(12)}..."`);
});

Deno.test("core messages quote a pasted key with 12 characters at most", () => {
  const token = "ghp_" + "A".repeat(36);
  for (
    const run of [
      () => parseKeySpec({ format: token }),
      () => parseKeySpec({ prefix: token }),
      () => parseKeySpec({ preset: token }),
      () => generateKey({ format: token } as unknown as KeyOptions),
    ]
  ) {
    assert.throws(run, (error: Error) => {
      assert.ok(isInputError(error));
      assert.ok(error.message.includes('"ghp_AAAAAAAA..."'), error.message);
      assert.ok(!error.message.includes("A".repeat(9)), error.message);
      return true;
    });
  }
});

Deno.test("the faces entry exports exactly its documented helpers", async () => {
  // faces.ts re-exports whole modules (so that bundlers keep the page's
  // generator code in one chunk): a new export in one of them would
  // silently join the published entry, and this list would catch it.
  const faces = await import("@keymint/core/faces");
  assert.deepEqual(Object.keys(faces).sort(), [
    "KEY_OPTION_NAMES",
    "checkKeyNames",
    "defaultFormat",
    "didYouMean",
    "isInputError",
    "quoteForEnv",
    "quoteValue",
    "readFlag",
    "stripTrailingNewline",
  ]);
});

Deno.test("checkKeyNames() suggests a close format or preset name; parseKeySpec() only lists them", () => {
  const formats =
    "choose one of hex, base64, base64url, base32, crockford, base58, alnum, digits, custom";
  const presets =
    "the presets are laravel, django, rails, rails-master-key, authjs, fernet, symfony, phoenix, flask, jwt-hs256, jwt-hs384, jwt-hs512, standard-webhooks, github-webhook, aes-256, aes-128";
  assert.throws(
    () => checkKeyNames({ format: "hexx" }),
    new RangeError(
      `Cannot use format "hexx": unknown format, did you mean "hex"?; ${formats}`,
    ),
  );
  assert.throws(
    () => checkKeyNames({ preset: "larvel" }),
    new RangeError(
      `Cannot use preset "larvel": unknown preset, did you mean "laravel"?; ${presets}`,
    ),
  );
  assert.throws(
    () => parseKeySpec({ format: "hexx" }),
    new RangeError(`Cannot use format "hexx": unknown format; ${formats}`),
  );
  // Known names in any case, and anything that is not a name, pass: the
  // spec reader has the last word on them.
  checkKeyNames({ format: "BASE62", preset: "Laravel" });
  checkKeyNames({ format: "", count: "x" });
  checkKeyNames({ format: 5 as unknown as string });
});
