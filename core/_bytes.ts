/**
 * Byte codecs from Web APIs alone. Where the platform has
 * `Uint8Array.prototype.toHex`/`toBase64` (Deno, current browsers, Node.js
 * 25+) they do the work; elsewhere `btoa`/`atob` and a lookup table do.
 * Key bodies (base32 and Crockford too) are encoded by `_encode.ts`.
 *
 * keymint once used `@scure/base` for these; importing any npm package
 * added 3 to 4 ms to every CLI start (measured against a bare one-liner),
 * a fifth of the whole budget for one key. The tests check this file
 * against `@scure/base` on random input.
 */

// Worked out on first use, not at load, so that a bundle which imports none
// of these codecs drops them.
let native: boolean | undefined;
function isNative(): boolean {
  return native ??= typeof Uint8Array.prototype.toHex === "function" &&
    typeof Uint8Array.prototype.toBase64 === "function" &&
    typeof Uint8Array.fromBase64 === "function";
}

let hexPairs: readonly string[] | undefined;

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  if (isNative()) return bytes.toHex();
  hexPairs ??= Array.from(
    { length: 256 },
    (_, byte) => byte.toString(16).padStart(2, "0"),
  );
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += hexPairs[bytes[i]!];
  return out;
}

/** Decodes hex the caller has already checked: an even count of hex digits. */
export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  }
  return out;
}

/** Options for {@linkcode toBase64}. */
export interface Base64Options {
  /** The URL-safe alphabet (`-_`) of RFC 4648 section 5. */
  url?: boolean;
  /** Pad with `=` to a multiple of four characters. */
  pad?: boolean;
}

/** Base64 in either alphabet, with or without padding. */
export function toBase64(
  bytes: Uint8Array,
  options: Base64Options = {},
): string {
  const url = options.url ?? false;
  const pad = options.pad ?? true;
  if (isNative()) {
    return bytes.toBase64({
      alphabet: url ? "base64url" : "base64",
      omitPadding: !pad,
    });
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  let out = btoa(binary);
  if (url) out = out.replaceAll("+", "-").replaceAll("/", "_");
  return pad ? out : out.replace(/=+$/, "");
}

const STRICT_BASE64 =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard, padded, canonical base64, refusing anything else
 * (white space, missing padding, the URL-safe alphabet, non-zero unused
 * bits in the last character).
 *
 * @returns The bytes, or undefined when the text is not strict base64.
 */
export function fromBase64(text: string): Uint8Array | undefined {
  if (!STRICT_BASE64.test(text)) return undefined;
  const bytes = isNative()
    ? Uint8Array.fromBase64(text)
    : Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  // Only the canonical text of these bytes is accepted.
  return toBase64(bytes) === text ? bytes : undefined;
}
