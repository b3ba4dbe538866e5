/**
 * Finding keys in one stretch of text: the part of the offline scan that
 * the text scanner and the byte scanner share. No regular expression runs
 * on the text: literal leads are found with `indexOf`, and each candidate
 * is read with one index loop over at most one key's length.
 *
 * @module
 */

import { checksumOf } from "./checksum.ts";
import { BASE62_ALPHABET } from "./format.ts";
import type { ScanKind } from "./scan_kinds.ts";

interface CompiledKind {
  readonly kind: ScanKind;
  /** Characters allowed in the body (UTF-16 code units). */
  readonly body: Uint8Array;
  /** Characters that continue a token: the run must end exactly here. */
  readonly run: Uint8Array;
  /** The characters of `run`. */
  readonly runChars: string;
  readonly tail: number;
  /** Where the lead's anchor character (`_` or `-`) sits in it. */
  readonly anchor: number;
  /** Characters after the lead in the shortest key. */
  readonly least: number;
}

/** A key found in a stretch of text, at an offset into it. */
export interface FoundKey {
  readonly offset: number;
  readonly kind: ScanKind;
  readonly key: string;
}

/**
 * Membership tables by their characters, shared by every scanner: a scan
 * makes one scanner per file, and 64 KiB per kind per file added up.
 */
const TABLES = /* @__PURE__ */ new Map<string, Uint8Array>();

const WORD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
const WORD_TABLE = /* @__PURE__ */ table(WORD);
const BASE62_TABLE = /* @__PURE__ */ table(BASE62_ALPHABET);

/** The kinds to look for, indexed for one pass per anchor character. */
export class KindIndex {
  /**
   * Kinds whose lead ends with `_` or `-`: by that last character, then by
   * the character before it.
   */
  readonly #anchored = new Map<string, (CompiledKind[] | undefined)[]>();
  /** Kinds whose lead ends otherwise, by lead. */
  readonly #literal = new Map<string, CompiledKind[]>();
  /**
   * By anchor: the fewest characters from the anchor to the last one of
   * the shortest key whose lead ends with it, so one look there can rule
   * out every key at that anchor.
   */
  readonly #reach = new Map<string, number>();
  /** Every character a key may have after its lead, for every kind. */
  readonly #keyChar: Uint8Array;
  /** The longest lead. */
  readonly maxLead: number = 0;
  /** Characters a key and the one after it may span. */
  readonly after: number = 1;
  /** Every character any key may hold, lead included. */
  readonly keyChars: string;
  /** The length of the shortest key. */
  readonly shortest: number = Infinity;

  constructor(kinds: readonly ScanKind[]) {
    const compiled = kinds.map(compileKind);
    const runChars = [...new Set(compiled.map((kind) => kind.runChars))];
    this.#keyChar = table(runChars.join(""));
    this.keyChars = [
      ...new Set([...runChars, ...kinds.map((kind) => kind.lead)].join("")),
    ].join("");
    for (const kind of compiled) {
      const lead = kind.kind.lead;
      this.maxLead = Math.max(this.maxLead, lead.length);
      this.after = Math.max(this.after, lead.length + kind.tail + 1);
      this.shortest = Math.min(this.shortest, lead.length + kind.least);
      // The anchor: the lead's last `_` or `-` that has a character before it.
      const at = Math.max(lead.lastIndexOf("_"), lead.lastIndexOf("-"));
      if (at >= 1) {
        const anchor = lead[at]!;
        const byBefore = this.#anchored.get(anchor) ?? [];
        this.#anchored.set(anchor, byBefore);
        (byBefore[lead.charCodeAt(at - 1)] ??= []).push({
          ...kind,
          anchor: at,
        });
        const reach = lead.length - 1 - at + kind.least;
        this.#reach.set(
          anchor,
          Math.min(this.#reach.get(anchor) ?? reach, reach),
        );
      } else {
        const same = this.#literal.get(lead) ?? [];
        this.#literal.set(lead, [...same, kind]);
      }
    }
  }

