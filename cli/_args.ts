/**
 * Flag parsing for every command: `parseArgs` from `node:util` in strict
 * mode, with errors rewritten as keymint usage errors.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { didYouMean } from "@keymint/core/faces";
import { quoteArgument, UsageError } from "./_message.ts";

/** One flag a command accepts. */
export interface FlagSpec {
  /** `string` flags take a value, `boolean` flags do not. */
  readonly type: "string" | "boolean";
  /** A one-letter alias, as in `-n`. */
  readonly short?: string;
}

/** The flags of one command, by long name. */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** Flags and positional arguments, as the user typed them. */
export interface ParsedFlags {
  /** String flags map to their value, boolean flags to `true`. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** The arguments that are not flags, in order. */
  readonly positionals: readonly string[];
}

/** How to parse. */
export interface ParseFlagsOptions {
  /**
   * Whether an unknown flag may be quoted back in the error. Commands that
   * read a key switch this off: a key pasted as an argument must not be
   * echoed.
   *
   * @default {true}
   */
  readonly quoteUnknown?: boolean;
}

/**
 * Parses `args` against `flags`.
 *
 * A value that starts with a dash and a digit is taken as a (negative)
 * number, so `--bits -5` reaches the validator instead of failing as a
 * missing value.
 *
 * @param args The arguments after the command name.
 * @param flags The flags the command accepts.
 * @param options How to report unknown flags.
 * @returns The parsed flags and positional arguments.
 * @throws {UsageError} For an unknown flag, a missing or unwanted value, or a
 * flag given twice.
 */
export function parseFlags(
  args: readonly string[],
  flags: FlagTable,
  options: ParseFlagsOptions = {},
): ParsedFlags {
  const joined = joinNegativeValues(args, flags);
  let parsed;
  try {
    parsed = parseArgs({
      args: joined,
      options: flags,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    throw rewriteParseError(error, flags, options.quoteUnknown ?? true);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue;
    if (seen.has(token.name)) {
      throw new UsageError(
        `Cannot parse arguments: --${token.name} is given more than once`,
      );
    }
    seen.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** Rewrites `--bits -5` and `-b -5` as `--bits=-5`. */
function joinNegativeValues(
  args: readonly string[],
  flags: FlagTable,
): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      joined.push(...args.slice(i));
      break;
    }
    const name = stringFlagName(arg, flags);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`--${name}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function stringFlagName(arg: string, flags: FlagTable): string | undefined {
  for (const [name, spec] of Object.entries(flags)) {
    if (spec.type !== "string") continue;
    if (arg === `--${name}` || (spec.short && arg === `-${spec.short}`)) {
      return name;
    }
  }
  return undefined;
}

function rewriteParseError(
  error: unknown,
  flags: FlagTable,
  quoteUnknown: boolean,
): unknown {
  if (!(error instanceof TypeError) || !("code" in error)) return error;
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  const name = /--([\w-]+)/.exec(quoted)?.[1] ?? quoted;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      if (!quoteUnknown) {
        return new UsageError("Cannot parse arguments: unknown flag");
      }
      const flag = quoted.split("=")[0]!;
      const known = Object.keys(flags).map((long) => `--${long}`);
      return new UsageError(
        `Cannot parse arguments: unknown flag ${quoteArgument(flag)}${
          didYouMean(flag, known)
        }`,
      );
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return flags[name]?.type === "boolean"
        ? new UsageError(`Cannot parse arguments: --${name} takes no value`)
        : new UsageError(`Cannot parse arguments: --${name} needs a value`);
    default:
      return new UsageError(`Cannot parse arguments: ${error.message}`);
  }
}
