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

/**
 * How a byte body is written: a byte format, or base64url with `=` padding
 * (what Fernet keys are, and no format of its own).
 */
export type ByteEncoding = ByteFormat | "base64url-padded";

/** Encodes bytes in one of the byte encodings. */
export function encodeBytes(format: ByteEncoding, bytes: Uint8Array): string {
  switch (format) {
    case "hex":
      return toHex(bytes);
    case "base64":
      return toBase64(bytes);
    case "base64url":
      return toBase64(bytes, { url: true, pad: false });
    case "base64url-padded":
      return toBase64(bytes, { url: true, pad: true });
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

/** The length of `bytes` bytes once encoded (padded base64 with its padding). */
export function encodedLength(format: ByteEncoding, bytes: number): number {
  if (format === "base64" || format === "base64url-padded") {
    return 4 * Math.ceil(bytes / 3);
  }
  return Math.ceil((bytes * 8) / BITS_PER_CHAR[format]);
}
