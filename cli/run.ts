/**
 * `run(args, io)`: the whole command line as a function that returns an
 * exit code.
 *
 * @module
 */

import type { Command, CommandEntry } from "./command.ts";
import { OutputClosedError, PromptInterrupted, type RunIo } from "./io.ts";
import {
  quoteArgument,
  UsageError,
  writeText,
  writeUsageError,
} from "./_message.ts";
import { VERSION } from "./version.ts";
import { generateCommand } from "./generate.ts";

/**
 * The subcommands, each loaded only when it runs. A new one is one line:
 * its summary for `keymint --help` and the import of its {@linkcode Command}.
 */
const COMMANDS: ReadonlyMap<string, CommandEntry> = new Map([
  ["preset", {
    summary: "a secret in the exact format a framework expects",
    load: async () => (await import("./preset.ts")).presetCommand,
  }],
  ["pair", {
    summary: "a key id, a secret and the hash to store",
    load: async () => (await import("./pair.ts")).pairCommand,
  }],
  ["hash", {
    summary: "the SHA-256 of a key on stdin",
    load: async () => (await import("./hash.ts")).hashCommand,
  }],
  ["verify", {
    summary: "check a key on stdin against a hash (exit 0 or 1)",
    load: async () => (await import("./verify.ts")).verifyCommand,
  }],
  ["inspect", {
    summary: "what a key on stdin is made of, and its weaknesses",
    load: async () => (await import("./inspect.ts")).inspectCommand,
  }],
  ["webhook", {
    summary: "sign a webhook delivery, or check its signature (exit 0 or 1)",
    load: async () => (await import("./webhook.ts")).webhookCommand,
  }],
]);

/**
 * Runs keymint on `args` (without the program name) and returns the exit
 * code: 0 success, 1 failure (a verify mismatch), 2 usage error, 130 when
 * Ctrl-C ends a key prompt. A usage error writes two lines to stderr,
 * `keymint: <what is wrong>` and `hint: <what to do>`, and nothing to
 * stdout. A closed stdout (as with `| head -1`) ends the run quietly with 0.
 *
 * @param args The command line arguments, as in `Deno.args`.
 * @param io The streams and terminal facts to use.
 * @returns The exit code.
 * @throws Whatever is not a usage error: that is a bug.
 *
 * @example One key into a buffer
 * ```ts
 * import { run, type RunIo } from "@keymint/cli/mod";
 * import assert from "node:assert/strict";
 *
 * const chunks: Uint8Array[] = [];
 * const io: RunIo = {
 *   stdin: new ReadableStream(),
 *   stdout: { write: async (chunk) => void chunks.push(chunk.slice()) },
 *   stderr: { write: async () => {} },
 *   stdinIsTerminal: false,
 *   stdoutIsTerminal: false,
 *   stderrIsTerminal: false,
 *   env: () => undefined,
 *   setStdinRaw: () => {},
 *   now: () => performance.now(),
 * };
 * assert.equal(await run(["base64url", "--bits", "128"], io), 0);
 * const text = chunks.map((c) => new TextDecoder().decode(c)).join("");
 * assert.match(text, /^[A-Za-z0-9_-]{22}\n$/);
 * ```
 */
export async function run(
  args: readonly string[],
  io: RunIo,
): Promise<number> {
  const [first, ...rest] = args;
  const entry = first === undefined ? undefined : COMMANDS.get(first);
  const name = entry === undefined ? undefined : first;
  try {
    if (first === "help") return await help(rest, io);
    const commandArgs = entry === undefined ? args : rest;
    if (entry === undefined && beforeDashes(args).includes("--version")) {
      await writeText(io.stdout, `keymint ${VERSION}\n`);
      return 0;
    }
    const command = entry === undefined ? defaultCommand() : await entry.load();
    if (wantsHelp(commandArgs)) {
      await writeText(io.stdout, command.help);
      return 0;
    }
    return await command.run(commandArgs, io);
  } catch (error) {
    return await exitCodeFor(error, io, name);
  }
}

async function exitCodeFor(
  error: unknown,
  io: RunIo,
  command: string | undefined,
): Promise<number> {
  if (error instanceof OutputClosedError) return 0;
  if (error instanceof PromptInterrupted) return 130;
  if (
    error instanceof TypeError || error instanceof RangeError ||
    error instanceof SyntaxError
  ) {
    const hint = error instanceof UsageError && error.hint !== undefined
      ? error.hint
      : `run "keymint ${
        command === undefined ? "" : command + " "
      }--help" for usage`;
    try {
      await writeUsageError(io, error.message, hint);
    } catch (writeError) {
      if (!(writeError instanceof OutputClosedError)) throw writeError;
    }
    return 2;
  }
  throw error;
}

/**
 * The default command is imported statically: a dynamic import costs about
 * a millisecond at start, and a bare `keymint` is the call that must start
 * as fast as `openssl rand`.
 */
function defaultCommand(): Command {
  return generateCommand(COMMANDS);
}

/** `keymint help [COMMAND]`: the same as `keymint [COMMAND] --help`. */
async function help(args: readonly string[], io: RunIo): Promise<number> {
  const [topic, ...extra] = args;
  if (extra.length > 0) {
    throw new UsageError("Cannot show help: name at most one command");
  }
  const entry = topic === undefined ? undefined : COMMANDS.get(topic);
  if (topic !== undefined && entry === undefined) {
    const { didYouMean } = await import("@keymint/core/faces");
    throw new UsageError(
      `Cannot show help: unknown command ${quoteArgument(topic)}${
        didYouMean(topic, [...COMMANDS.keys()])
      }`,
    );
  }
  const command = entry === undefined ? defaultCommand() : await entry.load();
  await writeText(io.stdout, command.help);
  return 0;
}

function beforeDashes(args: readonly string[]): readonly string[] {
  const end = args.indexOf("--");
  return end === -1 ? args : args.slice(0, end);
}

function wantsHelp(args: readonly string[]): boolean {
  const flags = beforeDashes(args);
  return flags.includes("--help") || flags.includes("-h");
}
