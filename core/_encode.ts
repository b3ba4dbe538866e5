/**
 * The one byte encoder of the `bytes` formats: random bytes written with a
 * power-of-two alphabet, bits in order, most significant first (RFC 4648:
 * hex, base64, base64url, base32, and Crockford's base32 the same way).
 *
 * @module
 */

/** The byte-encoded format names. */
export type ByteFormat =
  | "hex"
  | "base64"
  | "base64url"
  | "base32"
  | "crockford";

/**
 * How a byte body is written: a byte format, or base64url with `=` padding
 * (what Fernet keys are, and no format of its own).
 */
export type ByteEncoding = ByteFormat | "base64url-padded";

/** Whether bodies of `encoding` are padded with `=` to a multiple of four. */
export function isPadded(encoding: ByteEncoding): boolean {
  return encoding === "base64" || encoding === "base64url-padded";
}

/**
 * Writes `bytes` with `alphabet` (16, 32 or 64 characters): each character
 * carries log2(n) bits; the last one's unused low bits are zero.
 *
 * @param pad Pad with `=` to a multiple of four characters (base64).
 */
export function encodeBytes(
  bytes: Uint8Array,
  alphabet: string,
  pad: boolean,
): string {
  const width = Math.log2(alphabet.length);
  const mask = alphabet.length - 1;
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    // Fewer than width bits are left over, so 16 bits hold them and a byte.
    buffer = ((buffer << 8) | bytes[i]!) & 0xffff;
    bits += 8;
    while (bits >= width) {
      bits -= width;
      out += alphabet[(buffer >> bits) & mask];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (width - bits)) & mask];
  while (pad && out.length % 4 > 0) out += "=";
  return out;
}

/**
 * The encoder of a byte body: the platform's own hex and base64 codecs
 * where it has them (Deno, current browsers, Node.js 25+), several times
 * faster; {@linkcode encodeBytes} elsewhere and for base32. Not
 * `_bytes.ts`'s `toHex`/`toBase64`: their own fallbacks would join every
 * key bundle, where `encodeBytes` already is the fallback.
 */
export function byteEncoder(
  format: string,
  alphabet: string,
  pad: boolean,
): (bytes: Uint8Array) => string {
  // Typed as always there, which Node.js 20 to 24 are not.
  const native: Partial<Uint8Array> = Uint8Array.prototype;
  if (format === "hex" && native.toHex) return (bytes) => bytes.toHex();
  if ((format === "base64" || format === "base64url") && native.toBase64) {
    return (bytes) => bytes.toBase64({ alphabet: format, omitPadding: !pad });
  }
  return (bytes) => encodeBytes(bytes, alphabet, pad);
}

/** The length of `bytes` bytes once encoded at `width` bits a character. */
export function encodedLength(
  bytes: number,
  width: number,
  pad: boolean,
): number {
  const chars = Math.ceil((bytes * 8) / width);
  return pad ? 4 * Math.ceil(chars / 4) : chars;
}
