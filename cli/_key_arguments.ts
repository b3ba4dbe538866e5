/**
 * The guard for commands that read a key from stdin.
 *
 * @module
 */

import { UsageError } from "./_message.ts";

/**
 * Refuses positional arguments beyond the `expected` ones, without quoting
 * them: a stray argument to `hash`, `verify` or `inspect` is most likely the
 * key itself.
 *
 * @param command The command name, for the message.
 * @param positionals The positional arguments given.
 * @param expected How many the command takes.
 * @throws {UsageError} When there are more.
 */
export function refuseKeyArguments(
  command: string,
  positionals: readonly string[],
  expected: number,
): void {
  if (positionals.length <= expected) return;
  throw new UsageError(
    `Cannot take the key as an argument: ${command} reads it from stdin, so it stays out of shell history`,
    `pipe the key in, as in: printf %s "$KEY" | keymint ${command}${
      command === "verify" ? " HASH" : ""
    }`,
  );
}
