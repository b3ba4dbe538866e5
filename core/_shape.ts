/**
 * Key shapes as sequences of literals and character runs, matched by index
 * in one pass: no regular expression, so no backtracking, linear time.
 *
 * @module
 */

/** The named character classes a run can draw from. */
export type CharClass =
  | "digits"
  | "hex"
  | "hex-upper"
  | "hex-any-case"
  | "alnum"
  | "alnum-upper"
  | "alnum-lower"
  | "base32"
  | "base64"
  | "base64url"
  | "base64url-dot"
  | "base64-any"
  | "slack"
  | "django"
  | "pad"
  | "pem-label"
  | "pem-body"
  | "newline";

/** A run of `min` to `max` characters of one class, taken greedily. */
export interface Run {
  /** The class every character of the run belongs to. */
  readonly chars: CharClass;
  /** The fewest characters. */
  readonly min: number;
  /** The most characters; the run stops there even if more would fit. */
  readonly max: number;
}

/**
 * A shape: literals and runs in order. Matching is greedy without
 * backtracking, so a literal that follows a run must start with a character
 * outside the run's class (every row in the kind table is written so).
 */
export type Shape = readonly (string | Run)[];

const DJANGO_SYMBOLS = "!@#$%^&*(-_=+)";

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c) || isLower(c);
}

/** Whether the UTF-16 code unit `c` belongs to `chars`. */
export function inClass(chars: CharClass, c: number): boolean {
  switch (chars) {
    case "digits":
      return isDigit(c);
    case "hex":
      return isDigit(c) || (c >= 97 && c <= 102);
    case "hex-upper":
      return isDigit(c) || (c >= 65 && c <= 70);
    case "hex-any-case":
      return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    case "alnum":
      return isAlnum(c);
    case "alnum-upper":
      return isDigit(c) || isUpper(c);
    case "alnum-lower":
      return isDigit(c) || isLower(c);
    case "base32":
      return isUpper(c) || (c >= 50 && c <= 55);
    case "base64":
      return isAlnum(c) || c === 43 || c === 47;
    case "base64url":
      return isAlnum(c) || c === 45 || c === 95;
    case "base64url-dot":
      return isAlnum(c) || c === 45 || c === 95 || c === 46;
    case "base64-any":
      return isAlnum(c) || c === 43 || c === 47 || c === 45 || c === 95;
    case "slack":
      return isAlnum(c) || c === 45;
    case "django":
      return isDigit(c) || isLower(c) ||
        DJANGO_SYMBOLS.includes(String.fromCharCode(c));
    case "pad":
      return c === 61;
    case "pem-label":
      return isUpper(c) || isDigit(c) || c === 32;
    case "pem-body":
      return c !== 45;
    case "newline":
      return c === 10 || c === 13;
  }
}

/** A run of exactly `n` characters. */
export function exactly(chars: CharClass, n: number): Run {
  return { chars, min: n, max: n };
}

/** A run of `min` to `max` characters. */
export function between(chars: CharClass, min: number, max: number): Run {
  return { chars, min, max };
}

/**
 * Whether `text` is exactly `shape`. Each character is looked at once at
 * most, so the cost is linear in the length of the text.
 */
export function matchesShape(text: string, shape: Shape): boolean {
  let at = 0;
  for (const part of shape) {
    if (typeof part === "string") {
      if (!text.startsWith(part, at)) return false;
      at += part.length;
      continue;
    }
    const start = at;
    const stop = Math.min(text.length, start + part.max);
    while (at < stop && inClass(part.chars, text.charCodeAt(at))) at++;
    if (at - start < part.min) return false;
  }
  return at === text.length;
}
