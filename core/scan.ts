/**
 * The offline scan: finds keys in untrusted text in linear time and bounded
 * memory, confirming checksums before it reports anything.
 *
 * No regular expression runs on the text: literal leads are found with
 * `indexOf`, and each candidate is read with one index loop over at most
 * one key's length, so the cost is linear in the text whatever it holds.
 *
 * @module
 */

import { checksumOf } from "./checksum.ts";
import { BASE62_ALPHABET } from "./format.ts";
import { hashKey } from "./hash.ts";
import { maskKey } from "./mask.ts";
import type { Confidence, ScanKind } from "./scan_kinds.ts";

/** A key found in text; it holds the key, so it never leaves the process. */
export interface RawFinding {
  /** What was found. */
  readonly kind: ScanKind;
  /** Offset of the key's first character, in UTF-16 code units. */
  readonly offset: number;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units (SARIF's default). */
  readonly column: number;
  /** The key itself: hash or mask it, never print it. */
  readonly key: string;
}

/** A finding safe to print: the key is masked and fingerprinted. */
export interface Finding {
  /** The kind's id, such as `github-pat-classic` or `keymint-acme`. */
  readonly kind: string;
  /** The kind's name. */
  readonly name: string;
  /** `confirmed` when a checksum proved it. */
  readonly confidence: Confidence;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column in UTF-16 code units. */
  readonly column: number;
  /** Length of the key in characters. */
  readonly length: number;
  /** The masked key. */
  readonly masked: string;
  /** SHA-256 hex of the key, the same value `hashKey` gives. */
  readonly fingerprint: string;
}

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

/**
 * Membership tables by their characters, shared by every scanner: a scan
 * makes one scanner per file, and 64 KiB per kind per file added up.
 */
const TABLES = new Map<string, Uint8Array>();

const WORD = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
const WORD_TABLE = /* @__PURE__ */ table(WORD);
const BASE62_TABLE = /* @__PURE__ */ table(BASE62_ALPHABET);

/**
 * Finds keys of the given kinds in text that arrives in pieces. Memory is
 * bounded by two pieces plus the longest key: the scanner holds the newest
 * piece back until the next one (or the end) comes, so that a text given
 * in one piece is read once, lines counted only up to its keys, and
 * otherwise keeps only the tail a key could still straddle.
 *
 * @example Keys split across pieces are still found
 * ```ts
 * import { KeyScanner, SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const scanner = new KeyScanner(SCAN_KINDS);
 * const found = [
 *   ...scanner.push("token = ghp_pHVD1BNY5TOzXhPm"),
 *   ...scanner.push("OYb7brzB6w2LOe25LgEu\n"),
 *   ...scanner.end(),
 * ];
 * assert.equal(found.length, 1);
 * assert.equal(found[0]!.kind.id, "github-pat-classic");
 * assert.equal(found[0]!.column, 9);
 * ```
 */
export class KeyScanner {
  /**
   * Kinds whose lead ends with `_` or `-`: by that last character, then by
   * the character before it.
   */
  #anchored = new Map<string, (CompiledKind[] | undefined)[]>();
  /** Kinds whose lead ends otherwise, by lead. */
  #literal = new Map<string, CompiledKind[]>();
  #maxLead = 0;
  #after = 1;
  #buffer = "";
  /** The newest piece, not read yet. */
  #pending = "";
  /**
   * By anchor: the fewest characters from the anchor to the last one of
   * the shortest key whose lead ends with it, so one look there can rule
   * out every key at that anchor.
   */
  #reach = new Map<string, number>();
  /** Every character a key may have after its lead, for every kind. */
  #keyChar: Uint8Array;
  /** Absolute offset of `#buffer[0]`. */
  #start = 0;
  /** Absolute offset below which every key start has been looked at. */
  #done = 0;
  #line = 1;
  #lineStart = 0;
  #counted = 0;

