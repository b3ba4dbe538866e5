/**
 * The output flags every command shares, declared once: `--json`,
 * `-q`/`--quiet`, and `--write FILE [--force]`. A command spreads the
 * fragments it supports into its own table:
 *
 * ```ts ignore
 * const FLAGS = { ...JSON_FLAG, ...QUIET_FLAG, ...WRITE_FLAGS, ... } as const satisfies FlagTable;
 * ```
 *
 * and uses the helpers below for what they mean.
 *
 * @module
 */

import type { FlagTable, FlagValues } from "./_args.ts";
import type { RunIo } from "./io.ts";
import { oneLine, UsageError, writeText } from "./_message.ts";

/** `--json`: one JSON document on stdout. */
export const JSON_FLAG = {
  json: { type: "boolean", summary: "one JSON document on stdout" },
} as const satisfies FlagTable;

/** `-q`/`--quiet`: no warnings (errors are still shown). */
export const QUIET_FLAG = {
  quiet: {
    type: "boolean",
    short: "q",
    summary: "no warnings or notes on stderr; errors are still shown",
  },
} as const satisfies FlagTable;

/** `--write FILE` and `--force`: set the variable in a dotenv file. */
export const WRITE_FLAGS = {
  write: {
    type: "string",
    placeholder: "FILE",
    complete: "file",
    summary:
      "set the variable in this .env file in place (new files: mode 0600);\nthe key goes to the file only, never to stdout",
  },
  force: {
    type: "boolean",
    summary: "with --write: replace a value that is already set",
  },
} as const satisfies FlagTable;

/** Where `--write` goes. */
export interface WriteTarget {
  /** The dotenv file, as given. */
  readonly file: string;
  /** Whether a value already set may be replaced. */
  readonly force: boolean;
}

/**
 * Reads `--write` and `--force` from parsed values.
 *
 * @param values The parsed values of a table that includes `WRITE_FLAGS`.
 * @returns The target, or `undefined` without `--write`.
 * @throws {UsageError} For `--force` without `--write`, or an empty FILE.
 */
export function writeTargetOf(
  values: FlagValues<typeof WRITE_FLAGS>,
): WriteTarget | undefined {
  if (values.write === undefined) {
    if (values.force) {
      throw new UsageError("Cannot use --force without --write FILE");
    }
    return undefined;
  }
  if (values.write === "") {
    throw new UsageError("Cannot use --write: FILE is empty");
  }
  return { file: values.write, force: values.force === true };
}

/** One variable for {@linkcode writeToEnvFile}. */
export interface EnvEntry {
  /** The variable name. */
  readonly name: string;
  /** The secret value. */
  readonly value: string;
  /** The characters the value is drawn from, to pick the quoting. */
  readonly characters?: string;
}

/**
 * Sets each entry in the target dotenv file, then says so on stderr with
 * the masked value (`keymint: set NAME in FILE (AbCd...wXyZ)`), unless
 * quiet. Nothing goes to stdout.
 *
 * @param io Where stderr is.
 * @param target The file and `--force`.
 * @param entries The variables to set.
 * @param quiet Leave out the confirmation lines.
 */
export async function writeToEnvFile(
  io: RunIo,
  target: WriteTarget,
  entries: readonly EnvEntry[],
  quiet: boolean | undefined,
): Promise<void> {
  const [{ envAssignment }, { setInEnvFile }, { maskKey }] = await Promise.all([
    import("./_dotenv.ts"),
    import("./_env_file.ts"),
    import("@keymint/core"),
  ]);
  const assignments = entries.map((entry) =>
    envAssignment(entry.name, entry.value, entry.characters ?? entry.value)
  );
  await setInEnvFile(target.file, assignments, target.force);
  if (quiet) return;
  const lines = entries.map((entry) =>
    `keymint: ${
      oneLine(`set ${entry.name} in ${target.file} (${maskKey(entry.value)})`)
    }\n`
  );
  try {
    await writeText(io.stderr, lines.join(""));
  } catch {
    // The file is written; a note that cannot be shown changes nothing.
  }
}

/**
 * Writes `document` as one JSON document (two-space indent, one final
 * newline) on stdout.
 *
 * @param io Where stdout is.
 * @param document Any JSON value.
 */
export async function writeJson(io: RunIo, document: unknown): Promise<void> {
  await writeText(io.stdout, JSON.stringify(document, null, 2) + "\n");
}
