/**
 * `keymint hash`: the SHA-256 hex of a key read from stdin.
 *
 * @module
 */

import { hashKey } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { writeText } from "./_message.ts";
import { readKey } from "./_stdin.ts";
import { refuseKeyArguments } from "./_key_arguments.ts";

const FLAGS = {
  json: { type: "boolean" },
} as const satisfies FlagTable;

/** The hash command. */
export const hashCommand: Command = {
  help: `keymint hash: the SHA-256 of a key, as 64 hex characters

Reads the key from stdin (never from an argument: arguments land in shell
history); one trailing newline is dropped, so echo and printf agree. At a
terminal it asks for the key without echoing it.

A random key of 128 bits or more needs no salt and no slow password hash:
store this digest and compare with keymint verify.

Usage:
  keymint hash [--json]

Flags:
  --json   one JSON object {"hash"}

Examples:
  printf %s "$API_KEY" | keymint hash
  keymint hash < key.txt
  keymint hash            (prompts: Key (hidden):)
`,
  run: hash,
};

async function hash(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  refuseKeyArguments("hash", positionals, 0);
  const digest = await hashKey(await readKey(io, "hash"));
  await writeText(
    io.stdout,
    values.json
      ? JSON.stringify({ hash: digest }, null, 2) + "\n"
      : `${digest}\n`,
  );
  return 0;
}
