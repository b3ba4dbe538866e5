/**
 * The keymint command line as a library: {@linkcode run} takes the
 * arguments and the streams and returns the exit code, so the whole CLI can
 * be driven in-process (tests, other tools). To run the CLI itself:
 * `deno run jsr:@keymint/cli`.
 *
 * @example Generate into a buffer
 * ```ts
 * import { run, type RunIo } from "@keymint/cli/mod";
 * import assert from "node:assert/strict";
 *
 * const out: Uint8Array[] = [];
 * const io: RunIo = {
 *   stdin: new ReadableStream(),
 *   stdout: { write: async (chunk) => void out.push(chunk.slice()) },
 *   stderr: { write: async () => {} },
 *   stdinIsTerminal: false,
 *   stdoutIsTerminal: false,
 *   stderrIsTerminal: false,
 *   env: () => undefined,
 *   setStdinRaw: () => {},
 *   now: () => performance.now(),
 * };
 * assert.equal(await run(["-n", "2"], io), 0);
 * const text = out.map((chunk) => new TextDecoder().decode(chunk)).join("");
 * assert.match(text, /^([0-9a-f]{64}\n){2}$/);
 * ```
 *
 * @module
 */

export { run } from "./run.ts";
export {
  denoIo,
  OutputClosedError,
  OutputFailedError,
  type OutputSink,
  PromptInterrupted,
  type RunIo,
  type StreamName,
} from "./io.ts";
export { VERSION } from "./version.ts";