  /**
   * Prepares a scanner.
   *
   * @param kinds What to look for.
   */
  constructor(kinds: readonly ScanKind[]) {
    const compiled = kinds.map(compileKind);
    this.#keyChar = table(
      [...new Set(compiled.map((kind) => kind.runChars))].join(""),
    );
    for (const kind of compiled) {
      const lead = kind.kind.lead;
      this.#maxLead = Math.max(this.#maxLead, lead.length);
      this.#after = Math.max(this.#after, lead.length + kind.tail + 1);
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
   * Scans the next piece of text.
   *
   * @param text The piece.
   * @returns The keys that lie wholly in what has been read so far.
   */
  push(text: string): RawFinding[] {
    if (text === "") return [];
    const before = this.#pending;
    this.#pending = text;
    if (before === "") return [];
    this.#buffer += before;
    return this.#scan(false);
  }

  /**
   * Ends the text.
   *
   * @returns The keys that ended at the very end.
   */
  end(): RawFinding[] {
    this.#buffer += this.#pending;
    this.#pending = "";
    return this.#scan(true);
  }

  #scan(final: boolean): RawFinding[] {
    const text = this.#buffer;
    // Keys starting in [from, limit) are read now: each lies wholly in the
    // buffer, with the character after it, unless the text has ended.
    const limit = final ? text.length : Math.max(0, text.length - this.#after);
    const from = this.#done - this.#start;
    const found: { offset: number; kind: ScanKind; key: string }[] = [];
    const take = (start: number, kind: CompiledKind) => {
      if (start < from || start >= limit) return;
      if (start > 0 && WORD_TABLE[text.charCodeAt(start - 1)]) return;
      const key = readKey(text, start, kind);
      if (key !== undefined) {
        found.push({ offset: this.#start + start, kind: kind.kind, key });
      }
    };
    // One pass over the `_` (and one over the `-`) characters finds every
    // lead that ends in one.
    const anchorLimit = Math.min(text.length, limit + this.#maxLead);
    for (const [anchor, byBefore] of this.#anchored) {
      const reach = this.#reach.get(anchor)!;
      const keyChar = this.#keyChar;
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
    found.sort((a, b) => a.offset - b.offset);
    const out: RawFinding[] = [];
    for (const f of found) {
      this.#countLinesTo(f.offset);
      out.push({
        kind: f.kind,
        offset: f.offset,
        line: this.#line,
        column: f.offset - this.#lineStart + 1,
        key: f.key,
      });
    }
    this.#done = this.#start + limit;
    // The character before `limit` stays, for the next key's boundary.
    const keep = Math.max(0, limit - 1);
    this.#countLinesTo(this.#start + keep);
    this.#buffer = text.slice(keep);
    this.#start += keep;
    return out;
  }

  #countLinesTo(offset: number): void {
    const text = this.#buffer;
    let i = this.#counted - this.#start;
    const end = offset - this.#start;
    while (true) {
      i = text.indexOf("\n", i);
      if (i === -1 || i >= end) break;
      this.#line++;
      this.#lineStart = this.#start + i + 1;
      i++;
    }
    this.#counted = offset;
  }
}

/**
 * Finds every key of the given kinds in one text.
 *
 * @param text The text.
 * @param kinds What to look for.
 * @returns The findings, in order.
 *
 * @example
 * ```ts
 * import { scanText, SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const good = "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";
 * const bad = "ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv";
 * assert.equal(scanText(`${good}\n${bad}`, SCAN_KINDS).length, 1);
 * ```
 */
export function scanText(
  text: string,
  kinds: readonly ScanKind[],
): RawFinding[] {
  const scanner = new KeyScanner(kinds);
  return [...scanner.push(text), ...scanner.end()];
}

/**
 * Turns a finding into one that is safe to print: masked, fingerprinted,
 * without the key.
 *
 * @param finding A finding from {@linkcode KeyScanner}.
 * @returns The printable finding.
 *
 * @example
 * ```ts
 * import { reportFinding, scanText, SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const [raw] = scanText("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", SCAN_KINDS);
 * const finding = await reportFinding(raw!);
 * assert.equal(finding.masked, "ghp_...2LOe");
 * assert.match(finding.fingerprint, /^[0-9a-f]{64}$/);
 * ```
 */
export async function reportFinding(finding: RawFinding): Promise<Finding> {
  return {
    kind: finding.kind.id,
    name: finding.kind.name,
    confidence: finding.kind.confidence,
    line: finding.line,
    column: finding.column,
    length: finding.key.length,
    masked: maskKey(finding.key),
    fingerprint: await hashKey(finding.key),
  };
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
  while (end < text.length && run[code(text, end)] && end <= max) end++;
  const length = end - start;
  if (length > compiled.tail) return undefined;
  const sum = kind.checksum ? 6 : 0;
  const bodyLength = length - kind.padding - sum;
  if (bodyLength < kind.minBody || bodyLength > kind.maxBody) return undefined;
  const bodyEnd = start + bodyLength;
  for (let i = start; i < bodyEnd; i++) {
    if (!body[code(text, i)]) return undefined;
  }
  for (let i = bodyEnd; i < bodyEnd + kind.padding; i++) {
    if (text.charCodeAt(i) !== 61) return undefined;
  }
  if (kind.checksum) {
    const sumStart = bodyEnd + kind.padding;
    for (let i = sumStart; i < end; i++) {
      if (!BASE62_TABLE[code(text, i)]) return undefined;
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

function code(text: string, i: number): number {
  return text.charCodeAt(i);
}
