/**
 * Flag parsing for every command: `parseArgs` from `node:util` in strict
 * mode, driven by a typed table, with errors rewritten as keymint usage
 * errors.
 *
 * A command declares its flags once, `as const satisfies FlagTable`, and
 * the values come out typed: a `string` flag as `string | undefined`, a
 * `boolean` one as `boolean | undefined`, and a `multiple: true` flag as an
 * array. The same table feeds the help text, the shell completions and the
 * man page.
 *
 * ```ts ignore
 * const FLAGS = {
 *   ...JSON_FLAG,
 *   header: { type: "string", multiple: true, placeholder: "\"N: v\"",
 *             summary: "a header as received (repeat)" },
 * } as const satisfies FlagTable;
 * const { values } = parseFlags(args, FLAGS);
 * values.header; // readonly string[] | undefined
 * values.json;   // boolean | undefined
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { didYouMean } from "@keymint/core/keys";
import { type Argv, scanArgv } from "./_argv.ts";
import { quoteArgument, UsageError } from "./_message.ts";

/** One flag a command accepts. */
export interface FlagSpec {
  /** `string` flags take a value, `boolean` flags do not. */
  readonly type: "string" | "boolean";
  /** A one-letter alias, as in `-n`. */
  readonly short?: string;
  /** The flag may be given more than once; its value is then an array. */
  readonly multiple?: boolean;
  /**
   * A `string` flag whose value may be left out: it takes the next argument
   * only when that matches this pattern, and is `""` when alone (as
   * `preset laravel --env`).
   */
  readonly optionalValue?: RegExp;
  /** The value's name in the help, as `N` in `--count N`. */
  readonly placeholder?: string;
  /** One line (or a few, joined by `\n`) for the help and the man page. */
  readonly summary?: string;
  /** What the shell completes the value from: files, or a fixed list. */
  readonly complete?: "file" | readonly string[];
}

/** The flags of one command, by long name. */
export type FlagTable = { readonly [name: string]: FlagSpec };

/** The value type of one flag spec. */
type ValueOf<S extends FlagSpec> = S extends { readonly type: "boolean" }
  ? boolean
  : string;

/** The parsed values of a table: typed from its `as const` declaration. */
export type FlagValues<T extends FlagTable> = {
  readonly [K in keyof T]?: T[K] extends { readonly multiple: true }
    ? readonly ValueOf<T[K]>[]
    : ValueOf<T[K]>;
};

/** Flags and positional arguments, as the user typed them. */
export interface ParsedFlags<T extends FlagTable> {
  /** Each given flag's value; absent flags are `undefined`. */
  readonly values: FlagValues<T>;
  /** The arguments that are not flags, in order (those after `--` too). */
  readonly positionals: readonly string[];
}

/**
 * Parses `args` against `flags`.
 *
 * A value that starts with a dash and a digit is taken as a (negative)
 * number, so `--bits -5` reaches the validator instead of failing as a
 * missing value. An unknown flag is named (only its name, cut to 12
 * characters, never a value after `=`), with a suggestion when one is close.
 *
 * @param args The arguments after the command name, or their pre-scan.
 * @param flags The flags the command accepts.
 * @returns The parsed flags and positional arguments.
 * @throws {UsageError} For an unknown flag, a missing or unwanted value, or a
 * flag that is not `multiple` given twice.
 */
export function parseFlags<const T extends FlagTable>(
  args: readonly string[] | Argv,
  flags: T,
): ParsedFlags<T> {
  const argv = "flags" in args ? args : scanArgv(args);
  const options: Record<
    string,
    { type: "string" | "boolean"; short?: string; multiple?: boolean }
  > = {};
  for (const [name, spec] of Object.entries(flags)) {
    options[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...normalise(argv.flags, flags), "--", ...argv.operands],
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    });
  } catch (error) {
    throw rewriteParseError(error, flags);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== "option" || flags[token.name]?.multiple) continue;
    if (seen.has(token.name)) {
      throw new UsageError(
        `Cannot parse arguments: --${token.name} is given more than once`,
      );
    }
    seen.add(token.name);
  }
  return {
    values: parsed.values as FlagValues<T>,
    positionals: parsed.positionals,
  };
}

/**
 * Rewrites `--bits -5` and `-b -5` as `--bits=-5`, and a bare flag with an
 * optional value as `--name=`.
 */
function normalise(args: readonly string[], flags: FlagTable): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = stringFlagName(arg, flags);
    const next = args[i + 1];
    if (name === undefined) {
      out.push(arg);
      continue;
    }
    const optional = flags[name]!.optionalValue;
    if (next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else if (
      optional !== undefined && (next === undefined || !optional.test(next))
    ) {
      out.push(`--${name}=`);
    } else {
      out.push(arg);
    }
  }
  return out;
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

function rewriteParseError(error: unknown, flags: FlagTable): unknown {
  if (!(error instanceof TypeError) || !("code" in error)) return error;
  const quoted = quotedPart(error.message);
  const name = /^--?([\w-]+)/.exec(quoted)?.[1] ?? quoted;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      // Only the flag's name: what follows `=` may be a secret.
      const flag = quoted.split("=")[0]!;
      const known = Object.keys(flags).map((long) => `--${long}`);
      return new UsageError(
        `Cannot parse arguments: unknown flag ${quoteArgument(flag)}${
          flag.length <= 40 ? didYouMean(flag, known) : ""
        }`,
      );
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const long = flags[name] === undefined ? longNameOf(name, flags) : name;
      return flags[long]?.type === "boolean"
        ? new UsageError(`Cannot parse arguments: --${long} takes no value`)
        : new UsageError(`Cannot parse arguments: --${long} needs a value`);
    }
    default:
      return new UsageError("Cannot parse arguments: unexpected argument");
  }
}

/** The text between the first pair of single quotes, found without a regex. */
function quotedPart(message: string): string {
  const start = message.indexOf("'");
  const end = start === -1 ? -1 : message.indexOf("'", start + 1);
  return end === -1 ? "" : message.slice(start + 1, end);
}

function longNameOf(short: string, flags: FlagTable): string {
  for (const [name, spec] of Object.entries(flags)) {
    if (spec.short === short) return name;
  }
  return short;
}
