/** Byte encodings for the `bytes` formats. */

import { toBase32, toBase64, toHex } from "./_bytes.ts";

/** The byte-encoded format names. */
export type ByteFormat =
  | "hex"
  | "base64"
  | "base64url"
  | "base32"
  | "crockford";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/** Encodes bytes in one of the byte formats. */
export function encodeBytes(format: ByteFormat, bytes: Uint8Array): string {
  switch (format) {
    case "hex":
      return toHex(bytes);
    case "base64":
      return toBase64(bytes);
    case "base64url":
      return toBase64(bytes, { url: true, pad: false });
    case "base32":
      return toBase32(bytes, BASE32);
    case "crockford":
      return toBase32(bytes, CROCKFORD);
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