  /**
   * The keys that start in [from, limit) of the text, in order. Each must
   * lie wholly in the text with the character after it, unless the text
   * ends there; a key may start at 0 only when nothing that continues a
   * word comes before the text.
   */
  find(text: string, from: number, limit: number): FoundKey[] {
    const found: FoundKey[] = [];
    const take = (start: number, kind: CompiledKind) => {
      if (start < from || start >= limit) return;
      if (start > 0 && WORD_TABLE[text.charCodeAt(start - 1)]) return;
      const key = readKey(text, start, kind);
      if (key !== undefined) {
        found.push({ offset: start, kind: kind.kind, key });
      }
    };
    // One pass over the `_` (and one over the `-`) characters finds every
    // lead that ends in one.
    const anchorLimit = Math.min(text.length, limit + this.maxLead);
    const keyChar = this.#keyChar;
    for (const [anchor, byBefore] of this.#anchored) {
      const reach = this.#reach.get(anchor)!;
      let at = text.indexOf(anchor, from);
      while (at !== -1 && at < anchorLimit) {
        const bucket = at > 0 ? byBefore[text.charCodeAt(at - 1)] : undefined;
        // Most anchors are in identifiers far shorter than any key.
        const last = at + reach;
        if (
          bucket !== undefined &&
          (last >= text.length || keyChar[text.charCodeAt(last)])
        ) {
          for (const kind of bucket) {
            const start = at - kind.anchor;
            if (start >= 0 && text.startsWith(kind.kind.lead, start)) {
              take(start, kind);
            }
          }
        }
        at = text.indexOf(anchor, at + 1);
      }
    }
    for (const [lead, kinds] of this.#literal) {
      let start = text.indexOf(lead, from);
      while (start !== -1 && start < limit) {
        for (const kind of kinds) take(start, kind);
        start = text.indexOf(lead, start + 1);
      }
    }
    return found.sort((a, b) => a.offset - b.offset);
  }
}

/** Reads the key that starts with a lead at `at`, or undefined. */
function readKey(
  text: string,
  at: number,
  compiled: CompiledKind,
): string | undefined {
  const { kind, run, body } = compiled;
  const start = at + kind.lead.length;
  const max = start + compiled.tail;
  let end = start;
  while (end < text.length && run[text.charCodeAt(end)] && end <= max) end++;
  const length = end - start;
  if (length > compiled.tail) return undefined;
  const sum = kind.checksum ? 6 : 0;
  const bodyLength = length - kind.padding - sum;
  if (bodyLength < kind.minBody || bodyLength > kind.maxBody) return undefined;
  const bodyEnd = start + bodyLength;
  for (let i = start; i < bodyEnd; i++) {
    if (!body[text.charCodeAt(i)]) return undefined;
  }
  for (let i = bodyEnd; i < bodyEnd + kind.padding; i++) {
    if (text.charCodeAt(i) !== 61) return undefined;
  }
  if (kind.checksum) {
    const sumStart = bodyEnd + kind.padding;
    for (let i = sumStart; i < end; i++) {
      if (!BASE62_TABLE[text.charCodeAt(i)]) return undefined;
    }
    const bodyText = text.slice(start, bodyEnd + kind.padding);
    if (checksumOf(bodyText) !== text.slice(sumStart, end)) return undefined;
  }
  return text.slice(at, end);
}

function compileKind(kind: ScanKind): CompiledKind {
  const wordOnly = kind.padding === 0 &&
    Array.from(kind.alphabet).every((c) => WORD.includes(c));
  const runChars = wordOnly
    ? WORD
    : kind.alphabet + "=" + (kind.checksum ? BASE62_ALPHABET : "") + WORD;
  return {
    kind,
    body: table(kind.alphabet),
    run: table(runChars),
    runChars,
    tail: kind.maxBody + kind.padding + (kind.checksum ? 6 : 0),
    anchor: -1,
    least: kind.minBody + kind.padding + (kind.checksum ? 6 : 0),
  };
}

function table(chars: string): Uint8Array {
  const known = TABLES.get(chars);
  if (known !== undefined) return known;
  const out = new Uint8Array(65536);
  TABLES.set(chars, out);
  for (let i = 0; i < chars.length; i++) out[chars.charCodeAt(i)] = 1;
  return out;
}
