/**
 * A small in-memory {@linkcode RunIo} for driving the CLI's `run()` with
 * arbitrary input: stdin from bytes, stdout and stderr captured, and stdout
 * closed after a cap (as `| head -c N` would), so that a fuzzed
 * `--count 16384 --bits 8192` ends quickly instead of writing megabytes.
 *
 * @module
 */

import { OutputClosedError, type RunIo } from "../../cli/io.ts";

/** What a run wrote. */
export interface Captured {
  io: RunIo;
  stdout(): Uint8Array;
  stderr(): string;
}

/** Bytes stdout takes before it reports itself closed. */
export const STDOUT_CAP = 64 * 1024;

/**
 * Builds a non-terminal io with `stdin` as its input.
 *
 * @param stdin What stdin holds.
 * @returns The io and readers for what was written.
 */
export function captureIo(stdin: Uint8Array | string = ""): Captured {
  const input = typeof stdin === "string"
    ? new TextEncoder().encode(stdin)
    : stdin;
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  let outBytes = 0;
  let sent = false;
  const io: RunIo = {
    stdin: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent && input.length > 0) controller.enqueue(input);
        sent = true;
        controller.close();
      },
    }),
    stdout: {
      write(chunk) {
        if (outBytes >= STDOUT_CAP) {
          return Promise.reject(new OutputClosedError());
        }
        outBytes += chunk.length;
        out.push(chunk.slice());
        return Promise.resolve();
      },
    },
    stderr: {
      write(chunk) {
        err.push(chunk.slice());
        return Promise.resolve();
      },
    },
    stdinIsTerminal: false,
    stdoutIsTerminal: false,
    stderrIsTerminal: false,
    env: () => undefined,
    setStdinRaw: () => {},
    now: () => 0,
  };
  const join = (parts: Uint8Array[]) => {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      all.set(part, offset);
      offset += part.length;
    }
    return all;
  };
  return {
    io,
    stdout: () => join(out),
    stderr: () => new TextDecoder().decode(join(err)),
  };
}
