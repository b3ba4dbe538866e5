/**
 * Scanning one source's bytes: the part the main thread and the scan
 * workers share.
 *
 * @module
 */

import { KeyScanner, type RawFinding, type ScanKind } from "@keymint/core";

/** What scanning one source gave. */
export type SourceResult =
  | { readonly found: RawFinding[]; readonly bytes: number }
  | { readonly skipped: "binary" | "unreadable" | "oversized" | "special" };

/**
 * Bytes read at a time: most source files fit in one read, so the scanner
 * sees them whole and counts lines only up to the keys it finds.
 */
export const CHUNK = 4 << 20;

/**
 * Decodes chunks as UTF-8 (invalid bytes become U+FFFD, so keys around
 * them are still found) and scans them; a NUL byte in the first 8000 bytes
 * (git's test) marks the source binary.
 */
export async function scanChunks(
  chunks: AsyncIterable<Uint8Array>,
  kinds: readonly ScanKind[],
): Promise<SourceResult> {
  const scanner = new KeyScanner(kinds);
  const decoder = new TextDecoder();
  const found: RawFinding[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    if (bytes === 0 && chunk.subarray(0, 8000).includes(0)) {
      return { skipped: "binary" };
    }
    bytes += chunk.length;
    found.push(...scanner.push(decoder.decode(chunk, { stream: true })));
  }
  found.push(...scanner.push(decoder.decode()), ...scanner.end());
  return { found, bytes };
}

/** Thrown by {@linkcode readFileChunks} to say why a file was skipped. */
export class SkipFile extends Error {
  /** Why. */
  readonly why: "unreadable" | "oversized" | "special";
  /** Creates the error. */
  constructor(why: "unreadable" | "oversized" | "special") {
    super(why);
    this.why = why;
  }
}

/** A regular file's bytes in chunks, at most `maxBytes` of them. */
export async function* readFileChunks(
  path: string,
  maxBytes: number,
): AsyncGenerator<Uint8Array> {
  // Synchronous reads: each async read waits on a thread pool hop, and a
  // profile of a 100 MB scan showed the main thread idle for a third of it.
  let file: Deno.FsFile;
  try {
    file = Deno.openSync(path, { read: true });
  } catch {
    throw new SkipFile("unreadable");
  }
  try {
    const info = file.statSync();
    if (!info.isFile) throw new SkipFile("special");
    // One byte more than the size, so that a whole file takes one read.
    const buffer = new Uint8Array(Math.min(CHUNK, info.size + 1));
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
  } finally {
    file.close();
  }
}

/** Scans one file, turning a skip into a result. */
export async function scanFile(
  path: string,
  kinds: readonly ScanKind[],
  maxBytes: number,
): Promise<SourceResult> {
  try {
    return await scanChunks(readFileChunks(path, maxBytes), kinds);
  } catch (error) {
    if (error instanceof SkipFile) return { skipped: error.why };
    throw error;
  }
}
