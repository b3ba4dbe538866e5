/**
 * The one pre-scan of the command line: where the flags end (`--`), and
 * whether a flag such as `--help` was given, without loading `node:util`.
 * Every other look at argv goes through {@linkcode scanArgv}; nothing else
 * in the CLI searches for `--` itself.
 *
 * @module
 */

/** The command line split at the first `--`. */
export interface Argv {
  /** The arguments before the first `--`: flags, their values, positionals. */
  readonly flags: readonly string[];
  /** The arguments after the first `--`: positionals only, never flags. */
  readonly operands: readonly string[];
}

/**
 * Splits `args` at the first `--` (which itself belongs to neither part).
 *
 * @param args The arguments, as typed.
 * @returns The flags part and the operands after `--`.
 */
export function scanArgv(args: readonly string[]): Argv {
  const end = args.indexOf("--");
  return end === -1
    ? { flags: args, operands: [] }
    : { flags: args.slice(0, end), operands: args.slice(end + 1) };
}

/**
 * Whether one of `names` (such as `--help`, `-h`) occurs before `--`,
 * alone or, for a long name, as `--name=...`.
 *
 * @param argv The pre-scanned arguments.
 * @param names The spellings to look for, with their dashes.
 */
export function hasFlag(argv: Argv, ...names: readonly string[]): boolean {
  return argv.flags.some((arg) =>
    names.some((name) =>
      arg === name || (name.startsWith("--") && arg.startsWith(`${name}=`))
    )
  );
}

/** Whether `--help` or `-h` comes before `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  return hasFlag(scanArgv(args), "--help", "-h");
}
