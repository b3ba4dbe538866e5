/**
 * Writes generated keys to stdout: plain lines, one JSON array, or one
 * `NAME=value` line, streaming with constant memory however many there are.
 *
 * @module
 */

import {
  createKeyGenerator,
  describeKey,
  keyChunks,
  type KeySpec,
} from "@keymint/core/keys";
import type { RunIo } from "./io.ts";
import {
  quoteArgument,
  stderrIsLively,
  UsageError,
  writeText,
} from "./_message.ts";

/** How the keys are written. */
export interface WriteKeysOptions {
  /** One JSON document: an array of objects, one a line. */
  readonly json: boolean;
  /** Write `NAME=value` for this variable name instead of the bare key. */
  readonly env: string | undefined;
}

/**
 * Checks the output options before any key is drawn.
 *
 * @param spec The validated key spec.
 * @param options The output options.
 * @throws {UsageError} For `--json` with `--env`, `--env` with more than one
 * key, or a variable name a shell would not accept.
 */
export function checkWriteOptions(
  spec: KeySpec,
  options: WriteKeysOptions,
): void {
  if (options.env === undefined) return;
  if (options.json) {
    throw new UsageError("Cannot combine --json and --env: pick one output");
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.env)) {
    throw new UsageError(
      `Cannot use --env: ${
        quoteArgument(options.env)
      } is not a variable name (letters, digits and _, not starting with a digit)`,
    );
  }
  if (spec.count > 1) {
    throw new UsageError(
      "Cannot combine --env with --count above 1: a .env line holds one key",
    );
  }
  if (quoteForEnv(spec.alphabet) === undefined) {
    throw new UsageError(
      "Cannot use --env: the alphabet holds both kinds of quote, so no .env quoting is safe",
    );
  }
}

/**
 * Generates `spec.count` keys and writes them to stdout. The caller has
 * already called {@linkcode checkWriteOptions}.
 *
 * @param spec The validated key spec.
 * @param io Where to write.
 * @param options The output options.
 */
export async function writeKeys(
  spec: KeySpec,
  io: RunIo,
  options: WriteKeysOptions,
): Promise<void> {
  if (options.env !== undefined) {
    const value = createKeyGenerator(spec)();
    const quote = quoteForEnv(spec.alphabet + value) ?? "";
    await writeText(io.stdout, `${options.env}=${quote}${value}${quote}\n`);
  } else if (options.json) {
    await writeJson(spec, io);
  } else {
    await writePlain(spec, io);
  }
}

/** Streams the core's ready-made chunks of newline-ended keys. */
async function writePlain(spec: KeySpec, io: RunIo): Promise<void> {
  const progress = new Progress(io, spec.count);
  const lineBytes = spec.length + 1;
  let written = 0;
  // Each write completes before the next chunk is asked for, so one output
  // buffer serves the whole run and memory stays flat.
  for (const chunk of keyChunks(spec, { reuse: true })) {
    await io.stdout.write(chunk);
    written += chunk.length;
    await progress.update(Math.floor(written / lineBytes));
  }
  await progress.done();
}

/** Target size of one write of JSON text. */
const JSON_CHUNK_CHARACTERS = 64 * 1024;

/**
 * Streams `[`, then one object a line separated by `,`, then `]`, so a
 * billion keys are still one JSON document and memory stays flat.
 */
async function writeJson(spec: KeySpec, io: RunIo): Promise<void> {
  const progress = new Progress(io, spec.count);
  const next = createKeyGenerator(spec);
  let buffer = "[\n";
  for (let i = 0; i < spec.count; i++) {
    buffer += JSON.stringify(describeKey(spec, next()));
    buffer += i + 1 < spec.count ? ",\n" : "\n]\n";
    if (buffer.length >= JSON_CHUNK_CHARACTERS) {
      await writeText(io.stdout, buffer);
      buffer = "";
      await progress.update(i + 1);
    }
  }
  if (buffer.length > 0) await writeText(io.stdout, buffer);
  await progress.done();
}

/**
 * The quote a `.env` line needs for values drawn from `characters`: none
 * for plain ones, `'` when shells or dotenv parsers would read something
 * into them, `"` if `'` itself occurs, `undefined` when neither is safe.
 */
function quoteForEnv(characters: string): string | undefined {
  if (/^[A-Za-z0-9_+\/=:.,@%-]*$/.test(characters)) return "";
  if (!characters.includes("'")) return "'";
  if (!/["$`\\!]/.test(characters)) return '"';
  return undefined;
}

/** How long a run goes before the progress line appears, in milliseconds. */
const PROGRESS_DELAY = 1000;
/** How often the progress line is redrawn, in milliseconds. */
const PROGRESS_INTERVAL = 200;

/**
 * A progress line on stderr for long runs whose output goes to a file or
 * pipe while a person watches the terminal.
 */
class Progress {
  readonly #io: RunIo;
  readonly #total: number;
  readonly #enabled: boolean;
  readonly #started: number;
  #lastDrawn = -Infinity;
  #shown = false;

  constructor(io: RunIo, total: number) {
    this.#io = io;
    this.#total = total;
    this.#enabled = !io.stdoutIsTerminal && stderrIsLively(io);
    this.#started = this.#enabled ? io.now() : 0;
  }

  async update(done: number): Promise<void> {
    if (!this.#enabled) return;
    const now = this.#io.now();
    if (now - this.#started < PROGRESS_DELAY) return;
    if (now - this.#lastDrawn < PROGRESS_INTERVAL) return;
    this.#lastDrawn = now;
    this.#shown = true;
    const percent = Math.floor((done / this.#total) * 100);
    const seconds = ((now - this.#started) / 1000).toFixed(1);
    await writeText(
      this.#io.stderr,
      `\r\x1b[Kkeymint: ${done.toLocaleString("en-US")} of ${
        this.#total.toLocaleString("en-US")
      } keys (${percent}%), ${seconds} s`,
    );
  }

  async done(): Promise<void> {
    if (this.#shown) await writeText(this.#io.stderr, "\r\x1b[K");
  }
}
