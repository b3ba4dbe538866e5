/**
 * The smallest known alphabet that covers a text, and the entropy bound it
 * gives: shared by inspect and mask.
 *
 * @module
 */

/** One known alphabet. */
interface KnownAlphabet {
  readonly name: string;
  readonly size: number;
  /** Whether encoders write whole bytes in it (power-of-two alphabets). */
  readonly bytes: boolean;
  /** Linear: one character class, anchored, no nesting. */
  readonly pattern: RegExp;
}

/** Known alphabets, smallest first; the first that covers the text wins. */
const ALPHABETS: readonly KnownAlphabet[] = [
  { name: "digits", size: 10, bytes: false, pattern: /^[0-9]+$/ },
  { name: "hex", size: 16, bytes: true, pattern: /^[0-9a-f]+$/ },
  { name: "hex (upper case)", size: 16, bytes: true, pattern: /^[0-9A-F]+$/ },
  { name: "base32", size: 32, bytes: true, pattern: /^[A-Z2-7]+=*$/ },
  {
    name: "crockford",
    size: 32,
    bytes: true,
    pattern: /^[0-9a-hjkmnp-tv-z]+$/,
  },
  {
    name: "base58",
    size: 58,
    bytes: false,
    pattern: /^[1-9A-HJ-NP-Za-km-z]+$/,
  },
  { name: "alnum", size: 62, bytes: false, pattern: /^[0-9A-Za-z]+$/ },
  { name: "base64url", size: 64, bytes: true, pattern: /^[0-9A-Za-z_-]+$/ },
  { name: "base64", size: 64, bytes: true, pattern: /^[0-9A-Za-z+/]+={0,2}$/ },
  { name: "printable ASCII", size: 94, bytes: false, pattern: /^[!-~]+$/ },
  {
    name: "printable ASCII with spaces",
    size: 95,
    bytes: false,
    pattern: /^[ -~]+$/,
  },
];

/** What {@linkcode measureText} finds. */
export interface Measure {
  /** The alphabet's name, or `unicode` when none covers the text. */
  readonly alphabet: string;
  /** How many characters the alphabet has (2^8 per UTF-8 byte for unicode). */
  readonly size: number;
  /** The characters, without `=` padding. */
  readonly chars: number;
  /** The entropy bound in bits, rounded down. */
  readonly bits: number;
}

/**
 * The smallest alphabet that covers `text` and the entropy bound it gives:
 * length x log2(alphabet), rounded down. Power-of-two alphabets (hex,
 * base32, base64) are read as whole encoded bytes, as every common encoder
 * writes them, so 43 base64url characters are 256 bits, not 258. Text that
 * no alphabet covers counts 8 bits per UTF-8 byte.
 */
export function measureText(text: string): Measure {
  const found = ALPHABETS.find((known) => known.pattern.test(text));
  if (found === undefined) {
    const bytes = new TextEncoder().encode(text).length;
    return {
      alphabet: "unicode",
      size: 256,
      chars: Array.from(text).length,
      bits: bytes * 8,
    };
  }
  let chars = text.length;
  while (chars > 0 && text.charCodeAt(chars - 1) === 61) chars--;
  const exact = chars * Math.log2(found.size);
  const bits = found.bytes ? Math.floor(exact / 8) * 8 : Math.floor(exact);
  return { alphabet: found.name, size: found.size, chars, bits };
}

/** The size of a named alphabet, 256 when unknown. */
export function alphabetSize(name: string): number {
  return ALPHABETS.find((known) => known.name === name)?.size ?? 256;
}
