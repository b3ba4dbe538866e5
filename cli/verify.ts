/**
 * `keymint verify HASH`: does the key on stdin hash to HASH?
 *
 * @module
 */

import { parseKeyHash, verifyKey } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { UsageError, writeText } from "./_message.ts";
import { readKey } from "./_stdin.ts";
import { refuseKeyArguments } from "./_key_arguments.ts";

const FLAGS = {} as const satisfies FlagTable;

/** The verify command. */
export const verifyCommand: Command = {
  help: `keymint verify: check a key against a stored SHA-256 hash

Reads the key from stdin (never from an argument), hashes it and compares
the result with HASH in constant time. Prints nothing on a match; on a
mismatch, one line on stderr.

Usage:
  keymint verify HASH      HASH: the 64 hex characters keymint hash printed

Exit codes: 0 match, 1 mismatch, 2 usage error (such as a malformed HASH).

Examples:
  printf %s "$API_KEY" | keymint verify "$STORED_HASH" && echo ok
  keymint verify "$STORED_HASH"     (prompts: Key (hidden):)
`,
  run: verify,
};

async function verify(args: readonly string[], io: RunIo): Promise<number> {
  const { positionals } = parseFlags(args, FLAGS);
  const hash = positionals[0];
  if (hash === undefined) {
    throw new UsageError("Cannot verify: the HASH argument is missing");
  }
  refuseKeyArguments("verify", positionals, 1);
  // A malformed HASH is refused before anyone is asked for a key.
  parseKeyHash(hash);
  const key = await readKey(io, "verify");
  if (await verifyKey(key, hash)) return 0;
  await writeText(io.stderr, "keymint: the key does not match the hash\n");
  return 1;
}
