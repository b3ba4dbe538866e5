import assert from "node:assert/strict";
import fc from "fast-check";
import {
  base32crockford,
  base32nopad,
  base64,
  base64url,
  base64urlnopad,
  hex,
} from "@scure/base";
import { byteEncoder, encodeBytes, encodedLength } from "../../core/_encode.ts";
import { FORMATS } from "@keymint/core";

const alphabet = (name: string) =>
  FORMATS.find((format) => format.name === name)!.alphabet;

// Each row: the format, whether it is padded, the reference encoder.
const ENCODINGS: ReadonlyArray<
  [string, boolean, (bytes: Uint8Array) => string]
> = [
  ["hex", false, hex.encode],
  ["base64", true, base64.encode],
  ["base64url", false, base64urlnopad.encode],
  // Fernet's keys: base64url with padding.
  ["base64url", true, base64url.encode],
  ["base32", false, base32nopad.encode],
  ["crockford", false, (bytes) => base32crockford.encode(bytes).toLowerCase()],
];

Deno.test("encodeBytes() and byteEncoder() agree with @scure/base on random input", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      for (const [name, pad, reference] of ENCODINGS) {
        const expected = reference(bytes);
        // The portable encoder, which Node.js 20 to 24 use for every format.
        assert.equal(encodeBytes(bytes, alphabet(name), pad), expected, name);
        // The platform codec where there is one.
        assert.equal(byteEncoder(name, alphabet(name), pad)(bytes), expected);
        assert.equal(
          encodedLength(bytes.length, Math.log2(alphabet(name).length), pad),
          expected.length,
        );
      }
    }),
    { numRuns: 300, seed: 20261202 },
  );
});
