/**
 * Byte encodings for the `bytes` formats: the platform's own
 * `Uint8Array.prototype.toHex`/`toBase64` where present, `@scure/base`
 * otherwise and for base32.
 */

import {
  base32crockford,
  base32nopad,
  base64,
  base64urlnopad,
  hex,
} from "@scure/base";

/** The byte-encoded format names. */
export type ByteFormat =
  | "hex"
  | "base64"
  | "base64url"
  | "base32"
  | "crockford";

/** Node.js before 25 and older browsers lack the native codecs. */
const NATIVE = typeof Uint8Array.prototype.toHex === "function" &&
  typeof Uint8Array.prototype.toBase64 === "function";

/** Encodes bytes in one of the byte formats. */
export function encodeBytes(format: ByteFormat, bytes: Uint8Array): string {
  switch (format) {
    case "hex":
      return NATIVE ? bytes.toHex() : hex.encode(bytes);
    case "base64":
      return NATIVE ? bytes.toBase64() : base64.encode(bytes);
    case "base64url":
      return NATIVE
        ? bytes.toBase64({
          alphabet: "base64url",
          omitPadding: true,
        })
        : base64urlnopad.encode(bytes);
    case "base32":
      return base32nopad.encode(bytes);
    case "crockford":
      return base32crockford.encode(bytes).toLowerCase();
  }
}

/** Bits each character of a byte format carries. */
export const BITS_PER_CHAR: Readonly<Record<ByteFormat, number>> = {
  hex: 4,
  base64: 6,
  base64url: 6,
  base32: 5,
  crockford: 5,
};

/** The length of `bytes` bytes once encoded (base64 with its padding). */
export function encodedLength(format: ByteFormat, bytes: number): number {
  if (format === "base64") return 4 * Math.ceil(bytes / 3);
  return Math.ceil((bytes * 8) / BITS_PER_CHAR[format]);
}
