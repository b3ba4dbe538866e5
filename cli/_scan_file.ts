/**
 * Scanning one source's bytes: the part the main thread and the scan
 * workers share.
 *
 * @module
 */

import {
  KeyBytesScanner,
  KeyScanner,
  type RawFinding,
  type ScanKind,
} from "@keymint/core";

/** What scanning one source gave. */
export type SourceResult =
  | { readonly found: RawFinding[]; readonly bytes: number }
  | { readonly skipped: "binary" | "unreadable" | "oversized" | "special" };

/** Bytes read at a time from a file too big to read whole. */
export const CHUNK = 4 << 20;

/**
 * Decodes chunks as UTF-8 (invalid bytes become U+FFFD, so keys around
 * them are still found) and scans them; a NUL byte in the first 8000 bytes
 * (git's test) marks the source binary.
 */
export async function scanChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  kinds: readonly ScanKind[],
): Promise<SourceResult> {
  const scanner = new KeyScanner(kinds);
  const decoder = new TextDecoder();
  const found: RawFinding[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    if (bytes === 0 && isBinary(chunk)) {
      return { skipped: "binary" };
    }
    bytes += chunk.length;
    found.push(...scanner.push(decoder.decode(chunk, { stream: true })));
  }
  found.push(...scanner.push(decoder.decode()), ...scanner.end());
  return { found, bytes };
}

/** Thrown while a file is read, to say why it was skipped. */
class SkipFile extends Error {
  /** Why. */
  readonly why: "unreadable" | "oversized" | "special";
  /** Creates the error. */
  constructor(why: "unreadable" | "oversized" | "special") {
    super(why);
    this.why = why;
  }
}

/** Files up to this size are read whole, in one read, by the byte scanner. */
export const WHOLE_FILE = 16 << 20;

/** One byte scanner per kinds list: its buffer is reused file after file. */
const BYTE_SCANNERS = new WeakMap<readonly ScanKind[], KeyBytesScanner>();

/**
 * Scans one file: read whole into the byte scanner's buffer when it is
 * small enough (synchronously: each async read waits on a thread pool
 * hop), else decoded and scanned in chunks.
 */
export async function scanFile(
  path: string,
  kinds: readonly ScanKind[],
  maxBytes: number,
): Promise<SourceResult> {
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch {
    return { skipped: "unreadable" };
  }
  try {
    const info = file.statSync();
    if (!info.isFile) return { skipped: "special" };
    if (info.size <= WHOLE_FILE) {
      const whole = scanWhole(file, info.size, kinds, maxBytes);
      if (whole !== undefined) return whole;
      file.seekSync(0, Deno.SeekMode.Start);
    }
    return await scanChunks(fileChunks(file, maxBytes), kinds);
  } catch (error) {
    if (error instanceof SkipFile) return { skipped: error.why };
    throw error;
  } finally {
    file.close();
  }
}

/**
 * Reads a file of `size` bytes in one piece and scans it, or answers
 * undefined when it has grown since (then it is read in chunks).
 */
function scanWhole(
  file: Deno.FsFile,
  size: number,
  kinds: readonly ScanKind[],
  maxBytes: number,
): SourceResult | undefined {
  let scanner = BYTE_SCANNERS.get(kinds);
  if (scanner === undefined) {
    scanner = new KeyBytesScanner(kinds);
    BYTE_SCANNERS.set(kinds, scanner);
  }
  // One byte more than the size, to see the end in the same read.
  const buffer = scanner.buffer(size + 1).subarray(0, size + 1);
  let total = 0;
  while (total < buffer.length) {
    let read: number | null;
    try {
      read = file.readSync(buffer.subarray(total));
    } catch {
      throw new SkipFile("unreadable");
    }
    if (read === null) break;
    total += read;
  }
  if (total === buffer.length) return undefined;
  if (total > maxBytes) throw new SkipFile("oversized");
  if (isBinary(buffer.subarray(0, total))) {
    return { skipped: "binary" };
  }
  return { found: scanner.scan(total), bytes: total };
}

/** Git's rule for a binary file: a NUL byte in its first 8000 bytes. */
function isBinary(start: Uint8Array): boolean {
  return start.subarray(0, 8000).includes(0);
}

/** An open regular file's bytes in chunks, at most `maxBytes` of them. */
function* fileChunks(
  file: Deno.FsFile,
  maxBytes: number,
): Generator<Uint8Array> {
  const buffer = new Uint8Array(CHUNK);
  let total = 0;
  while (true) {
    let read: number | null;
    try {
      read = file.readSync(buffer);
    } catch {
      throw new SkipFile("unreadable");
    }
    if (read === null) return;
    total += read;
    // The file grew after its size was checked.
    if (total > maxBytes) throw new SkipFile("oversized");
    // The consumer decodes each chunk before asking for the next one.
    yield buffer.subarray(0, read);
  }
}
