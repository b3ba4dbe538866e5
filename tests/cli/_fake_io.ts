/**
 * A fake {@linkcode RunIo} that records what a command writes.
 *
 * @module
 */

import { OutputClosedError, type RunIo } from "../../cli/io.ts";

/** How the fake world looks. */
export interface FakeIoOptions {
  /** What stdin holds: text, bytes, or chunks delivered one read at a time. */
  stdin?: string | Uint8Array | readonly (string | Uint8Array)[];
  stdinIsTerminal?: boolean;
  stdoutIsTerminal?: boolean;
  stderrIsTerminal?: boolean;
  env?: Record<string, string>;
  /** Times returned by successive `now()` calls; the last one repeats. */
  clock?: readonly number[];
  /** Close stdout (as `head -c N` does) once this many bytes were taken. */
  stdoutClosesAfter?: number;
}

/** A fake io and what was done with it. */
export interface FakeIo {
  io: RunIo;
  /** Everything written to stdout so far, decoded. */
  stdout(): string;
  /** Everything written to stderr so far, decoded. */
  stderr(): string;
  /** Bytes written to stdout. */
  stdoutBytes(): number;
  /** Number of write calls on stdout. */
  stdoutWrites(): number;
  /** The `setStdinRaw` calls, in order. */
  rawCalls: boolean[];
  /** How many bytes of stdin were read. */
  stdinBytesRead(): number;
}

const encoder = new TextEncoder();

/** Builds a fake io. */
export function fakeIo(options: FakeIoOptions = {}): FakeIo {
  const input = options.stdin ?? "";
  const chunks = (Array.isArray(input) ? input : [input]).map((part) =>
    typeof part === "string" ? encoder.encode(part) : part
  );
  let read = 0;
  const stdin = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) {
        controller.close();
      } else {
        read += next.length;
        controller.enqueue(next);
      }
    },
  }, { highWaterMark: 0 });
  const out: Uint8Array[] = [];
  const err: Uint8Array[] = [];
  let outBytes = 0;
  let outWrites = 0;
  const clock = [...(options.clock ?? [0])];
  const rawCalls: boolean[] = [];
  const io: RunIo = {
    stdin,
    stdout: {
      write(chunk) {
        if (
          options.stdoutClosesAfter !== undefined &&
          outBytes >= options.stdoutClosesAfter
        ) {
          return Promise.reject(new OutputClosedError());
        }
        outWrites++;
        outBytes += chunk.length;
        // Keep only the start of big outputs: tests look at lines, not GBs.
        if (outBytes < 4 * 1024 * 1024) out.push(chunk.slice());
        return Promise.resolve();
      },
    },
    stderr: {
      write(chunk) {
        err.push(chunk.slice());
        return Promise.resolve();
      },
    },
    stdinIsTerminal: options.stdinIsTerminal ?? false,
    stdoutIsTerminal: options.stdoutIsTerminal ?? false,
    stderrIsTerminal: options.stderrIsTerminal ?? false,
    env: (name) => options.env?.[name],
    setStdinRaw: (raw) => void rawCalls.push(raw),
    now: () => clock.length > 1 ? clock.shift()! : clock[0]!,
  };
  const decode = (parts: Uint8Array[]) => {
    const decoder = new TextDecoder();
    return parts.map((part) => decoder.decode(part, { stream: true })).join(
      "",
    ) + decoder.decode();
  };
  return {
    io,
    stdout: () => decode(out),
    stderr: () => decode(err),
    stdoutBytes: () => outBytes,
    stdoutWrites: () => outWrites,
    rawCalls,
    stdinBytesRead: () => read,
  };
}
