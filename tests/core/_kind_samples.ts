/** Character classes spelled out by hand, and sample values of each kind. */

import { type CharClass, checksumOf, type KeyKind } from "@keymint/core";

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const ALNUM = DIGITS + UPPER + LOWER;

/** Every class spelled out by hand, to compare with the code's tests. */
export const CLASS_CHARS: Record<Exclude<CharClass, "pem-body">, string> = {
  "digits": DIGITS,
  "hex": DIGITS + "abcdef",
  "hex-upper": DIGITS + "ABCDEF",
  "hex-any-case": DIGITS + "abcdefABCDEF",
  "alnum": ALNUM,
  "alnum-upper": DIGITS + UPPER,
  "alnum-lower": DIGITS + LOWER,
  "base32": UPPER + "234567",
  "base64": ALNUM + "+/",
  "base64url": ALNUM + "-_",
  "base64url-dot": ALNUM + "-_.",
  "base64-any": ALNUM + "+/-_",
  "slack": ALNUM + "-",
  "django": LOWER + DIGITS + "!@#$%^&*(-_=+)",
  "pad": "=",
  "pem-label": UPPER + DIGITS + " ",
  "newline": "\n\r",
};

/** Draws a deterministic value of a row's shape, `pick` choosing lengths. */
export function sample(
  kind: KeyKind,
  pick: "min" | "max",
  seed: number,
): string {
  let text = kind.prefix;
  let state = seed;
  for (const part of kind.shape) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const chars = part.chars === "pem-body"
      ? ALNUM + "+/=\n"
      : CLASS_CHARS[part.chars];
    const count = Math.max(1, part[pick] > 200 ? 200 : part[pick]);
    for (let i = 0; i < (part.min === 0 && pick === "min" ? 0 : count); i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      text += chars[(state >>> 12) % chars.length];
    }
  }
  if (kind.checksum === "crc32-base62") {
    const body = text.slice(kind.prefix.length, -6);
    text = kind.prefix + body + checksumOf(body);
  }
  return text;
}
