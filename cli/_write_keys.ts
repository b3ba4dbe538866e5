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
  UsageError,
  writeText,
  writeWarnings,
} from "./_message.ts";
import { Progress } from "./_progress.ts";
import { quoteForEnv } from "@keymint/core/faces";
import { ENV_NAME, envAssignment } from "./_dotenv.ts";
import { type WriteTarget, writeToEnvFile } from "./_output.ts";

/** How the keys are written. */
export interface WriteKeysOptions {
  /** One JSON document: an array of objects, one a line. */
  readonly json: boolean;
  /** Write `NAME=value` for this variable name instead of the bare key. */
  readonly env: string | undefined;
  /** `--write FILE`: set the `env` variable in a dotenv file instead. */
  readonly write?: WriteTarget | undefined;
  /** `--copy`: put the key on the clipboard instead. */
  readonly copy?: boolean | undefined;
  /** `-q`: no warnings or notes on stderr. */
  readonly quiet?: boolean | undefined;
}

/**
 * Checks the output options before any key is drawn.
 *
 * @param spec The validated key spec.
 * @param options The output options.
 * @throws {UsageError} For outputs that cannot go together, `--env`,
 * `--write` or `--copy` with more than one key, a variable name a shell
 * would not accept, or an alphabet no `.env` quoting is safe for.
 */
function checkWriteOptions(
  spec: KeySpec,
  options: WriteKeysOptions,
): void {
  const chosen = [
    options.json && "--json",
    options.copy && "--copy",
    options.write !== undefined && "--write",
    options.env !== undefined && options.write === undefined && "--env",
  ].filter((flag) => typeof flag === "string");
  if (chosen.length > 1) {
    throw new UsageError(
      `Cannot combine ${chosen[0]} and ${chosen[1]}: pick one output`,
    );
  }
  const single = options.copy
    ? "--copy"
    : options.write !== undefined
    ? "--write"
    : options.env !== undefined
    ? "--env"
    : undefined;
  if (single !== undefined && spec.count > 1) {
    throw new UsageError(
      `Cannot combine ${single} with --count above 1: ${
        single === "--copy" ? "the clipboard" : "a .env line"
      } holds one key`,
    );
  }
  if (options.write !== undefined && options.env === undefined) {
    throw new UsageError(
      "Cannot use --write without a variable name",
      "name it with --env NAME, as in: keymint --env SESSION_SECRET --write .env",
    );
  }
  if (options.env === undefined) return;
  if (!ENV_NAME.test(options.env)) {
    throw new UsageError(
      `Cannot use --env: ${
        quoteArgument(options.env)
      } is not a variable name (letters, digits and _, not starting with a digit)`,
    );
  }
  if (quoteForEnv(spec.alphabet) === undefined) {
    throw new UsageError(
      "Cannot use --env: the alphabet holds both kinds of quote, so no .env quoting is safe",
    );
  }
}

/**
 * Generates `spec.count` keys and writes them where `options` says. The
 * caller has already called {@linkcode checkWriteOptions}.
 *
 * @param spec The validated key spec.
 * @param io Where to write.
 * @param options The output options.
 */
async function writeKeys(
  spec: KeySpec,
  io: RunIo,
  options: WriteKeysOptions,
): Promise<void> {
  if (options.write !== undefined) {
    const value = createKeyGenerator(spec)();
    await writeToEnvFile(io, options.write, [{
      name: options.env!,
      value,
      characters: spec.alphabet,
    }], options.quiet);
  } else if (options.copy) {
    const { copyToClipboard } = await import("./_clipboard.ts");
    await copyToClipboard(io, createKeyGenerator(spec)(), options.quiet);
  } else if (options.env !== undefined) {
    const value = createKeyGenerator(spec)();
    await writeText(
      io.stdout,
      `${envAssignment(options.env, value, spec.alphabet)}\n`,
    );
  } else if (options.json) {
    await writeJson(spec, io, options);
  } else {
    await writePlain(spec, io, options);
  }
}

/**
 * What a key command does once its spec is parsed: checks the output
 * options, writes the spec's warnings (unless quiet), then the keys.
 *
 * @param spec The validated key spec.
 * @param io Where to write.
 * @param options The output options.
 * @throws {UsageError} As {@linkcode checkWriteOptions}, before any key is drawn.
 */
export async function emitKeys(
  spec: KeySpec,
  io: RunIo,
  options: WriteKeysOptions,
): Promise<void> {
  checkWriteOptions(spec, options);
  await writeWarnings(io, spec.warnings, options);
  await writeKeys(spec, io, options);
}

/** Streams the core's ready-made chunks of newline-ended keys. */
async function writePlain(
  spec: KeySpec,
  io: RunIo,
  options: WriteKeysOptions,
): Promise<void> {
  const progress = new Progress(io, spec.count, options.quiet);
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
async function writeJson(
  spec: KeySpec,
  io: RunIo,
  options: WriteKeysOptions,
): Promise<void> {
  const progress = new Progress(io, spec.count, options.quiet);
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
