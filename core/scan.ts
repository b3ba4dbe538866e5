/**
 * The offline scan: finds keys in untrusted text in linear time and bounded
 * memory, confirming checksums before it reports anything.
 *
 * No regular expression runs on the text: literal leads are found with
 * `indexOf`, and each candidate is read with one index loop over at most
 * one key's length, so the cost is linear in the text whatever it holds.
 * {@linkcode KeyScanner} reads text in pieces; {@linkcode KeyBytesScanner}
 * reads whole UTF-8 texts (files) as bytes and looks only at the runs of
 * key characters long enough to hold a key.
 *
 * @module
 */

import { KindIndex } from "./_scan_find.ts";
import { hashKeyNow } from "./hash.ts";
import { maskKey } from "./mask.ts";
import type { Confidence, ScanKind } from "./scan_kinds.ts";

export { KeyBytesScanner } from "./_scan_bytes.ts";

/** A key found in text; it holds the key, so it never leaves the process. */
export interface RawFinding {
  /** What was found. */
  readonly kind: ScanKind;
  /**
   * Offset of the key's first character: in UTF-16 code units for text,
   * in bytes for {@linkcode KeyBytesScanner}'s byte pass (in code units
   * where it falls back to the text scanner).
   */
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
  #index: KindIndex;
  #buffer = "";
  /** The newest piece, not read yet. */
  #pending = "";
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
    this.#index = new KindIndex(kinds);
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
    const limit = final
      ? text.length
      : Math.max(0, text.length - this.#index.after);
    const from = this.#done - this.#start;
    const out: RawFinding[] = [];
    for (const f of this.#index.find(text, from, limit)) {
      const offset = this.#start + f.offset;
      this.#countLinesTo(offset);
      out.push({
        kind: f.kind,
        offset,
        line: this.#line,
        column: offset - this.#lineStart + 1,
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
export function reportFinding(finding: RawFinding): Promise<Finding> {
  return Promise.resolve({
    kind: finding.kind.id,
    name: finding.kind.name,
    confidence: finding.kind.confidence,
    line: finding.line,
    column: finding.column,
    length: finding.key.length,
    masked: maskKey(finding.key),
    fingerprint: hashKeyNow(finding.key),
  });
}
