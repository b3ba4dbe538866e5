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

/**
 * Thrown by an {@linkcode OutputSink} when its reader has closed the pipe,
 * as `head -1` does. `run()` then stops at once and exits 0.
 */
export class OutputClosedError extends Error {
  /** Creates the error. */
  constructor() {
    super("Cannot write: the output was closed");
    this.name = "OutputClosedError";
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
    stdout: sinkFor(Deno.stdout),
    stderr: sinkFor(Deno.stderr),
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

function sinkFor(file: { write(p: Uint8Array): Promise<number> }): OutputSink {
  return {
    async write(chunk) {
      try {
        let offset = 0;
        while (offset < chunk.length) {
          offset += await file.write(chunk.subarray(offset));
        }
      } catch (error) {
        if (error instanceof Deno.errors.BrokenPipe) {
          throw new OutputClosedError();
        }
        throw error;
      }
    },
  };
}
