import assert from "node:assert/strict";
import fc from "fast-check";
import { base64, base64urlnopad, hex } from "@scure/base";
import { fromBase64, toBase64, toHex } from "../../core/_bytes.ts";

Deno.test("_bytes codecs agree with @scure/base on random input", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      assert.equal(toHex(bytes), hex.encode(bytes));
      assert.equal(toBase64(bytes), base64.encode(bytes));
      assert.equal(
        toBase64(bytes, { url: true, pad: false }),
        base64urlnopad.encode(bytes),
      );
      assert.deepEqual(fromBase64(base64.encode(bytes)), bytes);
    }),
    { numRuns: 500, seed: 20261128 },
  );
});

Deno.test("fromBase64() refuses anything but canonical padded base64", () => {
  for (
    const text of [
      "Zg",
      "Zg=",
      "Zh==",
      "Z g==",
      "Zm8-",
      "Zm8_",
      "Zm9v\n",
      "!!!!",
      "Zm9v====",
    ]
  ) {
    assert.equal(fromBase64(text), undefined, text);
  }
  assert.deepEqual(fromBase64("Zm9vYg=="), new TextEncoder().encode("foob"));
  assert.deepEqual(fromBase64(""), new Uint8Array(0));
});

Deno.test("_bytes falls back to btoa, atob and a table where the platform lacks native codecs", async () => {
  const script = `
    delete Uint8Array.prototype.toHex;
    delete Uint8Array.prototype.toBase64;
    delete Uint8Array.fromBase64;
    const { toHex, toBase64, fromBase64 } = await import(${
    JSON.stringify(new URL("../../core/_bytes.ts", import.meta.url).href)
  });
    const bytes = new Uint8Array(300).map((_, i) => (i * 151) & 255);
    console.log(JSON.stringify([toHex(bytes), toBase64(bytes), toBase64(bytes, { url: true, pad: false }), Array.from(fromBase64(toBase64(bytes)) ?? []), fromBase64("Zh==") === undefined]));
  `;
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const bytes = new Uint8Array(300).map((_, i) => (i * 151) & 255);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(output.stdout)), [
    hex.encode(bytes),
    base64.encode(bytes),
    base64urlnopad.encode(bytes),
    Array.from(bytes),
    true,
  ]);
});
