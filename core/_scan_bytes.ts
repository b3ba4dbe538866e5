/**
 * The byte scanner: finds keys in a whole UTF-8 text without decoding it.
 * A WebAssembly pass (core/_scan_bytes.wat) finds the runs of key
 * characters long enough to hold a key; only those are read as text, and
 * lines and columns are counted only up to the keys found.
 *
 * @module
 */

import { fromBase64 } from "./_bytes.ts";
import { type FoundKey, KindIndex } from "./_scan_find.ts";
import { SCAN_WASM_BASE64 } from "./_scan_wasm.ts";
import type { ScanKind } from "./scan_kinds.ts";
import { type RawFinding, scanText } from "./scan.ts";

/** Where the text starts in the module's memory (see the .wat file). */
const TEXT = 65536;
const RUNS = 1024;
const PAGE = 65536;
/** Zero bytes after the text that the 16-byte loads may read. */
const SLACK = 16;
/** Runs read as text at a time with `String.fromCharCode`. */
const PIECE = 4096;

interface ScanExports {
  readonly memory: WebAssembly.Memory;
  readonly resume: WebAssembly.Global;
  runs(start: number, end: number, n: number, groups: number): number;
  lines(start: number, end: number): number;
}

let compiled: WebAssembly.Module | undefined;

/**
 * A fresh instance of the byte pass, or undefined where WebAssembly (with
 * SIMD) is missing: the text path then does the work.
 */
function instantiate(): ScanExports | undefined {
  try {
    compiled ??= new WebAssembly.Module(
      fromBase64(SCAN_WASM_BASE64) as Uint8Array<ArrayBuffer>,
    );
    return new WebAssembly.Instance(compiled).exports as unknown as ScanExports;
  } catch {
    return undefined;
  }
}

/** Decodes the stretch of a line before a key, for its column. */
const DECODER = /* @__PURE__ */ new TextDecoder();

/**
 * Finds keys of the given kinds in whole UTF-8 texts, such as files read
 * into its buffer. Invalid bytes count as U+FFFD for columns, as
 * `TextDecoder` reads them, so findings match {@linkcode KeyScanner}'s on
 * the decoded text (`offset` is in bytes here, in UTF-16 code units when
 * it falls back to the text scanner). Memory is the largest text
 * scanned plus 64 KiB.
 *
 * @example
 * ```ts
 * import { KeyBytesScanner, SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const scanner = new KeyBytesScanner(SCAN_KINDS);
 * const text = new TextEncoder().encode(
 *   "é\n  token = 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\n",
 * );
 * scanner.buffer(text.length).set(text);
 * const [found] = scanner.scan(text.length);
 * assert.equal(found!.kind.id, "github-pat-classic");
 * assert.equal(found!.line, 2);
 * assert.equal(found!.column, 11);
 * ```
 */
export class KeyBytesScanner {
  #kinds: readonly ScanKind[];
  #index: KindIndex;
  /** The WebAssembly pass, or undefined when the kinds need the text path. */
  #wasm: ScanExports | undefined;
  /** The buffer of the text path. */
  #plain = new Uint8Array(0);
  #groups: number;

  /**
   * Prepares a scanner.
   *
   * @param kinds What to look for.
   */
  constructor(kinds: readonly ScanKind[]) {
    this.#kinds = kinds;
    this.#index = new KindIndex(kinds);
    // A run of n key characters holds floor((n - 7) / 8) whole 8-byte
    // groups wherever it starts; the byte pass needs at least one, and
    // key characters of one byte each.
    this.#groups = Math.floor((this.#index.shortest - 7) / 8);
    const ascii = [...this.#index.keyChars].every((c) => c.charCodeAt(0) < 128);
    if (ascii && this.#groups >= 1 && Number.isFinite(this.#groups)) {
      this.#wasm = instantiate();
    }
    if (this.#wasm !== undefined) {
      const memory = new Uint8Array(this.#wasm.memory.buffer);
      for (let i = 0; i < this.#index.keyChars.length; i++) {
        const c = this.#index.keyChars.charCodeAt(i);
        memory[c & 15] = memory[c & 15]! | (1 << (c >> 4));
        memory[16 + (c >> 4)] = 1 << (c >> 4);
        memory[32 + c] = 1;
      }
    }
  }

  /**
   * A buffer for the next text, valid until the next call.
   *
   * @param size How many bytes it must hold.
   * @returns A view of at least `size` bytes.
   * @throws {RangeError} When memory for `size` bytes cannot be had.
   */
  buffer(size: number): Uint8Array {
    const wasm = this.#wasm;
    if (wasm === undefined) {
      if (this.#plain.length < size) this.#plain = new Uint8Array(size);
      return this.#plain;
    }
    const need = TEXT + size + SLACK;
    const have = wasm.memory.buffer.byteLength;
    if (need > have) wasm.memory.grow(Math.ceil((need - have) / PAGE));
    return new Uint8Array(
      wasm.memory.buffer,
      TEXT,
      wasm.memory.buffer.byteLength - TEXT - SLACK,
    );
  }

  /**
   * Scans the text at the start of the buffer.
   *
   * @param length Its length in bytes.
   * @returns The keys in it, in order.
   * @throws {RangeError} When `length` is more than the buffer holds.
   */
  scan(length: number): RawFinding[] {
    const wasm = this.#wasm;
    const room = wasm === undefined
      ? this.#plain.length
      : wasm.memory.buffer.byteLength - TEXT - SLACK;
    if (!(length >= 0 && length <= room)) {
      throw new RangeError(
        `Cannot scan ${length} bytes: the buffer holds ${room}`,
      );
    }
    if (wasm === undefined) {
      return scanText(
        DECODER.decode(this.#plain.subarray(0, length)),
        this.#kinds,
      );
    }
    const bytes = new Uint8Array(wasm.memory.buffer);
    const end = TEXT + length;
    bytes.fill(0, end, end + SLACK);
    const out: RawFinding[] = [];
    let line = 1;
    let counted = TEXT;
    /** Where the column was last known, and its value there. */
    let columnAt = TEXT;
    let column = 1;
    let from = TEXT;
    while (from < end) {
      const count = wasm.runs(from, end, this.#index.shortest, this.#groups);
      // Addresses are unsigned: memory may pass 2 GiB.
      from = (wasm.resume.value as number) >>> 0;
      const runs = new Uint32Array(wasm.memory.buffer, RUNS, 2 * count);
      for (let r = 0; r < count; r++) {
        const start = runs[2 * r]!;
        for (const found of this.#read(bytes, start, runs[2 * r + 1]!)) {
          const at = start + found.offset;
          const newlines = wasm.lines(counted, at);
          if (newlines > 0) {
            line += newlines;
            columnAt = bytes.lastIndexOf(10, at - 1) + 1;
            column = 1;
          }
          counted = at;
          // Invalid bytes before the key read as U+FFFD, as in the text.
          column += DECODER.decode(bytes.subarray(columnAt, at)).length;
          columnAt = at;
          out.push({
            kind: found.kind,
            offset: at - TEXT,
            line,
            column,
            key: found.key,
          });
        }
      }
    }
    return out;
  }

  /** The keys in one run of key characters (ASCII, so one char a byte). */
  #read(bytes: Uint8Array, start: number, end: number): FoundKey[] {
    let text = "";
    for (let at = start; at < end; at += PIECE) {
      text += String.fromCharCode.apply(
        null,
        bytes.subarray(at, Math.min(end, at + PIECE)) as unknown as number[],
      );
    }
    return this.#index.find(text, 0, text.length);
  }
}
