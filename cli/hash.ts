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
import { flagHelp } from "./_help.ts";
import { writeJson } from "./_output.ts";
import { readKey } from "./_stdin.ts";
import { refuseKeyArguments } from "./_key_arguments.ts";

const FLAGS = {
  json: { type: "boolean", summary: 'one JSON object {"hash"}' },
} as const satisfies FlagTable;

/** The hash command. */
export const hashCommand: Command = {
  help: `keymint hash: the SHA-256 of a key, as 64 hex characters

Reads the key from stdin (never from an argument: arguments land in shell
history); one trailing newline is dropped, so echo and printf agree. At a
terminal it asks for the key without echoing it. Every other byte counts:
a leading byte-order mark (EF BB BF, as some Windows editors save) is
hashed as part of the key, so save key files without one.

A random key of 128 bits or more needs no salt and no slow password hash:
store this digest and compare with keymint verify.

Usage:
  keymint hash [--json]

Flags:
${flagHelp(FLAGS)}
Examples:
  printf %s "$API_KEY" | keymint hash
  keymint hash < key.txt
  keymint hash            (prompts: Key (hidden):)
`,
  flags: FLAGS,
  run: hash,
};

async function hash(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  refuseKeyArguments("hash", positionals, 0);
  const digest = await hashKey(await readKey(io, "hash"));
  if (values.json) await writeJson(io, { hash: digest });
  else await writeText(io.stdout, `${digest}\n`);
  return 0;
}
