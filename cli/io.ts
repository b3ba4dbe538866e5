/**
 * The streams and facts about the terminal that `run()` works with, and the
 * real ones from the Deno runtime.
 *
 * @module
 */

/** Somewhere to write bytes: stdout or stderr. */
export interface OutputSink {
  /**
   * Writes all of `chunk`, resolving once it has been taken (backpressure).
   * Rejects with {@linkcode OutputClosedError} when the reader went away.
   */
  write(chunk: Uint8Array): Promise<void>;
}

/** Everything `run()` needs from the outside world, so tests can pass fakes. */
export interface RunIo {
  /** Standard input, read only by the commands that take a key. */
  readonly stdin: ReadableStream<Uint8Array>;
  /** Standard output: data only. */
  readonly stdout: OutputSink;
  /** Standard error: messages, warnings, prompts and progress. */
  readonly stderr: OutputSink;
  /** Whether stdin is a terminal (a key is then prompted for, unechoed). */
  readonly stdinIsTerminal: boolean;
  /** Whether stdout is a terminal (no progress line is shown then). */
  readonly stdoutIsTerminal: boolean;
  /** Whether stderr is a terminal (colour and progress need one). */
  readonly stderrIsTerminal: boolean;
  /** Reads an environment variable; `undefined` when unset or not allowed. */
  env(name: string): string | undefined;
  /** Switches terminal echo and line editing off (`true`) or back on. */
  setStdinRaw(raw: boolean): void;
  /** A monotonic clock in milliseconds, for the progress line. */
  now(): number;
}

/** Which standard stream a write went to. */
export type StreamName = "stdout" | "stderr";

/**
 * Thrown by an {@linkcode OutputSink} when its reader has closed the pipe,
 * as `head -1` does. `run()` then stops at once: exit 0 for stdout (the
 * reader has what it wanted), 1 for stderr.
 */
export class OutputClosedError extends Error {
  /** The stream that was closed. */
  readonly stream: StreamName;

  /** Creates the error for `stream` (stdout unless told). */
  constructor(stream: StreamName = "stdout") {
    super(`Cannot write: the ${stream} was closed`);
    this.name = "OutputClosedError";
    this.stream = stream;
  }
}

/**
 * Thrown by an {@linkcode OutputSink} for any other write error: no space
 * left (`> /dev/full`), a bad descriptor (`>&-`), an I/O error. `run()`
 * then writes one `keymint: cannot write to <stream>: <reason>` line on
 * stderr, if stderr still works, and exits 1.
 */
export class OutputFailedError extends Error {
  /** The stream that failed. */
  readonly stream: StreamName;
  /** What went wrong, in a few lower-case words (`no space left on device`). */
  readonly reason: string;

  /** Creates the error for `stream` with its `reason`. */
  constructor(stream: StreamName, reason: string) {
    super(`cannot write to ${stream}: ${reason}`);
    this.name = "OutputFailedError";
    this.stream = stream;
    this.reason = reason;
  }
}

/**
 * Thrown when the user presses Ctrl-C at a key prompt (the terminal is in
 * raw mode then, so no signal arrives). `run()` then exits 130.
 */
export class PromptInterrupted extends Error {
  /** Creates the error. */
  constructor() {
    super("Cannot read the key: interrupted");
    this.name = "PromptInterrupted";
  }
}

/**
 * The real standard streams of the running Deno process.
 *
 * Reading `NO_COLOR` needs no permission flag: without `--allow-env` it is
 * treated as unset instead of prompting.
 *
 * @returns A {@linkcode RunIo} backed by `Deno.stdin`, `Deno.stdout` and
 * `Deno.stderr`.
 */
export function denoIo(): RunIo {
  return {
    get stdin() {
      return Deno.stdin.readable;
    },
    stdout: sinkFor(Deno.stdout, "stdout"),
    stderr: sinkFor(Deno.stderr, "stderr"),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stdoutIsTerminal: Deno.stdout.isTerminal(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
    env(name) {
      const status = Deno.permissions.querySync({
        name: "env",
        variable: name,
      });
      return status.state === "granted" ? Deno.env.get(name) : undefined;
    },
    setStdinRaw(raw) {
      Deno.stdin.setRaw(raw);
    },
    now: () => performance.now(),
  };
}

function sinkFor(
  file: { write(p: Uint8Array): Promise<number> },
  stream: StreamName,
): OutputSink {
  return {
    async write(chunk) {
      try {
        let offset = 0;
        while (offset < chunk.length) {
          offset += await file.write(chunk.subarray(offset));
        }
      } catch (error) {
        if (error instanceof Deno.errors.BrokenPipe) {
          throw new OutputClosedError(stream);
        }
        throw new OutputFailedError(stream, writeReason(error));
      }
    },
  };
}

/**
 * The operating system's words for a write error, without the error
 * number: `No space left on device (os error 28)` becomes
 * `no space left on device`.
 */
export function writeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const end = message.indexOf(" (os error");
  const words = (end === -1 ? message : message.slice(0, end)).slice(0, 80);
  return words === ""
    ? "unknown error"
    : words[0]!.toLowerCase() + words.slice(1);
}
